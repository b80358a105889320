import { ready } from "../common";

/** Everything of the discussion stored about the user, for the data export. */
export async function exportDiscussion(userId: string) {
  const prisma = await ready();
  const [threads, posts, votes, reports, notifications] = await Promise.all([
    prisma.thread.findMany({
      where: { authorId: userId },
      select: { id: true, lessonId: true, title: true, status: true, locked: true, pinned: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.post.findMany({
      where: { authorId: userId },
      select: {
        id: true,
        threadId: true,
        parentId: true,
        body: true,
        status: true,
        helpfulCount: true,
        createdAt: true,
        editedAt: true,
        deletedAt: true,
      },
      orderBy: { createdAt: "asc" },
    }),
    prisma.vote.findMany({
      where: { userId },
      select: { postId: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.report.findMany({
      where: { reporterId: userId },
      select: { postId: true, reason: true, note: true, status: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.notification.findMany({
      where: { userId },
      select: { postId: true, threadId: true, lessonId: true, readAt: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { threads, posts, votes, reports, notifications };
}
