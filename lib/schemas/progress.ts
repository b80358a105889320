import { z } from "zod";
import { catalogExerciseSet, catalogLesson, catalogTracks } from "@/lib/content/catalog";
import { ZSlug, ZVersion } from "@/lib/content/schema";
import { parseItemKey, type TMutation } from "@/lib/domain/progress";
import { endpoint } from "@/lib/http/contract";

/**
 * Requests of the progress API. A sync batch is checked in two passes: the shape of each mutation,
 * then against the content (the lesson exists and is published, the version is one of its
 * versions, indexes are in range). Any problem is a 422 naming the field, e.g.
 * `mutations.3.version`, and nothing of the batch is written.
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

type Issue = { path: (string | number)[]; message: string };

/** The content checks of one mutation (the shape is already valid). */
function contentProblems(m: TMutation, at: number): Issue[] {
  const path = (field: string) => ["mutations", at, field];
  if (m.kind === "review") {
    const item = parseItemKey(m.itemKey);
    if (!item) return [{ path: path("itemKey"), message: 'must be "lesson:<lessonId>" or "card:<lessonId>:<n>"' }];
    const lesson = catalogLesson(item.lessonId);
    if (!lesson) return [{ path: path("itemKey"), message: "names no published lesson" }];
    if (item.type === "card" && item.index >= lesson.cards.length) {
      return [{ path: path("itemKey"), message: `the lesson has ${lesson.cards.length} cards (0 to ${lesson.cards.length - 1})` }];
    }
    return [];
  }
  if (m.kind === "exercise") {
    // a capstone's exercises are recorded under the capstone's id, like a lesson's under the lesson's
    const set = catalogExerciseSet(m.lessonId);
    if (!set) return [{ path: path("lessonId"), message: "is not a published lesson or a capstone" }];
    const exercise = set.exercises.find((x) => x.id === m.exerciseId);
    if (!exercise) return [{ path: path("exerciseId"), message: "is not an exercise of this lesson" }];
    if (!exercise.engines.includes(m.engine)) return [{ path: path("engine"), message: `this exercise runs on ${exercise.engines.join(" and ")}` }];
    return [];
  }
  const lesson = catalogLesson(m.lessonId);
  if (!lesson) return [{ path: path("lessonId"), message: "is not a published lesson" }];
  const issues: Issue[] = [];
  if (m.kind === "complete" || m.kind === "quiz") {
    const version = lesson.versions.find((v) => v.version === m.version);
    if (!version) {
      issues.push({ path: path("version"), message: `is not a version of this lesson (${lesson.versions.map((v) => v.version).join(", ")})` });
    } else if (m.kind === "quiz") {
      if (m.total !== version.quizIds.length) issues.push({ path: path("total"), message: `must be ${version.quizIds.length}, the number of questions` });
      if (m.score > m.total) issues.push({ path: path("score"), message: "must not be more than total" });
      const unknown = Object.keys(m.answers).find((q) => !version.quizIds.includes(q));
      if (unknown) issues.push({ path: path("answers"), message: `"${unknown}" is not a question of ${m.version}` });
    }
  }
  if (m.kind === "selfCheck") {
    const most = Math.max(...lesson.versions.map((v) => v.selfCheckCount));
    if (m.index >= most) issues.push({ path: path("index"), message: `must be below ${most}` });
  }
  return issues;
}

export const ZSyncRequest = z
  .object({
    mutations: z
      .array(ZMutation, { error: "must be a list of mutations" })
      .min(1, "must hold at least one mutation")
      .max(SYNC_BATCH_MAX, `must hold at most ${SYNC_BATCH_MAX} mutations`),
  })
  .superRefine((body, ctx) => {
    // Zod may run this after shape problems elsewhere in the batch: check only well-formed mutations.
    if (!Array.isArray(body.mutations)) return;
    body.mutations.forEach((m, i) => {
      if (!ZMutation.safeParse(m).success) return;
      for (const issue of contentProblems(m as TMutation, i)) ctx.addIssue({ code: "custom", ...issue });
    });
  });
export type TSyncRequest = { mutations: TMutation[] };

const ZTrackFilter = ZSlug.max(100).refine((slug) => catalogTracks().some((t) => t.slug === slug), "is not a track");

/** `GET` and `DELETE /api/v1/progress?track=sql`: one track, or everything without it. */
export const ZProgressQuery = z.object({ track: ZTrackFilter.optional() });

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

const progress = { tag: "Progress", auth: "user" } as const;

const getProgress = endpoint({
  ...progress,
  method: "GET",
  path: "/api/v1/progress",
  summary: "Everything the learner's devices show (`?track=` for one track)",
  query: ZProgressQuery,
  response: ZProgressResponse,
});

const resetProgress = endpoint({
  ...progress,
  method: "DELETE",
  path: "/api/v1/progress",
  summary: "Reset progress: one track with `?track=`, or everything",
  query: ZProgressQuery,
  response: ZResetResponse,
});

const syncProgress = endpoint({
  ...progress,
  method: "POST",
  path: "/api/v1/progress/sync",
  summary: "Apply a batch of idempotent mutations from the browser's outbox; answers with the merged state",
  description:
    "Merge rules: completion never goes backwards, a rating takes the newest client time, a mutation id is applied once. " +
    "Any problem in the batch is a 422 naming the field (`mutations.3.version`) and nothing of the batch is written.",
  body: ZSyncRequest,
  response: ZSyncResponse,
  // A full batch (200 mutations, the largest a quiz attempt with 50 answers) stays under 512 KB.
  maxBodyBytes: 512 * 1024,
});

const getDashboard = endpoint({
  ...progress,
  method: "GET",
  path: "/api/v1/progress/dashboard",
  summary: "Per-track progress, confidence, activity and calibration for /dashboard",
  query: ZDashboardQuery,
  response: ZDashboard,
});

const getReviewQueue = endpoint({
  ...progress,
  method: "GET",
  path: "/api/v1/review",
  summary: "The review items due now (FSRS) and when the next one falls due",
  response: ZReviewQueue,
});

export const progressApi = { get: getProgress, reset: resetProgress, sync: syncProgress, dashboard: getDashboard, review: getReviewQueue };
