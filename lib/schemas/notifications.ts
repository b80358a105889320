import { z } from "zod";
import { contracts } from "@/lib/http/contract";
import { ZMarkReadRequest, ZNotificationsQuery, ZTime } from "./discussion";

/** Replies to the learner's threads and posts (docs/API.md, "Notifications"). */

export const ZNotificationList = z.object({
  unread: z.number().int(),
  notifications: z.array(
    z.object({
      id: z.uuid(),
      createdAt: ZTime,
      readAt: ZTime.nullable(),
      postId: z.uuid(),
      threadId: z.uuid(),
      threadTitle: z.string(),
      lessonId: z.uuid(),
      lessonTitle: z.string().nullable(),
      href: z.string().nullable(),
      from: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      excerpt: z.string(),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  pages: z.number().int(),
  total: z.number().int(),
});

export const ZMarkReadResponse = z.object({ marked: z.number().int(), unread: z.number().int() });

const notifications = contracts("Notifications", "user");

export const notificationsApi = {
  list: notifications.get("/api/v1/notifications", "Replies to your threads and posts, newest first, with the unread count",
    { query: ZNotificationsQuery, response: ZNotificationList }),
  read: notifications.post("/api/v1/notifications/read", 'Mark notifications read: `{ "ids": [...] }` or `{ "all": true }`',
    { body: ZMarkReadRequest, response: ZMarkReadResponse }),
};
