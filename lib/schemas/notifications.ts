import { z } from "zod";
import { endpoint } from "@/lib/http/contract";
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

const notifications = { tag: "Notifications", auth: "user" } as const;

export const notificationsApi = {
  list: endpoint({
    ...notifications,
    method: "GET",
    path: "/api/v1/notifications",
    summary: "Replies to your threads and posts, newest first, with the unread count",
    query: ZNotificationsQuery,
    response: ZNotificationList,
  }),
  read: endpoint({
    ...notifications,
    method: "POST",
    path: "/api/v1/notifications/read",
    summary: 'Mark notifications read: `{ "ids": [...] }` or `{ "all": true }`',
    body: ZMarkReadRequest,
    response: ZMarkReadResponse,
  }),
};
