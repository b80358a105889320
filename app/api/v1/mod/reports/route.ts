import { NextResponse } from "next/server";
import { listReportQueue } from "@/lib/db/moderation/queue";
import { route } from "@/lib/http/route";
import { ZModReportsQuery } from "@/lib/schemas/discussion";

/** The moderation queue: open reports grouped by post. */
export const GET = route({ auth: "moderator", query: ZModReportsQuery }, async ({ user, query }) => {
  return NextResponse.json(await listReportQueue({ actor: user, page: query.page }), {
    headers: { "Cache-Control": "private, no-store" },
  });
});
