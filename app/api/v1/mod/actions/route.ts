import { NextResponse } from "next/server";
import { moderate } from "@/lib/db/moderation/moderate";
import { route } from "@/lib/http/route";
import { ZModActionRequest } from "@/lib/schemas/discussion";

/** One moderation action, written with its audit row in one transaction. */
export const POST = route({ auth: "moderator", body: ZModActionRequest }, async ({ user, body }) => {
  return NextResponse.json(await moderate({ actor: user, request: body }), {
    headers: { "Cache-Control": "private, no-store" },
  });
});
