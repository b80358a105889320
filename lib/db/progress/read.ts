import { catalogTrackProgressIds } from "@/lib/content/catalog";
import type { TProgressResponse } from "@/lib/domain/progress";
import { ready } from "../common";
import { toLessonState, toReviewState, type AttemptRow, type ExerciseRow } from "./rows";

/** Everything the learner's devices show: lesson states with attempts, and scheduled review items. */
export async function getProgress(input: { userId: string; track?: string }): Promise<TProgressResponse> {
  const prisma = await ready();
  const lessonIds = input.track ? (catalogTrackProgressIds(input.track) ?? []) : undefined;
  const lessonFilter = lessonIds ? { lessonId: { in: lessonIds } } : {};
  const [lessons, attempts, reviews, exercises] = await Promise.all([
    prisma.lessonProgress.findMany({
      where: { userId: input.userId, ...lessonFilter },
      select: {
        lessonId: true,
        visitedAt: true,
        completedAt: true,
        completedVersion: true,
        selfCheck: true,
        confidence: true,
        confidenceAt: true,
      },
      orderBy: { lessonId: "asc" },
    }),
    prisma.quizAttempt.findMany({
      where: { userId: input.userId, ...lessonFilter },
      select: { id: true, lessonId: true, version: true, score: true, total: true, takenAt: true },
    }),
    prisma.reviewItem.findMany({
      where: { userId: input.userId, ...lessonFilter },
      select: { itemKey: true, lessonId: true, due: true, state: true, reps: true, lapses: true, scheduledDays: true, lastReview: true },
      orderBy: { itemKey: "asc" },
    }),
    prisma.exerciseProgress.findMany({
      where: { userId: input.userId, ...lessonFilter },
      select: { lessonId: true, exerciseId: true, engine: true, solvedAt: true },
    }),
  ]);
  const attemptRows: AttemptRow[] = attempts.map((a) => ({ ...a, lesson_id: a.lessonId, taken_at: a.takenAt }));
  const exercisesOfLesson = (lessonId: string): ExerciseRow[] =>
    exercises.filter((e) => e.lessonId === lessonId).map((e) => ({ exercise_id: e.exerciseId, engine: e.engine, at: e.solvedAt.toISOString() }));
  return {
    lessons: lessons.map((l) =>
      toLessonState(
        {
          lesson_id: l.lessonId,
          visited_at: l.visitedAt,
          completed_at: l.completedAt,
          completed_version: l.completedVersion,
          self_check: l.selfCheck,
          confidence: l.confidence,
          confidence_at: l.confidenceAt,
        },
        attemptRows,
        exercisesOfLesson(l.lessonId),
      ),
    ),
    reviews: reviews.map((r) =>
      toReviewState({
        item_key: r.itemKey,
        lesson_id: r.lessonId,
        due: r.due,
        state: r.state,
        reps: r.reps,
        lapses: r.lapses,
        scheduled_days: r.scheduledDays,
        last_review: r.lastReview,
      }),
    ),
  };
}

/** Mutations per calendar day (the learner's, shifted by tzOffset minutes) since `since`. */
export async function getActivityDays(input: { userId: string; since: Date; tzOffset: number }): Promise<{ date: string; count: number }[]> {
  const prisma = await ready();
  return prisma.$queryRaw<{ date: string; count: number }[]>`
    SELECT to_char((client_time AT TIME ZONE 'UTC') + make_interval(mins => ${input.tzOffset}::int), 'YYYY-MM-DD') AS date,
           count(*)::int AS count
    FROM applied_mutations
    WHERE user_id = ${input.userId}::uuid AND reset_at IS NULL AND client_time >= ${input.since.toISOString()}::timestamptz
    GROUP BY 1 ORDER BY 1`;
}
