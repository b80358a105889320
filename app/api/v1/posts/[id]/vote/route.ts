import { unvotePost, votePost } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { discussionApi } from "@/lib/schemas/discussion";

/** "Helpful": idempotent, one per user and post. */
export const PUT = route(discussionApi.vote, async ({ user, params }) => ({
  data: await votePost({ userId: user.id, postId: params.id }),
  cache: PRIVATE,
}));

export const DELETE = route(discussionApi.unvote, async ({ user, params }) => ({
  data: await unvotePost({ userId: user.id, postId: params.id }),
  cache: PRIVATE,
}));
