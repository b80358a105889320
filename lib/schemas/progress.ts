import { z } from "zod";
import { ZSlug, ZVersion } from "@/lib/content/schema";
import type { TMutation } from "@/lib/domain/progress";
import { contracts } from "@/lib/http/contract";

/**
 * Requests of the progress API: their shape only. A sync batch is also checked against the content
 * (the lesson exists and is published, the version is one of its versions, indexes are in range)
 * and `?track=` must name a track: lib/db/progress/content-checks.ts adds those checks to these
 * schemas for the route handlers. Any problem is a 422 naming the field, e.g. `mutations.3.version`
 * (400 for `track`), and nothing of the batch is written.
 */
export const SYNC_BATCH_MAX = 200;
/** Client clocks drift; a time further ahead than this is refused rather than allowed to win every merge. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;
const EARLIEST = Date.UTC(2020, 0, 1);

const ZId = z.uuid("must be a UUID");
const ZRating = z
  .number({ error: "must be a number from 1 to 4" })
  .int("must be a whole number from 1 to 4")
  .min(1, "must be 1 to 4")
  .max(4, "must be 1 to 4");

const ZClientTime = z
  .string({ error: "is required: an ISO date-time such as 2026-05-28T10:00:00.000Z" })
  .pipe(z.iso.datetime({ offset: true, message: "must be an ISO date-time such as 2026-05-28T10:00:00.000Z" }))
  .transform((s) => new Date(s).toISOString())
  .refine((s) => Date.parse(s) >= EARLIEST, "must not be before 2020")
  .refine((s) => Date.parse(s) <= Date.now() + CLOCK_SKEW_MS, "must not be in the future (check the device clock)");

const base = { id: ZId, clientTime: ZClientTime };
const lessonBase = { ...base, lessonId: ZId };

export const ZMutation = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...lessonBase, kind: z.literal("visit") }),
    z.object({ ...lessonBase, kind: z.literal("complete"), version: ZVersion }),
    z.object({
      ...lessonBase,
      kind: z.literal("selfCheck"),
      index: z.number().int("must be a whole number").min(0, "must be 0 or more").max(99, "must be at most 99"),
      state: z.enum(["known", "unsure"], "must be known or unsure"),
    }),
    z.object({
      ...lessonBase,
      kind: z.literal("quiz"),
      attemptId: ZId,
      version: ZVersion,
      answers: z.record(ZSlug, z.number().int().min(0).max(5)),
      score: z.number().int("must be a whole number").min(0, "must be 0 or more"),
      total: z.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50"),
    }),
    z.object({ ...lessonBase, kind: z.literal("confidence"), rating: ZRating }),
    z.object({ ...base, kind: z.literal("review"), itemKey: z.string().max(80, "is too long"), rating: ZRating }),
    z.object({
      ...lessonBase,
      kind: z.literal("exercise"),
      exerciseId: ZSlug.max(60, "is too long"),
      engine: z.enum(["sqlite", "postgres"], "must be sqlite or postgres"),
    }),
  ],
  { error: "must be one of visit, complete, selfCheck, quiz, confidence, review, exercise" },
);

export const ZSyncRequest = z
  .object({
    mutations: z
      .array(ZMutation, { error: "must be a list of mutations" })
      .min(1, "must hold at least one mutation")
      .max(SYNC_BATCH_MAX, `must hold at most ${SYNC_BATCH_MAX} mutations`),
  });
export type TSyncRequest = { mutations: TMutation[] };

/** `GET` and `DELETE /api/v1/progress?track=sql`: one track, or everything without it. */
export const ZProgressQuery = z.object({ track: ZSlug.max(100).optional() });

/** `?tzOffset=-120`: minutes to add to UTC for the learner's calendar days (the browser's -getTimezoneOffset()). */
export const ZDashboardQuery = z.object({
  tzOffset: z.coerce.number().int("must be whole minutes").min(-840, "must be -840 to 840").max(840, "must be -840 to 840").default(0),
});

// ── Responses and contracts ───────────────────────────────────────────────────────────────────────

const ZTime = z.string().meta({ description: "An ISO date-time, e.g. 2026-05-28T10:00:00.000Z" });

export const ZLessonState = z
  .object({
    lessonId: z.uuid(),
    visitedAt: ZTime.nullable(),
    completedVersion: z.string().nullable(),
    completedAt: ZTime.nullable(),
    selfCheck: z.record(z.string(), z.object({ state: z.enum(["known", "unsure"]), at: ZTime })),
    confidence: z.number().int().nullable(),
    confidenceAt: ZTime.nullable(),
    attempts: z.array(z.object({ id: z.uuid(), version: z.string(), score: z.number().int(), total: z.number().int(), at: ZTime })),
    exercises: z.record(z.string(), z.object({ at: ZTime, engine: z.enum(["sqlite", "postgres"]) })),
  })
  .meta({ id: "LessonProgress" });

export const ZReviewItemState = z
  .object({
    itemKey: z.string(),
    lessonId: z.uuid(),
    due: ZTime,
    state: z.number().int(),
    reps: z.number().int(),
    lapses: z.number().int(),
    scheduledDays: z.number(),
    lastReview: ZTime.nullable(),
  })
  .meta({ id: "ReviewItemState" });

export const ZProgressResponse = z.object({ lessons: z.array(ZLessonState), reviews: z.array(ZReviewItemState) });
export const ZSyncResponse = ZProgressResponse.extend({
  applied: z.array(z.uuid()).meta({ description: "Mutation ids applied by this request" }),
  duplicates: z.array(z.uuid()).meta({ description: "Mutation ids already applied before (nothing was done again)" }),
});
export const ZResetResponse = z.object({
  reset: z.object({
    track: z.string().nullable(),
    lessons: z.number().int(),
    quizAttempts: z.number().int(),
    reviewItems: z.number().int(),
    solvedExercises: z.number().int(),
  }),
});

export const ZDashboard = z.object({
  today: z.string(),
  tracks: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      href: z.string(),
      lessonCount: z.number().int(),
      lessonIds: z.array(z.uuid()),
      published: z.number().int(),
      completed: z.number().int(),
      percent: z.number(),
      // lessons' and capstones' exercises together; `capstones` is the capstones' share
      exercises: z.object({
        solved: z.number().int(),
        total: z.number().int(),
        capstones: z.object({ solved: z.number().int(), total: z.number().int() }),
      }),
    }),
  ),
  confidence: z.object({ counts: z.array(z.number().int()), unrated: z.number().int() }),
  activity: z.object({ days: z.array(z.object({ date: z.string(), count: z.number().int() })) }),
  calibration: z.array(
    z.object({
      lessonId: z.uuid(),
      title: z.string(),
      href: z.string(),
      step: z.number().int(),
      trackTitle: z.string(),
      confidence: z.number().nullable(),
      score: z.number().nullable(),
      total: z.number().nullable(),
      verdict: z.string(),
    }),
  ),
  review: z.object({ due: z.number().int(), scheduled: z.number().int(), nextDue: ZTime.nullable() }),
  started: z.number().int(),
});

export const ZReviewQueue = z.object({
  items: z.array(
    z.object({
      itemKey: z.string(),
      lessonId: z.uuid(),
      type: z.enum(["lesson", "card"]),
      trackTitle: z.string(),
      lessonTitle: z.string(),
      href: z.string(),
      front: z.string(),
      back: z.string(),
      due: ZTime,
      reps: z.number().int(),
    }),
  ),
  scheduled: z.number().int(),
  nextDue: ZTime.nullable(),
});

const progress = contracts("Progress", "user");

const getProgress = progress.get("/api/v1/progress", "Everything the learner's devices show (`?track=` for one track)",
  { query: ZProgressQuery, response: ZProgressResponse });

const resetProgress = progress.delete("/api/v1/progress", "Reset progress: one track with `?track=`, or everything",
  { query: ZProgressQuery, response: ZResetResponse });

const syncProgress = progress.post("/api/v1/progress/sync", "Apply a batch of idempotent mutations from the browser's outbox; answers with the merged state", {
  description: "Merge rules: completion never goes backwards, a rating takes the newest client time, a mutation id is applied once. Any problem in the batch is a 422 naming the field (`mutations.3.version`) and nothing of the batch is written.",
  body: ZSyncRequest,
  response: ZSyncResponse, // A full batch (200 mutations, the largest a quiz attempt with 50 answers) stays under 512 KB.
  maxBodyBytes: 512 * 1024,
});

const getDashboard = progress.get("/api/v1/progress/dashboard", "Per-track progress, confidence, activity and calibration for /dashboard",
  { query: ZDashboardQuery, response: ZDashboard });

const getReviewQueue = progress.get("/api/v1/review", "The review items due now (FSRS) and when the next one falls due",
  { response: ZReviewQueue });

export const progressApi = { get: getProgress, reset: resetProgress, sync: syncProgress, dashboard: getDashboard, review: getReviewQueue };
