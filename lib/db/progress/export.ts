import { ready } from "../common";

/** Everything progress-related stored about the user, for the data export. */
export async function exportProgress(userId: string) {
  const prisma = await ready();
  const [lessons, quizAttempts, reviewItems, solvedExercises, mutations] = await Promise.all([
    prisma.lessonProgress.findMany({ where: { userId }, orderBy: { lessonId: "asc" } }),
    prisma.quizAttempt.findMany({ where: { userId }, orderBy: { takenAt: "asc" } }),
    prisma.reviewItem.findMany({ where: { userId }, orderBy: { itemKey: "asc" } }),
    prisma.exerciseProgress.findMany({
      where: { userId },
      select: { lessonId: true, exerciseId: true, engine: true, solvedAt: true },
      orderBy: [{ solvedAt: "asc" }, { exerciseId: "asc" }],
    }),
    prisma.appliedMutation.findMany({
      where: { userId },
      select: { id: true, kind: true, lessonId: true, clientTime: true, appliedAt: true, payload: true, resetAt: true },
      orderBy: [{ clientTime: "asc" }, { id: "asc" }],
    }),
  ]);
  return { lessons, quizAttempts, reviewItems, solvedExercises, mutations };
}
