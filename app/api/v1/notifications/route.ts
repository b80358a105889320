import { listNotifications } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { notificationsApi } from "@/lib/schemas/notifications";

/** Replies to your threads and posts, newest first, with the unread count. */
export const GET = route(notificationsApi.list, async ({ user, query }) => ({
  data: await listNotifications({ userId: user.id, page: query.page }),
  cache: PRIVATE,
}));
