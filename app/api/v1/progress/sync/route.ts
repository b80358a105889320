import { syncProgress } from "@/lib/db/progress";
import { privateJson } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { ZSyncRequest } from "@/lib/schemas/progress";

/** A batch of idempotent mutations from the browser's outbox; answers with the merged state. */
export const POST = route({ auth: "user", body: ZSyncRequest }, async ({ user, body }) =>
  privateJson(await syncProgress({ userId: user.id, mutations: body.mutations })),
);
