import { NextResponse } from "next/server";
import { deletePost, editPost } from "@/lib/db/discussion/posts";
import { route } from "@/lib/http/route";
import { ZEditPostRequest, ZIdParams } from "@/lib/schemas/discussion";

const PRIVATE = { "Cache-Control": "private, no-store" };

export const PATCH = route(
  { auth: "user", params: ZIdParams, body: ZEditPostRequest },
  async ({ user, params, body }) => {
    return NextResponse.json(await editPost({ actor: user, postId: params.id, body: body.body }), {
      headers: PRIVATE,
    });
  },
);

/** Soft delete: the post shows as "[deleted]" and its replies stay. */
export const DELETE = route({ auth: "user", params: ZIdParams }, async ({ user, params }) => {
  return NextResponse.json(await deletePost({ actor: user, postId: params.id }), { headers: PRIVATE });
});
