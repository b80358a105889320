import { NextResponse } from "next/server";
import { listReportQueue } from "@/lib/db/discussion";
import { route } from "@/lib/http/route";
import { ZModReportsQuery } from "@/lib/schemas/discussion";

/** The moderation queue: open reports grouped by post. */
export const GET = route({ auth: "moderator", query: ZModReportsQuery }, async ({ user, query }) => {
  return NextResponse.json(await listReportQueue({ actorId: user.id, page: query.page }), {
    headers: { "Cache-Control": "private, no-store" },
  });
});
