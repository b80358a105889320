import { reportPost } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { discussionApi } from "@/lib/schemas/discussion";

/** One report per user and post; a second is 409. */
export const POST = route(discussionApi.report, async ({ user, params, body }) => ({
  data: await reportPost({ userId: user.id, postId: params.id, reason: body.reason, note: body.note }),
  cache: PRIVATE,
}));
