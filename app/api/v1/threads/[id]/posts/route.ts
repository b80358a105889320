import { NextResponse } from "next/server";
import { createReply } from "@/lib/db/discussion/posts";
import { route } from "@/lib/http/route";
import { ZCreateReplyRequest, ZIdParams } from "@/lib/schemas/discussion";

/** A reply in the thread: to the opening post, or to `parentId`. */
export const POST = route(
  { auth: "user", params: ZIdParams, body: ZCreateReplyRequest },
  async ({ user, params, body }) => {
    const data = await createReply({ actor: user, threadId: params.id, parentId: body.parentId, body: body.body });
    return NextResponse.json(data, { status: 201, headers: { "Cache-Control": "private, no-store" } });
  },
);
