import { catalogTrackProgressIds } from "@/lib/content/catalog";
import { Prisma } from "../generated/client";
import { inTransaction } from "./rows";

/**
 * Deletes the learner's progress on one track (or all of it) in one transaction. The ids of the
 * mutations stay in the log, emptied and marked reset: a device that re-sends one of them still
 * gets "duplicate", and the rows no longer count as activity or review history.
 */
export async function resetProgress(input: { userId: string; track?: string }) {
  const lessonIds = input.track ? (catalogTrackProgressIds(input.track) ?? []) : undefined;
  return inTransaction(async (tx) => {
    const byLesson = lessonIds ? { lessonId: { in: lessonIds } } : {};
    const lessons = await tx.lessonProgress.deleteMany({
      where: { userId: input.userId, ...(input.track ? { OR: [{ trackSlug: input.track }, byLesson] } : {}) },
    });
    const attempts = await tx.quizAttempt.deleteMany({ where: { userId: input.userId, ...byLesson } });
    const reviews = await tx.reviewItem.deleteMany({ where: { userId: input.userId, ...byLesson } });
    const exercises = await tx.exerciseProgress.deleteMany({ where: { userId: input.userId, ...byLesson } });
    await tx.appliedMutation.updateMany({
      where: { userId: input.userId, resetAt: null, ...byLesson },
      data: { resetAt: new Date(), payload: Prisma.DbNull },
    });
    return {
      track: input.track ?? null,
      lessons: lessons.count,
      quizAttempts: attempts.count,
      reviewItems: reviews.count,
      solvedExercises: exercises.count,
    };
  });
}
