import { catalogCapstone, catalogLesson, catalogTracks } from "@/lib/content/catalog";
import { lessonHref } from "@/lib/format";
import type { TDashboard, TReviewCard } from "@/lib/domain/progress";
import { calibrationVerdict, confidenceDistribution, latestAttempt, trackExerciseProgress, trackProgress } from "@/lib/domain/progress-view";
import { ready } from "../common";
import { getActivityDays, getProgress } from "./read";

export async function getDashboard(input: { userId: string; tzOffset: number; now?: Date }): Promise<TDashboard> {
  const now = input.now ?? new Date();
  const today = new Date(now.getTime() + input.tzOffset * 60_000).toISOString().slice(0, 10);
  const since = new Date(now.getTime() - 372 * 86_400_000);
  const [progress, days] = await Promise.all([getProgress({ userId: input.userId }), getActivityDays({ userId: input.userId, since, tzOffset: input.tzOffset })]);
  const byId = Object.fromEntries(progress.lessons.map((l) => [l.lessonId, l]));
  const known = progress.lessons.filter((l) => catalogLesson(l.lessonId));
  const nowIso = now.toISOString();
  const upcoming = progress.reviews.filter((r) => r.due > nowIso).map((r) => r.due).sort();
  return {
    today,
    tracks: catalogTracks().map((t) => ({
      slug: t.slug,
      title: t.title,
      href: `/tracks/${t.slug}`,
      lessonCount: t.lessonCount,
      lessonIds: [...t.published, ...t.capstones],
      ...trackProgress(t.published, byId),
      exercises: trackExerciseProgress(
        Object.fromEntries(t.published.map((id) => [id, catalogLesson(id)?.exerciseIds ?? []])),
        Object.fromEntries(t.capstones.map((id) => [id, catalogCapstone(id)?.exercises.map((x) => x.id) ?? []])),
        byId,
      ),
    })),
    confidence: confidenceDistribution(known),
    activity: { days },
    calibration: known
      .filter((l) => l.confidence !== null || l.attempts.length > 0)
      .map((l) => {
        const lesson = catalogLesson(l.lessonId)!;
        const attempt = latestAttempt(l);
        return {
          lessonId: l.lessonId,
          title: lesson.title,
          href: lessonHref(lesson.trackSlug, lesson.slug),
          step: lesson.step,
          trackTitle: lesson.trackTitle,
          confidence: l.confidence,
          score: attempt?.score ?? null,
          total: attempt?.total ?? null,
          verdict: calibrationVerdict(l.confidence, attempt),
        };
      })
      .sort((a, b) => a.trackTitle.localeCompare(b.trackTitle) || a.step - b.step),
    review: { due: progress.reviews.length - upcoming.length, scheduled: progress.reviews.length, nextDue: upcoming[0] ?? null },
    started: known.length,
  };
}

export const REVIEW_QUEUE_MAX = 50;

/** The items due now, oldest due first, with the text to show; and when the next one falls due. */
export async function getReviewQueue(input: { userId: string; now?: Date }) {
  const prisma = await ready();
  const now = input.now ?? new Date();
  const [due, scheduled, next] = await Promise.all([
    prisma.reviewItem.findMany({
      where: { userId: input.userId, due: { lte: now } },
      select: { itemKey: true, lessonId: true, due: true, reps: true },
      orderBy: [{ due: "asc" }, { itemKey: "asc" }],
      take: REVIEW_QUEUE_MAX,
    }),
    prisma.reviewItem.count({ where: { userId: input.userId } }),
    prisma.reviewItem.findFirst({ where: { userId: input.userId, due: { gt: now } }, select: { due: true }, orderBy: { due: "asc" } }),
  ]);
  const items: TReviewCard[] = due.flatMap((row): TReviewCard[] => {
    const lesson = catalogLesson(row.lessonId);
    if (!lesson) return [];
    const common = {
      itemKey: row.itemKey,
      lessonId: row.lessonId,
      trackTitle: lesson.trackTitle,
      lessonTitle: lesson.title,
      href: lessonHref(lesson.trackSlug, lesson.slug),
      due: row.due.toISOString(),
      reps: row.reps,
    };
    if (row.itemKey.startsWith("lesson:")) {
      return [{ ...common, type: "lesson" as const, front: `Explain “${lesson.title}” in 30 seconds, without notes.`, back: lesson.summary }];
    }
    const card = lesson.cards[Number(row.itemKey.split(":")[2])];
    return card ? [{ ...common, type: "card" as const, front: card.front, back: card.back }] : [];
  });
  return { items, scheduled, nextDue: next ? next.due.toISOString() : null };
}
