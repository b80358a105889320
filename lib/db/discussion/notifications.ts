import { catalogLesson } from "@/lib/content/catalog";
import { excerpt, paginate } from "@/lib/domain/discussion";
import { ready } from "../common";

/** Replies to one's threads and posts, listed and marked read, for the user route() read for the request. */

export const NOTIFICATIONS_PAGE_SIZE = 20;
/** Unread notifications looked at for the count; older unread ones beyond this are not counted. */
const UNREAD_CAP = 500;

/** Only replies everyone can see count: hidden, removed or deleted replies drop out. */
async function visibleNotifications(rows: { id: string; postId: string }[]) {
  if (!rows.length) return new Map<string, Awaited<ReturnType<typeof notificationPosts>>[number]>();
  const posts = await notificationPosts([...new Set(rows.map((r) => r.postId))]);
  return new Map(posts.map((p) => [p.id, p]));
}

async function notificationPosts(ids: string[]) {
  const prisma = await ready();
  return prisma.post.findMany({
    where: { id: { in: ids }, status: "VISIBLE", deletedAt: null, thread: { status: "VISIBLE" } },
    select: {
      id: true,
      body: true,
      parentId: true,
      author: { select: { id: true, name: true } },
      thread: { select: { id: true, title: true, lessonId: true } },
    },
  });
}

export async function listNotifications(input: { userId: string; page: number }) {
  const prisma = await ready();
  const user = { id: input.userId };
  const [unreadRows, rows] = await Promise.all([
    prisma.notification.findMany({
      where: { userId: user.id, readAt: null },
      select: { id: true, postId: true },
      orderBy: { createdAt: "desc" },
      take: UNREAD_CAP,
    }),
    prisma.notification.findMany({
      where: { userId: user.id },
      select: { id: true, postId: true, readAt: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 200,
    }),
  ]);
  const visible = await visibleNotifications([...unreadRows, ...rows]);
  const unread = unreadRows.filter((r) => visible.has(r.postId)).length;
  const shown = rows.filter((r) => visible.has(r.postId));
  const page = paginate(shown, input.page, NOTIFICATIONS_PAGE_SIZE);
  return {
    unread,
    notifications: page.items.map((n) => {
      const post = visible.get(n.postId)!;
      const lesson = catalogLesson(post.thread.lessonId);
      return {
        id: n.id,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
        postId: post.id,
        threadId: post.thread.id,
        threadTitle: post.thread.title,
        lessonId: post.thread.lessonId,
        lessonTitle: lesson?.title ?? null,
        href: lesson ? `${lesson.path}#thread-${post.thread.id}` : null,
        from: post.author ? { id: post.author.id, name: post.author.name } : null,
        excerpt: excerpt(post.body),
      };
    }),
    page: page.page,
    pageSize: page.pageSize,
    pages: page.pages,
    total: page.total,
  };
}

export async function markNotificationsRead(input: { userId: string; ids?: string[]; all?: boolean }) {
  const prisma = await ready();
  const user = { id: input.userId };
  const updated = await prisma.notification.updateMany({
    where: { userId: user.id, readAt: null, ...(input.all ? {} : { id: { in: input.ids ?? [] } }) },
    data: { readAt: new Date() },
  });
  const { unread } = await listNotifications({ userId: user.id, page: 1 });
  return { marked: updated.count, unread };
}
