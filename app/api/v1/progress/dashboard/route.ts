import { NextResponse } from "next/server";
import { getDashboard } from "@/lib/db/progress/dashboard";
import { route } from "@/lib/http/route";
import { ZDashboardQuery } from "@/lib/schemas/progress";

/** Per-track progress, confidence, activity and calibration for /dashboard. */
export const GET = route({ auth: "user", query: ZDashboardQuery }, async ({ user, query }) =>
  NextResponse.json(await getDashboard({ userId: user.id, tzOffset: query.tzOffset }), { headers: { "Cache-Control": "private, no-store" } }),
);
