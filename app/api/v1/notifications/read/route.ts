import { NextResponse } from "next/server";
import { markNotificationsRead } from "@/lib/db/discussion/notifications";
import { route } from "@/lib/http/route";
import { ZMarkReadRequest } from "@/lib/schemas/discussion";

/** Marks notifications read: `{ "ids": [...] }` or `{ "all": true }`. */
export const POST = route({ auth: "user", body: ZMarkReadRequest }, async ({ user, body }) => {
  return NextResponse.json(await markNotificationsRead({ userId: user.id, ids: body.ids, all: body.all }), {
    headers: { "Cache-Control": "private, no-store" },
  });
});
