import { syncProgress } from "@/lib/db/progress";
import { privateJson } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { ZSyncRequest } from "@/lib/content/progress-requests";

/**
 * A batch of idempotent mutations from the browser's outbox; answers with the merged state. A full
 * batch (200 mutations, the largest a quiz attempt with 50 answers) stays under 512 KB.
 */
export const POST = route({ auth: "user", body: ZSyncRequest, maxBodyBytes: 512 * 1024 }, async ({ user, body }) =>
  privateJson(await syncProgress({ userId: user.id, mutations: body.mutations })),
);
