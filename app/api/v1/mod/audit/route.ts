import { listAudit } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { moderationApi } from "@/lib/schemas/moderation";

/** The audit log with filters: action, moderator (actorId), from/to (UTC days). */
export const GET = route(moderationApi.audit, async ({ user, query }) => ({
  data: await listAudit({
    actorId: user.id,
    action: query.action,
    moderatorId: query.actorId,
    from: query.from,
    to: query.to,
    page: query.page,
  }),
  cache: PRIVATE,
}));
