import { NextResponse } from "next/server";
import { unvotePost, votePost } from "@/lib/db/discussion/votes";
import { route } from "@/lib/http/route";
import { ZIdParams } from "@/lib/schemas/discussion";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** "Helpful": idempotent, one per user and post. */
export const PUT = route({ auth: "user", params: ZIdParams }, async ({ user, params }) => {
  return NextResponse.json(await votePost({ actor: user, postId: params.id }), { headers: PRIVATE });
});

export const DELETE = route({ auth: "user", params: ZIdParams }, async ({ user, params }) => {
  return NextResponse.json(await unvotePost({ actor: user, postId: params.id }), { headers: PRIVATE });
});
