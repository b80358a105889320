import { NextResponse } from "next/server";
import { deleteThread, getThread, updateThread } from "@/lib/db/discussion/threads";
import { route } from "@/lib/http/route";
import { ZIdParams, ZThreadListQuery, ZUpdateThreadRequest } from "@/lib/schemas/discussion";

const PRIVATE = { "Cache-Control": "private, no-store" };

export const GET = route(
  { auth: "optional", params: ZIdParams, query: ZThreadListQuery },
  async ({ user, params, query }) => {
    const data = await getThread({
      viewer: user,
      threadId: params.id,
      sort: query.sort,
      page: query.page,
    });
    return NextResponse.json(data, { headers: PRIVATE });
  },
);

/** The author changes the title and/or the opening post. */
export const PATCH = route(
  { auth: "user", params: ZIdParams, body: ZUpdateThreadRequest },
  async ({ user, params, body }) => {
    return NextResponse.json(
      await updateThread({ actor: user, threadId: params.id, title: body.title, body: body.body }),
      { headers: PRIVATE },
    );
  },
);

/** The author deletes the opening post (soft); replies stay. */
export const DELETE = route({ auth: "user", params: ZIdParams }, async ({ user, params }) => {
  return NextResponse.json(await deleteThread({ actor: user, threadId: params.id }), { headers: PRIVATE });
});
