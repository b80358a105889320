import { NextResponse } from "next/server";
import { getDatabaseStatus } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const status = await getDatabaseStatus();
    return NextResponse.json({ status: "ok", ...status }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("health: database unreachable:", error instanceof Error ? error.message : error);
    return NextResponse.json(
      { status: "unavailable", error: { code: "DATABASE_UNAVAILABLE", message: "The database cannot be reached." } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
