import { NextResponse } from "next/server";
import { createThread, listThreads } from "@/lib/db/discussion/threads";
import { route } from "@/lib/http/route";
import { ZCreateThreadRequest, ZLessonThreadsParams, ZThreadListQuery } from "@/lib/schemas/discussion";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** A lesson's threads, for everyone (moderators also see hidden ones). */
export const GET = route(
  { auth: "optional", params: ZLessonThreadsParams, query: ZThreadListQuery },
  async ({ user, params, query }) => {
    const data = await listThreads({
      viewer: user,
      lessonId: params.lessonId,
      sort: query.sort,
      page: query.page,
    });
    return NextResponse.json(data, { headers: PRIVATE });
  },
);

export const POST = route(
  { auth: "user", params: ZLessonThreadsParams, body: ZCreateThreadRequest },
  async ({ user, params, body }) => {
    const data = await createThread({ actor: user, lessonId: params.lessonId, title: body.title, body: body.body });
    return NextResponse.json(data, { status: 201, headers: PRIVATE });
  },
);
