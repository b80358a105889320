import { NextResponse } from "next/server";
import { listAudit } from "@/lib/db/moderation/audit-log";
import { route } from "@/lib/http/route";
import { ZAuditQuery } from "@/lib/schemas/discussion";

/** The audit log with filters: action, moderator (actorId), from/to (UTC days). */
export const GET = route({ auth: "moderator", query: ZAuditQuery }, async ({ user, query }) => {
  const data = await listAudit({
    actor: user,
    action: query.action,
    moderatorId: query.actorId,
    from: query.from,
    to: query.to,
    page: query.page,
  });
  return NextResponse.json(data, { headers: { "Cache-Control": "private, no-store" } });
});
