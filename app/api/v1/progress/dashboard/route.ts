import { getDashboard } from "@/lib/db/progress";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { progressApi } from "@/lib/schemas/progress";

/** Per-track progress, confidence, activity and calibration for /dashboard. */
export const GET = route(progressApi.dashboard, async ({ user, query }) => ({
  data: await getDashboard({ userId: user.id, tzOffset: query.tzOffset }),
  cache: PRIVATE,
}));
