import { databaseReady, db } from "./client";

/** The user's own threads, posts, votes and reports, for the data export. */
export async function exportDiscussion(userId: string) {
  await databaseReady();
  const prisma = db();
  const [threads, posts, votes, reports] = await Promise.all([
    prisma.thread.findMany({ where: { authorId: userId }, select: { id: true, lessonId: true, title: true, createdAt: true } }),
    prisma.post.findMany({
      where: { authorId: userId },
      select: { id: true, threadId: true, parentId: true, body: true, createdAt: true, editedAt: true, deletedAt: true },
    }),
    prisma.vote.findMany({ where: { userId }, select: { postId: true, createdAt: true } }),
    prisma.report.findMany({ where: { reporterId: userId }, select: { postId: true, reason: true, note: true, createdAt: true } }),
  ]);
  return { threads, posts, votes, reports };
}
