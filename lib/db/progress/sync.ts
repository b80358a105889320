import { catalogExerciseSet, catalogLesson } from "@/lib/content/catalog";
import { mutationLessonId, type TMutation, type TSyncResponse } from "@/lib/domain/progress";
import { scheduleLesson, type TSchedule } from "@/lib/domain/review";
import type { z } from "zod";
import type { ZSyncRequest } from "@/lib/schemas/progress";
import { ready, type TDb, type Tx } from "../common";
import { Prisma } from "../generated/client";
import {
  inTransaction,
  iso,
  toLessonState,
  toReviewState,
  withRetry,
  type ExerciseRow,
  type LessonRow,
  type ReviewRow,
} from "./rows";

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

async function applyBatch(tx: Tx | TDb, userId: string, unique: TMutation[]): Promise<BatchRow[]> {
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


/**
 * Applies a batch of mutations in one transaction and returns the merged state of the lessons it
 * touched. The batch comes parsed by ZCheckedSyncRequest (./content-checks.ts; route() did it once:
 * every lesson it names is published, which applyBatch relies on). A mutation id the server has already applied changes nothing.
 *
 * A batch of visits, ratings and self-checks is one statement (applyBatch). A batch with
 * completions, quiz attempts or reviews runs that statement and then replays the affected lessons'
 * review schedules in the same transaction, while the statement's row locks keep other batches on
 * those lessons waiting, so each replay sees every event committed before it.
 */
export async function syncProgress(input: { userId: string } & z.output<typeof ZSyncRequest>): Promise<TSyncResponse> {
  // zod types a rating as any number; the schema has refused all but the TMutation shapes
  const mutations = input.mutations as TMutation[];
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
