import { ZCheckedSyncRequest } from "@/lib/db/progress/content-checks";
import { syncProgress } from "@/lib/db/progress/sync";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { progressApi } from "@/lib/schemas/progress";

/** A batch of idempotent mutations from the browser's outbox; answers with the merged state. */
export const POST = route({ ...progressApi.sync, body: ZCheckedSyncRequest }, async ({ user, body }) => ({
  data: await syncProgress({ userId: user.id, mutations: body.mutations }),
  cache: PRIVATE,
}));
