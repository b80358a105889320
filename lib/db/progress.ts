import { catalogExerciseSet, catalogLesson, catalogTrackProgressIds, catalogTracks } from "@/lib/content/catalog";
import { lessonHref } from "@/lib/format";
import {
  mutationLessonId,
  type TLessonState,
  type TMutation,
  type TDashboard,
  type TProgressResponse,
  type TReviewCard,
  type TReviewItemState,
  type TSelfCheckState,
  type TSyncResponse,
} from "@/lib/domain/progress";
import { calibrationVerdict, confidenceDistribution, exerciseProgress, latestAttempt, trackProgress } from "@/lib/domain/progress-view";
import { scheduleLesson, type TSchedule } from "@/lib/domain/review";
import { ZSyncRequest } from "@/lib/schemas/progress";
import { databaseReady, db } from "./client";
import { Prisma } from "./generated/client";

/**
 * Progress: per user and lesson, merged from idempotent mutations (docs/decisions/007-progress-sync.md).
 * Every function takes the user id from the session and touches only that user's rows.
 */

type Tx = Prisma.TransactionClient;

async function ready() {
  await databaseReady();
  return db();
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type LessonRow = {
  lesson_id: string;
  visited_at: Date | null;
  completed_at: Date | null;
  completed_version: string | null;
  self_check: unknown;
  confidence: number | null;
  confidence_at: Date | null;
};
type AttemptRow = { id: string; lesson_id: string; version: string; score: number; total: number; taken_at: Date };
/** A solved exercise as the batch statement returns it (`at` as an ISO string from jsonb). */
type ExerciseRow = { exercise_id: string; engine: string; at: string };
type ReviewRow = {
  item_key: string;
  lesson_id: string;
  due: Date;
  state: number;
  reps: number;
  lapses: number;
  scheduled_days: number;
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

function toLessonState(row: LessonRow, attempts: AttemptRow[], exercises: ExerciseRow[] = []): TLessonState {
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

function toReviewState(row: ReviewRow): TReviewItemState {
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

// ── Sync ──────────────────────────────────────────────────────────────────────────────────────────

/** The fields of a mutation that the log keeps besides id, kind and clientTime. */
function payloadOf(m: TMutation): Record<string, unknown> {
  const { id: _id, kind: _kind, clientTime: _time, ...rest } = m;
  return rest;
}

/**
 * The whole batch as ONE statement (one round trip, one implicit transaction):
 *
 *   m        the batch, one row per mutation (`at` is its client time as an ISO string)
 *   logged   INSERT into applied_mutations … ON CONFLICT (id) DO NOTHING: the ids that are new.
 *            A concurrent transaction inserting the same id makes this wait for it, then skip.
 *   d, sc    per lesson, the fresh mutations folded into one delta with the rules of
 *            lib/domain/progress.ts#lessonDeltas (newest version and its earliest time; newest
 *            rating by (time, value); latest visit; newest answer per self-check question)
 *   up       INSERT … ON CONFLICT (user_id, lesson_id) DO UPDATE joining the delta into the row with
 *            the rules of mergeLessons (GREATEST / CASE). Every SET expression reads the row as it was
 *            before, and the row stays locked until the transaction ends, so concurrent batches on
 *            one lesson apply one after the other and none overwrites another. Lessons are locked in
 *            id order, so two batches cannot deadlock on each other.
 *   qa       quiz attempts appended, de-duplicated by attempt id
 *   ex       solved exercises: per exercise the batch's earliest solve, joined into the stored row
 *            keeping the earlier (time, engine), as lib/domain/progress.ts#mergeLessons does
 *
 * It returns each touched lesson's merged row, its attempts and solved exercises, and the ids that were new.
 */
type BatchRow = LessonRow & {
  attempts: { id: string; version: string; score: number; total: number; at: string }[];
  exercises: ExerciseRow[];
  applied: string[];
};

async function applyBatch(tx: Tx | ReturnType<typeof db>, userId: string, unique: TMutation[]): Promise<BatchRow[]> {
  const rows = JSON.stringify(
    unique.map((m) => ({
      id: m.id,
      kind: m.kind,
      lesson_id: mutationLessonId(m),
      track_slug: catalogExerciseSet(mutationLessonId(m))!.trackSlug,
      at: m.clientTime,
      payload: payloadOf(m),
    })),
  );
  const newerConfidence = Prisma.sql`EXCLUDED.confidence_at IS NOT NULL AND (p.confidence_at IS NULL
      OR (EXCLUDED.confidence_at, EXCLUDED.confidence) > (p.confidence_at, p.confidence))`;
  return tx.$queryRaw<BatchRow[]>`
    WITH m AS (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS m(id uuid, kind text, lesson_id uuid, track_slug text, at text, payload jsonb)
    ),
    logged AS (
      INSERT INTO applied_mutations (id, user_id, kind, lesson_id, client_time, payload)
      SELECT id, ${userId}::uuid, kind, lesson_id, at::timestamptz, payload FROM m ORDER BY id
      ON CONFLICT (id) DO NOTHING
      RETURNING id
    ),
    f AS (
      SELECT m.*, (logged.id IS NOT NULL) AS fresh FROM m LEFT JOIN logged USING (id)
    ),
    d AS (
      SELECT lesson_id, min(track_slug) AS track_slug,
        max(at COLLATE "C") FILTER (WHERE fresh AND kind = 'visit') AS visited_at,
        max(payload->>'version' COLLATE "C") FILTER (WHERE fresh AND kind = 'complete') AS completed_version,
        (array_agg(at ORDER BY payload->>'version' COLLATE "C" DESC, at COLLATE "C" ASC) FILTER (WHERE fresh AND kind = 'complete'))[1] AS completed_at,
        (array_agg((payload->>'rating')::int ORDER BY at COLLATE "C" DESC, (payload->>'rating')::int DESC)
          FILTER (WHERE fresh AND kind = 'confidence'))[1] AS confidence,
        max(at COLLATE "C") FILTER (WHERE fresh AND kind = 'confidence') AS confidence_at
      FROM f GROUP BY lesson_id
    ),
    sc AS (
      SELECT lesson_id, jsonb_object_agg(idx, jsonb_build_object('state', state, 'at', at)) AS self_check FROM (
        SELECT DISTINCT ON (lesson_id, payload->>'index') lesson_id, payload->>'index' AS idx, payload->>'state' AS state, at
        FROM f WHERE fresh AND kind = 'selfCheck'
        ORDER BY lesson_id, payload->>'index', at COLLATE "C" DESC, payload->>'state' COLLATE "C" DESC
      ) newest GROUP BY lesson_id
    ),
    up AS (
      INSERT INTO lesson_progress AS p
        (user_id, lesson_id, track_slug, visited_at, completed_at, completed_version, self_check, confidence, confidence_at, updated_at)
      SELECT ${userId}::uuid, d.lesson_id, d.track_slug, d.visited_at::timestamptz, d.completed_at::timestamptz, d.completed_version,
        COALESCE(sc.self_check, '{}'::jsonb), d.confidence, d.confidence_at::timestamptz, now()
      FROM d LEFT JOIN sc USING (lesson_id)
      ORDER BY d.lesson_id
      ON CONFLICT (user_id, lesson_id) DO UPDATE SET
        track_slug = EXCLUDED.track_slug,
        visited_at = GREATEST(p.visited_at, EXCLUDED.visited_at),
        completed_version = CASE
          WHEN EXCLUDED.completed_version IS NOT NULL
            AND (p.completed_version IS NULL OR EXCLUDED.completed_version COLLATE "C" > p.completed_version COLLATE "C")
          THEN EXCLUDED.completed_version ELSE p.completed_version END,
        completed_at = CASE
          WHEN EXCLUDED.completed_version IS NULL THEN p.completed_at
          WHEN p.completed_version IS NULL OR EXCLUDED.completed_version COLLATE "C" > p.completed_version COLLATE "C" THEN EXCLUDED.completed_at
          WHEN EXCLUDED.completed_version = p.completed_version THEN LEAST(p.completed_at, EXCLUDED.completed_at)
          ELSE p.completed_at END,
        confidence = CASE WHEN ${newerConfidence} THEN EXCLUDED.confidence ELSE p.confidence END,
        confidence_at = CASE WHEN ${newerConfidence} THEN EXCLUDED.confidence_at ELSE p.confidence_at END,
        self_check = CASE WHEN EXCLUDED.self_check = '{}'::jsonb THEN p.self_check ELSE (
          SELECT COALESCE(jsonb_object_agg(k, v), '{}'::jsonb) FROM (
            SELECT DISTINCT ON (k) k, v FROM (
              SELECT key AS k, value AS v FROM jsonb_each(p.self_check)
              UNION ALL
              SELECT key, value FROM jsonb_each(EXCLUDED.self_check)
            ) candidates
            ORDER BY k, v->>'at' COLLATE "C" DESC, v->>'state' COLLATE "C" DESC
          ) newest
        ) END,
        updated_at = now()
      RETURNING lesson_id, visited_at, completed_at, completed_version, self_check, confidence, confidence_at
    ),
    qa AS (
      INSERT INTO quiz_attempts (id, user_id, lesson_id, version, answers, score, total, taken_at)
      SELECT (payload->>'attemptId')::uuid, ${userId}::uuid, lesson_id, payload->>'version', payload->'answers',
        (payload->>'score')::int, (payload->>'total')::int, at::timestamptz
      FROM f WHERE fresh AND kind = 'quiz'
      ON CONFLICT (id) DO NOTHING
      RETURNING id, lesson_id, version, score, total, taken_at
    ),
    ex AS (
      INSERT INTO exercise_progress AS e (user_id, lesson_id, exercise_id, engine, solved_at)
      SELECT ${userId}::uuid, lesson_id, exercise_id, engine, at::timestamptz FROM (
        -- one row per exercise (ON CONFLICT cannot touch a row twice in one statement): the batch's first solve
        SELECT DISTINCT ON (lesson_id, payload->>'exerciseId') lesson_id, payload->>'exerciseId' AS exercise_id,
          payload->>'engine' AS engine, at
        FROM f WHERE fresh AND kind = 'exercise'
        ORDER BY lesson_id, payload->>'exerciseId', at COLLATE "C", payload->>'engine' COLLATE "C"
      ) first_solves
      ORDER BY lesson_id, exercise_id
      ON CONFLICT (user_id, lesson_id, exercise_id) DO UPDATE SET
        engine = CASE WHEN (EXCLUDED.solved_at, EXCLUDED.engine COLLATE "C") < (e.solved_at, e.engine COLLATE "C") THEN EXCLUDED.engine ELSE e.engine END,
        solved_at = LEAST(e.solved_at, EXCLUDED.solved_at)
      RETURNING lesson_id, exercise_id, engine, solved_at
    ),
    -- The statement sees the tables as they were before it began: add what qa and ex just wrote.
    solved AS (
      SELECT lesson_id, exercise_id, engine, solved_at FROM exercise_progress
      WHERE user_id = ${userId}::uuid AND lesson_id IN (SELECT lesson_id FROM d)
        AND (lesson_id, exercise_id) NOT IN (SELECT lesson_id, exercise_id FROM ex)
      UNION ALL
      SELECT lesson_id, exercise_id, engine, solved_at FROM ex
    ),
    attempts AS (
      SELECT id, lesson_id, version, score, total, taken_at FROM quiz_attempts
      WHERE user_id = ${userId}::uuid AND lesson_id IN (SELECT lesson_id FROM d)
      UNION ALL
      SELECT id, lesson_id, version, score, total, taken_at FROM qa
    )
    SELECT up.lesson_id::text, up.visited_at, up.completed_at, up.completed_version, up.self_check, up.confidence, up.confidence_at,
      (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', a.id, 'version', a.version, 'score', a.score, 'total', a.total, 'at', a.taken_at)), '[]'::jsonb)
         FROM attempts a WHERE a.lesson_id = up.lesson_id) AS attempts,
      (SELECT COALESCE(jsonb_agg(jsonb_build_object('exercise_id', s.exercise_id, 'engine', s.engine, 'at', s.solved_at)), '[]'::jsonb)
         FROM solved s WHERE s.lesson_id = up.lesson_id) AS exercises,
      (SELECT COALESCE(array_agg(id::text), '{}') FROM logged) AS applied
    FROM up`;
}

/**
 * Replays the FSRS schedules of the given lessons from their events (quiz attempts and review
 * ratings in the log) and stores them; returns the stored items. Runs while the lesson rows are
 * locked by the batch statement, so it sees every event committed before it.
 */
async function reschedule(tx: Tx, userId: string, lessons: { lessonId: string; completedAt: string | null }[]): Promise<ReviewRow[]> {
  if (lessons.length === 0) return [];
  const ids = lessons.map((l) => l.lessonId);
  const events = await tx.$queryRaw<{ source: "quiz" | "review"; id: string; lesson_id: string; score: number | null; total: number | null; payload: { itemKey?: unknown; rating?: unknown } | null; at: Date }[]>`
    SELECT 'quiz' AS source, id::text, lesson_id::text, score, total, NULL::jsonb AS payload, taken_at AS at
    FROM quiz_attempts WHERE user_id = ${userId}::uuid AND lesson_id = ANY(${ids}::uuid[])
    UNION ALL
    SELECT 'review', id::text, lesson_id::text, NULL, NULL, payload, client_time
    FROM applied_mutations WHERE user_id = ${userId}::uuid AND lesson_id = ANY(${ids}::uuid[]) AND kind = 'review' AND reset_at IS NULL`;
  const schedule = lessons.flatMap(({ lessonId, completedAt }) => {
    const mine = events.filter((e) => e.lesson_id === lessonId);
    return scheduleLesson({
      lessonId,
      completedAt,
      cardCount: catalogLesson(lessonId)?.cards.length ?? 0,
      attempts: mine.filter((e) => e.source === "quiz").map((e) => ({ id: e.id, score: e.score!, total: e.total!, at: e.at.toISOString() })),
      reviews: mine.flatMap((e) => {
        const itemKey = e.payload?.itemKey;
        const rating = e.payload?.rating;
        if (e.source !== "review" || typeof itemKey !== "string" || (rating !== 1 && rating !== 2 && rating !== 3 && rating !== 4)) return [];
        return [{ id: e.id, itemKey, rating, at: e.at.toISOString() }];
      }),
    });
  });
  return upsertReviewItems(tx, userId, schedule);
}

async function upsertReviewItems(tx: Tx, userId: string, items: TSchedule[]): Promise<ReviewRow[]> {
  if (items.length === 0) return [];
  const values = items.map(
    (s) => Prisma.sql`(${userId}::uuid, ${s.itemKey}, ${s.lessonId}::uuid, ${s.due}::timestamptz, ${s.stability}::float8, ${s.difficulty}::float8,
      ${s.elapsedDays}::int, ${s.scheduledDays}::int, ${s.learningSteps}::int, ${s.reps}::int, ${s.lapses}::int, ${s.state}::int,
      ${s.lastReview}::timestamptz, now())`,
  );
  return tx.$queryRaw<ReviewRow[]>`
    INSERT INTO review_items (user_id, item_key, lesson_id, due, stability, difficulty, elapsed_days, scheduled_days,
      learning_steps, reps, lapses, state, last_review, updated_at)
    VALUES ${Prisma.join(values)}
    ON CONFLICT (user_id, item_key) DO UPDATE SET
      due = EXCLUDED.due, stability = EXCLUDED.stability, difficulty = EXCLUDED.difficulty, elapsed_days = EXCLUDED.elapsed_days,
      scheduled_days = EXCLUDED.scheduled_days, learning_steps = EXCLUDED.learning_steps, reps = EXCLUDED.reps,
      lapses = EXCLUDED.lapses, state = EXCLUDED.state, last_review = EXCLUDED.last_review, updated_at = now()
    RETURNING item_key, lesson_id::text, due, state, reps, lapses, scheduled_days, last_review`;
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

async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 4 || !isRetryable(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}

async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma = await ready();
  return withRetry(() => prisma.$transaction(fn, { maxWait: 15_000, timeout: 30_000 }));
}

/**
 * Applies a batch of mutations in one transaction and returns the merged state of the lessons it
 * touched. The input is validated here too (a ZodError is a 422 naming the field); a batch with any
 * problem writes nothing. A mutation id the server has already applied changes nothing.
 *
 * A batch of visits, ratings and self-checks is one statement (applyBatch). A batch with
 * completions, quiz attempts or reviews runs that statement and then replays the affected lessons'
 * review schedules in the same transaction, while the statement's row locks keep other batches on
 * those lessons waiting, so each replay sees every event committed before it.
 */
export async function syncProgress(input: { userId: string; mutations: unknown }): Promise<TSyncResponse> {
  const { mutations } = ZSyncRequest.parse({ mutations: input.mutations }) as { mutations: TMutation[] };
  const unique = [...new Map(mutations.map((m) => [m.id, m] as const)).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const userId = input.userId;

  const finish = (rows: BatchRow[], reviews: ReviewRow[]): TSyncResponse => {
    const fresh = new Set(rows[0]?.applied ?? []);
    return {
      applied: unique.filter((m) => fresh.has(m.id)).map((m) => m.id),
      duplicates: unique.filter((m) => !fresh.has(m.id)).map((m) => m.id),
      lessons: rows.map((row) =>
        toLessonState(
          row,
          row.attempts.map((a) => ({ ...a, lesson_id: row.lesson_id, taken_at: new Date(a.at) })),
          row.exercises,
        ),
      ),
      reviews: reviews.map(toReviewState),
    };
  };

  // Visits, ratings and self-checks: the one statement is the whole transaction.
  if (!unique.some((m) => m.kind === "complete" || m.kind === "quiz" || m.kind === "review")) {
    const prisma = await ready();
    return finish(await withRetry(() => applyBatch(prisma, userId, unique)), []);
  }

  // Completions, attempts and reviews also change the review schedule: replay it in the same
  // transaction, while the statement above holds the lesson rows' locks.
  return inTransaction(async (tx) => {
    const rows = await applyBatch(tx, userId, unique);
    const fresh = new Set(rows[0]?.applied ?? []);
    const changed = new Set(
      unique.filter((m) => fresh.has(m.id) && (m.kind === "complete" || m.kind === "quiz" || m.kind === "review")).map(mutationLessonId),
    );
    const reviews = await reschedule(
      tx,
      userId,
      rows.filter((row) => changed.has(row.lesson_id)).map((row) => ({ lessonId: row.lesson_id, completedAt: iso(row.completed_at) })),
    );
    return finish(rows, reviews);
  });
}

// ── Reading ───────────────────────────────────────────────────────────────────────────────────────

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

// ── Dashboard and review queue ────────────────────────────────────────────────────────────────────

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
      exercises: exerciseProgress(Object.fromEntries(t.published.map((id) => [id, catalogLesson(id)?.exerciseIds ?? []])), byId),
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

// ── Reset and export ──────────────────────────────────────────────────────────────────────────────

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
