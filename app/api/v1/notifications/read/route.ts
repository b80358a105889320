import { markNotificationsRead } from "@/lib/db/discussion";
import { PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { notificationsApi } from "@/lib/schemas/notifications";

/** Marks notifications read: `{ "ids": [...] }` or `{ "all": true }`. */
export const POST = route(notificationsApi.read, async ({ user, body }) => ({
  data: await markNotificationsRead({ userId: user.id, ids: body.ids, all: body.all }),
  cache: PRIVATE,
}));
