import { NextResponse } from "next/server";
import { getProgress, resetProgress } from "@/lib/db/progress";
import { route } from "@/lib/http/route";
import { ZProgressQuery } from "@/lib/content/progress-requests";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** Everything the learner's devices show (`?track=sql` for one track). */
export const GET = route({ auth: "user", query: ZProgressQuery }, async ({ user, query }) =>
  NextResponse.json(await getProgress({ userId: user.id, track: query.track }), { headers: PRIVATE }),
);

/** Reset: one track with `?track=sql`, or everything. */
export const DELETE = route({ auth: "user", query: ZProgressQuery }, async ({ user, query }) =>
  NextResponse.json({ reset: await resetProgress({ userId: user.id, track: query.track }) }, { headers: PRIVATE }),
);
