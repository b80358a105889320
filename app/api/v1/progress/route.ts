import { ZCheckedProgressQuery } from "@/lib/db/progress/content-checks";
import { getProgress } from "@/lib/db/progress/read";
import { resetProgress } from "@/lib/db/progress/reset";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { progressApi } from "@/lib/schemas/progress";

/** Everything the learner's devices show (`?track=sql` for one track). */
export const GET = route({ ...progressApi.get, query: ZCheckedProgressQuery }, async ({ user, query }) => ({
  data: await getProgress({ userId: user.id, track: query.track }),
  cache: PRIVATE,
}));

/** Reset: one track with `?track=sql`, or everything. */
export const DELETE = route({ ...progressApi.reset, query: ZCheckedProgressQuery }, async ({ user, query }) => ({
  data: { reset: await resetProgress({ userId: user.id, track: query.track }) },
  cache: PRIVATE,
}));
