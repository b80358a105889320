import { databaseReady, db } from "./client";

/** Everything progress-related stored about the user, for the data export. */
export async function exportProgress(userId: string) {
  await databaseReady();
  const prisma = db();
  const [lessons, quizAttempts, reviewItems] = await Promise.all([
    prisma.lessonProgress.findMany({ where: { userId }, orderBy: { lessonId: "asc" } }),
    prisma.quizAttempt.findMany({ where: { userId }, orderBy: { takenAt: "asc" } }),
    prisma.reviewItem.findMany({ where: { userId }, orderBy: { itemKey: "asc" } }),
  ]);
  return { lessons, quizAttempts, reviewItems };
}
