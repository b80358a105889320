import { deletePost, editPost } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { discussionApi } from "@/lib/schemas/discussion";

export const PATCH = route(discussionApi.editPost, async ({ user, params, body }) => ({
  data: await editPost({ userId: user.id, postId: params.id, body: body.body }),
  cache: PRIVATE,
}));

/** Soft delete: the post shows as "[deleted]" and its replies stay. */
export const DELETE = route(discussionApi.deletePost, async ({ user, params }) => ({
  data: await deletePost({ userId: user.id, postId: params.id }),
  cache: PRIVATE,
}));
