import { listUsers } from "@/lib/db/users";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { adminApi } from "@/lib/schemas/admin";

export const GET = route(adminApi.users, async ({ user, query }) => ({
  data: await listUsers({ actorId: user.id, q: query.q, page: query.page }),
  cache: PRIVATE,
}));
