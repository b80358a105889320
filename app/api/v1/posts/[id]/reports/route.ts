import { NextResponse } from "next/server";
import { reportPost } from "@/lib/db/discussion/reports";
import { route } from "@/lib/http/route";
import { ZIdParams, ZReportRequest } from "@/lib/schemas/discussion";

/** One report per user and post; a second is 409. */
export const POST = route({ auth: "user", params: ZIdParams, body: ZReportRequest }, async ({ user, params, body }) => {
  const data = await reportPost({ actor: user, postId: params.id, reason: body.reason, note: body.note });
  return NextResponse.json(data, { status: 201, headers: { "Cache-Control": "private, no-store" } });
});
