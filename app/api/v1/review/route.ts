import { NextResponse } from "next/server";
import { getReviewQueue } from "@/lib/db/progress/dashboard";
import { route } from "@/lib/http/route";

/** The review items due now (FSRS) and when the next one falls due. */
export const GET = route({ auth: "user" }, async ({ user }) =>
  NextResponse.json(await getReviewQueue({ userId: user.id }), { headers: { "Cache-Control": "private, no-store" } }),
);
