import { syncProgress } from "@/lib/db/progress";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { progressApi } from "@/lib/schemas/progress";

/** A batch of idempotent mutations from the browser's outbox; answers with the merged state. */
export const POST = route(progressApi.sync, async ({ user, body }) => ({
  data: await syncProgress({ userId: user.id, mutations: body.mutations }),
  cache: PRIVATE,
}));
