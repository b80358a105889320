import { getProgress, resetProgress } from "@/lib/db/progress";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { progressApi } from "@/lib/schemas/progress";

/** Everything the learner's devices show (`?track=sql` for one track). */
export const GET = route(progressApi.get, async ({ user, query }) => ({
  data: await getProgress({ userId: user.id, track: query.track }),
  cache: PRIVATE,
}));

/** Reset: one track with `?track=sql`, or everything. */
export const DELETE = route(progressApi.reset, async ({ user, query }) => ({
  data: { reset: await resetProgress({ userId: user.id, track: query.track }) },
  cache: PRIVATE,
}));
