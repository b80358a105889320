import { exportUserData } from "@/lib/db/users";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { accountApi } from "@/lib/schemas/account";

/** A download: the browser saves it under a dated name. */
export const GET = route(accountApi.export, async ({ user }) => ({
  data: await exportUserData(user.id),
  cache: PRIVATE,
  headers: { "Content-Disposition": `attachment; filename="learn-netverks-export-${new Date().toISOString().slice(0, 10)}.json"` },
}));
