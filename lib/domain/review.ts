import { createEmptyCard, fsrs, type Card, type Grade } from "ts-fsrs";
import { cardItemKey, lessonItemKey, parseItemKey, type TAttempt, type TProgressState, type TRating, type TReviewEvent } from "./progress";

/**
 * Review scheduling with FSRS (ts-fsrs), replayed from events so that it converges like the rest of
 * progress: an item's schedule is a function of the *set* of its events, folded in (time, id)
 * order, never of the order in which devices delivered them.
 *
 * Items: "lesson:<lessonId>" (events: quiz attempts, graded by score, and review ratings) and
 * "card:<lessonId>:<n>" for each interview-prep card of the lesson's current version (events:
 * review ratings). Items enter the schedule when their lesson is completed, first due a day later;
 * an item with review events but no completion (e.g. rated before a reset elsewhere) enters at its
 * first event. Days-based scheduling (no minute-long learning steps) and no fuzz, so the result
 * is the same on every machine.
 */
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false });
const DAY_MS = 24 * 60 * 60 * 1000;

export const RATING_LABELS: Record<TRating, string> = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };

export type TSchedule = {
  itemKey: string;
  lessonId: string;
  due: string;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: string | null;
};

type TEvent = { id: string; at: string; grade: TRating };

/** All correct: Good; at least half: Hard; less: Again. */
export function quizGrade(score: number, total: number): TRating {
  if (total <= 0) return 1;
  if (score >= total) return 3;
  return score * 2 >= total ? 2 : 1;
}

function toSchedule(itemKey: string, lessonId: string, card: Card): TSchedule {
  return {
    itemKey,
    lessonId,
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? card.last_review.toISOString() : null,
  };
}

/** One item's schedule: a new card that entered at `enteredAt` (due a day later), then every event in order. */
export function scheduleItem(input: { itemKey: string; lessonId: string; enteredAt: string; events: TEvent[] }): TSchedule {
  const entered = new Date(input.enteredAt);
  let card: Card = { ...createEmptyCard(entered), due: new Date(entered.getTime() + DAY_MS) };
  const events = [...input.events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of events) card = scheduler.next(card, new Date(e.at), e.grade as Grade).card;
  return toSchedule(input.itemKey, input.lessonId, card);
}

/**
 * Every scheduled item of one lesson. `cardCount` is the number of prep cards of the lesson's
 * current version; review events for keys of other lessons are ignored.
 */
export function scheduleLesson(input: {
  lessonId: string;
  completedAt: string | null;
  cardCount: number;
  attempts: Pick<TAttempt, "id" | "score" | "total" | "at">[];
  reviews: Pick<TReviewEvent, "id" | "itemKey" | "rating" | "at">[];
}): TSchedule[] {
  const byKey = new Map<string, TEvent[]>();
  const push = (key: string, e: TEvent) => byKey.set(key, [...(byKey.get(key) ?? []), e]);
  const lessonKey = lessonItemKey(input.lessonId);
  for (const a of input.attempts) push(lessonKey, { id: a.id, at: a.at, grade: quizGrade(a.score, a.total) });
  for (const r of input.reviews) {
    const item = parseItemKey(r.itemKey);
    if (!item || item.lessonId !== input.lessonId) continue;
    if (item.type === "card" && item.index >= input.cardCount) continue;
    push(r.itemKey, { id: r.id, at: r.at, grade: r.rating });
  }
  const keys = [lessonKey, ...Array.from({ length: input.cardCount }, (_, n) => cardItemKey(input.lessonId, n))];
  const out: TSchedule[] = [];
  for (const key of keys) {
    const events = byKey.get(key) ?? [];
    // Quiz attempts alone do not put a lesson in the schedule: completing it does.
    const rated = key === lessonKey ? events.filter((e) => !input.attempts.some((a) => a.id === e.id)) : events;
    const enteredAt = input.completedAt ?? (rated.length > 0 ? rated.reduce((min, e) => (e.at < min ? e.at : min), rated[0]!.at) : null);
    if (enteredAt === null) continue;
    out.push(scheduleItem({ itemKey: key, lessonId: input.lessonId, enteredAt, events }));
  }
  return out;
}

/** The whole schedule of a progress state (the pure model of what the server stores in review_items). */
export function scheduleAll(state: TProgressState, cardCounts: Record<string, number>): Record<string, TSchedule> {
  const reviewsByLesson = new Map<string, TReviewEvent[]>();
  for (const e of Object.values(state.reviewEvents)) {
    const item = parseItemKey(e.itemKey);
    if (item) reviewsByLesson.set(item.lessonId, [...(reviewsByLesson.get(item.lessonId) ?? []), e]);
  }
  const out: Record<string, TSchedule> = {};
  const lessonIds = new Set([...Object.keys(state.lessons), ...reviewsByLesson.keys()]);
  for (const lessonId of lessonIds) {
    const lesson = state.lessons[lessonId];
    for (const s of scheduleLesson({
      lessonId,
      completedAt: lesson?.completedAt ?? null,
      cardCount: cardCounts[lessonId] ?? 0,
      attempts: lesson?.attempts ?? [],
      reviews: reviewsByLesson.get(lessonId) ?? [],
    })) {
      out[s.itemKey] = s;
    }
  }
  return out;
}
