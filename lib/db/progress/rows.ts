import type { TLessonState, TReviewItemState, TSelfCheckState } from "@/lib/domain/progress";
import { ready, type Tx } from "../common";

/**
 * Progress: per user and lesson, merged from idempotent mutations (docs/decisions/007-progress-sync.md).
 * Every service in this folder takes the user id from the session and touches only that user's rows.
 * This module holds the row shapes, their conversion to the API's shapes, and the retrying transaction.
 */

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type LessonRow = {
  lesson_id: string;
  visited_at: Date | null;
  completed_at: Date | null;
  completed_version: string | null;
  self_check: unknown;
  confidence: number | null;
  confidence_at: Date | null;
};
export type AttemptRow = { id: string; lesson_id: string; version: string; score: number; total: number; taken_at: Date };
/** A solved exercise as the batch statement returns it (`at` as an ISO string from jsonb). */
export type ExerciseRow = { exercise_id: string; engine: string; at: string };
/** An FSRS card's row: its key and lesson, then the scheduler's state. */
export type ReviewRow = {
  item_key: string;
  lesson_id: string;
  due: Date;
  state: number; reps: number; lapses: number; scheduled_days: number;
  last_review: Date | null;
};

function selfCheckOf(raw: unknown): TLessonState["selfCheck"] {
  const out: TLessonState["selfCheck"] = {};
  if (raw && typeof raw === "object") {
    for (const [k, v] of Object.entries(raw as Record<string, { state?: string; at?: string }>)) {
      if ((v?.state === "known" || v?.state === "unsure") && typeof v.at === "string") out[k] = { state: v.state as TSelfCheckState, at: v.at };
    }
  }
  return out;
}

function exercisesOf(rows: ExerciseRow[]): TLessonState["exercises"] {
  const out: TLessonState["exercises"] = {};
  for (const r of rows) {
    if (r.engine === "sqlite" || r.engine === "postgres") out[r.exercise_id] = { at: new Date(r.at).toISOString(), engine: r.engine };
  }
  return out;
}

export function toLessonState(row: LessonRow, attempts: AttemptRow[], exercises: ExerciseRow[] = []): TLessonState {
  return {
    lessonId: row.lesson_id,
    visitedAt: iso(row.visited_at),
    completedVersion: row.completed_version,
    completedAt: iso(row.completed_at),
    selfCheck: selfCheckOf(row.self_check),
    confidence: row.confidence,
    confidenceAt: iso(row.confidence_at),
    attempts: attempts
      .filter((a) => a.lesson_id === row.lesson_id)
      .map((a) => ({ id: a.id, version: a.version, score: a.score, total: a.total, at: a.taken_at.toISOString() }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1)),
    exercises: exercisesOf(exercises),
  };
}

export function toReviewState(row: ReviewRow): TReviewItemState {
  return {
    itemKey: row.item_key,
    lessonId: row.lesson_id,
    due: row.due.toISOString(),
    state: row.state,
    reps: row.reps,
    lapses: row.lapses,
    scheduledDays: row.scheduled_days,
    lastReview: iso(row.last_review),
  };
}

/** PostgreSQL's deadlock and serialization failures: the transaction did nothing and can run again. */
function isRetryable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  for (const value of Object.values(error as Record<string, unknown>)) {
    if (value === "40P01" || value === "40001") return true;
    if (value && typeof value === "object" && isRetryable(value, depth + 1)) return true;
  }
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && isRetryable(cause, depth + 1);
}

export async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 4 || !isRetryable(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}

export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma = await ready();
  return withRetry(() => prisma.$transaction(fn, { maxWait: 15_000, timeout: 30_000 }));
}
