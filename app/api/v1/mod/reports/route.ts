import { listReportQueue } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { moderationApi } from "@/lib/schemas/moderation";

/** The moderation queue: open reports grouped by post. */
export const GET = route(moderationApi.reports, async ({ user, query }) => ({
  data: await listReportQueue({ actorId: user.id, page: query.page }),
  cache: PRIVATE,
}));
