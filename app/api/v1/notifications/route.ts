import { NextResponse } from "next/server";
import { listNotifications } from "@/lib/db/discussion/notifications";
import { route } from "@/lib/http/route";
import { ZNotificationsQuery } from "@/lib/schemas/discussion";

/** Replies to your threads and posts, newest first, with the unread count. */
export const GET = route({ auth: "user", query: ZNotificationsQuery }, async ({ user, query }) => {
  return NextResponse.json(await listNotifications({ userId: user.id, page: query.page }), {
    headers: { "Cache-Control": "private, no-store" },
  });
});
