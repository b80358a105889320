/**
 * Progress as a merge of idempotent mutations (docs/decisions/007-progress-sync.md).
 *
 * Every mutation is turned into a small lesson state (a "delta") and joined into the current state
 * with `mergeLessons`. The join is commutative, associative and idempotent, so any interleaving of
 * the same mutations from any number of devices ends in the same state, a re-sent mutation changes
 * nothing, and nothing acknowledged is lost. The server applies the same rules in SQL
 * (lib/db/progress/sync.ts: INSERT … ON CONFLICT DO UPDATE with GREATEST/CASE), and the browser applies
 * them to show its pending mutations before the server has them. Pure: no Next, no Prisma, no FSRS.
 *
 * Times are ISO strings as Date#toISOString writes them (UTC, milliseconds), so comparing the
 * strings compares the instants. Content versions are vYYYYMMDD, so string order is publication order.
 */

export const SELF_CHECK_STATES = ["known", "unsure"] as const;
export type TSelfCheckState = (typeof SELF_CHECK_STATES)[number];

/** The completion-confidence scale and the review grades share the same four steps. */
export type TRating = 1 | 2 | 3 | 4;

type Base = { id: string; clientTime: string };
export type TVisitMutation = Base & { kind: "visit"; lessonId: string };
export type TCompleteMutation = Base & { kind: "complete"; lessonId: string; version: string };
export type TSelfCheckMutation = Base & { kind: "selfCheck"; lessonId: string; index: number; state: TSelfCheckState };
export type TQuizMutation = Base & {
  kind: "quiz";
  lessonId: string;
  attemptId: string;
  version: string;
  /** question id -> index of the first choice picked */
  answers: Record<string, number>;
  score: number;
  total: number;
};
export type TConfidenceMutation = Base & { kind: "confidence"; lessonId: string; rating: TRating };
export type TReviewMutation = Base & { kind: "review"; itemKey: string; rating: TRating };
/** The engines of the SQL lab (lib/lab/types.ts TLabEngine). */
export type TExerciseEngine = "sqlite" | "postgres";
/** A SQL lab exercise the grader accepted (lib/domain/grader.ts), on the engine it ran on. */
export type TExerciseMutation = Base & { kind: "exercise"; lessonId: string; exerciseId: string; engine: TExerciseEngine };

export type TMutation =
  | TVisitMutation
  | TCompleteMutation
  | TSelfCheckMutation
  | TQuizMutation
  | TConfidenceMutation
  | TReviewMutation
  | TExerciseMutation;
export type TMutationKind = TMutation["kind"];
export const MUTATION_KINDS = ["visit", "complete", "selfCheck", "quiz", "confidence", "review", "exercise"] as const satisfies readonly TMutationKind[];

export type TSolvedExercise = { at: string; engine: TExerciseEngine };

export type TAttempt = { id: string; version: string; score: number; total: number; at: string };

export type TLessonState = {
  lessonId: string;
  /** The latest visit. */
  visitedAt: string | null;
  /** Completion never goes backwards: the newest version completed, and when it was first completed. */
  completedVersion: string | null;
  completedAt: string | null;
  /** Question index -> the newest answer ("knew it" / "not sure"). */
  selfCheck: Record<string, { state: TSelfCheckState; at: string }>;
  /** 1..4; the newest client time wins. */
  confidence: number | null;
  confidenceAt: string | null;
  /** Appended, de-duplicated by attempt id, ordered by (time, id). */
  attempts: TAttempt[];
  /**
   * Solved exercises by exercise id: the first solve is kept (earliest client time, ties broken by
   * engine name). States cached by browsers before exercises existed lack the field: read it with
   * `solvedExercises(lesson)`.
   */
  exercises: Record<string, TSolvedExercise>;
};

export type TReviewEvent = { id: string; itemKey: string; rating: TRating; at: string };

export type TProgressState = {
  lessons: Record<string, TLessonState>;
  /** Review ratings, by mutation id: the schedule is replayed from them (lib/domain/review.ts). */
  reviewEvents: Record<string, TReviewEvent>;
};

export const emptyProgress = (): TProgressState => ({ lessons: {}, reviewEvents: {} });

export function emptyLesson(lessonId: string): TLessonState {
  return {
    lessonId,
    visitedAt: null,
    completedVersion: null,
    completedAt: null,
    selfCheck: {},
    confidence: null,
    confidenceAt: null,
    attempts: [],
    exercises: {},
  };
}

/** A lesson's solved exercises; {} for a state cached before exercises existed. */
export function solvedExercises(lesson: Pick<TLessonState, "exercises"> | undefined): Record<string, TSolvedExercise> {
  return lesson?.exercises ?? {};
}

const earlierSolve = (a: TSolvedExercise, b: TSolvedExercise) => a.at < b.at || (a.at === b.at && a.engine < b.engine);

// ── Item keys ─────────────────────────────────────────────────────────────────────────────────────

export type TItemKey = { type: "lesson"; lessonId: string } | { type: "card"; lessonId: string; index: number };

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const ITEM_KEY = new RegExp(`^(lesson|card):(${UUID})(?::(\\d{1,3}))?$`);

/** "lesson:<lessonId>" or "card:<lessonId>:<n>"; null for anything else. */
export function parseItemKey(key: string): TItemKey | null {
  const m = ITEM_KEY.exec(key);
  if (!m) return null;
  if (m[1] === "lesson") return m[3] === undefined ? { type: "lesson", lessonId: m[2]! } : null;
  return m[3] === undefined ? null : { type: "card", lessonId: m[2]!, index: Number(m[3]) };
}

export const lessonItemKey = (lessonId: string) => `lesson:${lessonId}`;
export const cardItemKey = (lessonId: string, index: number) => `card:${lessonId}:${index}`;

/** The lesson a mutation belongs to (a review's comes from its item key). */
export function mutationLessonId(m: TMutation): string {
  if (m.kind !== "review") return m.lessonId;
  const item = parseItemKey(m.itemKey);
  if (!item) throw new Error(`not an item key: ${m.itemKey}`);
  return item.lessonId;
}

// ── The join ──────────────────────────────────────────────────────────────────────────────────────

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

const byTimeThenId = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Joins two states of the same lesson:
 * - visitedAt: the later one;
 * - completion: the newer version wins; for the same version, the earlier completion time;
 * - each self-check answer and the confidence rating: the newer client time wins, ties broken by
 *   the value ("unsure" over "known", the higher rating) so that every order gives the same answer;
 * - attempts: the union by id (an attempt id names one attempt; the first one stored is kept);
 * - solved exercises: the union by exercise id, keeping the first solve (earliest time, then engine).
 */
export function mergeLessons(a: TLessonState, b: TLessonState): TLessonState {
  let completedVersion = a.completedVersion;
  let completedAt = a.completedAt;
  if (b.completedVersion !== null && b.completedAt !== null) {
    if (completedVersion === null || b.completedVersion > completedVersion) {
      completedVersion = b.completedVersion;
      completedAt = b.completedAt;
    } else if (b.completedVersion === completedVersion && completedAt !== null && b.completedAt < completedAt) {
      completedAt = b.completedAt;
    }
  }

  const selfCheck = { ...a.selfCheck };
  for (const [index, entry] of Object.entries(b.selfCheck)) {
    const mine = selfCheck[index];
    if (!mine || entry.at > mine.at || (entry.at === mine.at && entry.state > mine.state)) selfCheck[index] = entry;
  }

  let confidence = a.confidence;
  let confidenceAt = a.confidenceAt;
  if (b.confidence !== null && b.confidenceAt !== null) {
    if (confidenceAt === null || b.confidenceAt > confidenceAt || (b.confidenceAt === confidenceAt && b.confidence > (confidence ?? 0))) {
      confidence = b.confidence;
      confidenceAt = b.confidenceAt;
    }
  }

  let attempts = a.attempts;
  if (b.attempts.length > 0) {
    const ids = new Set(a.attempts.map((x) => x.id));
    const added = b.attempts.filter((x) => !ids.has(x.id));
    if (added.length > 0) attempts = [...a.attempts, ...added].sort(byTimeThenId);
  }

  let exercises = solvedExercises(a);
  for (const [exerciseId, solve] of Object.entries(solvedExercises(b))) {
    const mine = exercises[exerciseId];
    if (!mine || earlierSolve(solve, mine)) exercises = { ...exercises, [exerciseId]: solve };
  }

  return {
    lessonId: a.lessonId,
    visitedAt: later(a.visitedAt, b.visitedAt),
    completedVersion,
    completedAt,
    selfCheck,
    confidence,
    confidenceAt,
    attempts,
    exercises,
  };
}

/** The lesson state one mutation stands for (a review changes no lesson state). */
export function lessonDelta(m: TMutation): TLessonState {
  const lessonId = mutationLessonId(m);
  const delta = emptyLesson(lessonId);
  switch (m.kind) {
    case "visit":
      delta.visitedAt = m.clientTime;
      break;
    case "complete":
      delta.completedVersion = m.version;
      delta.completedAt = m.clientTime;
      break;
    case "selfCheck":
      delta.selfCheck = { [String(m.index)]: { state: m.state, at: m.clientTime } };
      break;
    case "quiz":
      delta.attempts = [{ id: m.attemptId, version: m.version, score: m.score, total: m.total, at: m.clientTime }];
      break;
    case "confidence":
      delta.confidence = m.rating;
      delta.confidenceAt = m.clientTime;
      break;
    case "exercise":
      delta.exercises = { [m.exerciseId]: { at: m.clientTime, engine: m.engine } };
      break;
    case "review":
      break;
  }
  return delta;
}

/** Folds mutations into per-lesson deltas (what one sync batch changes, lesson by lesson). */
export function lessonDeltas(mutations: TMutation[]): Map<string, TLessonState> {
  const deltas = new Map<string, TLessonState>();
  for (const m of mutations) {
    const delta = lessonDelta(m);
    const seen = deltas.get(delta.lessonId);
    deltas.set(delta.lessonId, seen ? mergeLessons(seen, delta) : delta);
  }
  return deltas;
}

export function applyMutation(state: TProgressState, m: TMutation): TProgressState {
  const delta = lessonDelta(m);
  const current = state.lessons[delta.lessonId];
  const lessons = { ...state.lessons, [delta.lessonId]: current ? mergeLessons(current, delta) : delta };
  if (m.kind !== "review" || state.reviewEvents[m.id]) return { ...state, lessons };
  return {
    lessons,
    reviewEvents: { ...state.reviewEvents, [m.id]: { id: m.id, itemKey: m.itemKey, rating: m.rating, at: m.clientTime } },
  };
}

export function applyMutations(state: TProgressState, mutations: Iterable<TMutation>): TProgressState {
  let s = state;
  for (const m of mutations) s = applyMutation(s, m);
  return s;
}

/** Lessons only: for a view that holds the server's lessons plus mutations not yet acknowledged. */
export function applyToLessons(lessons: Record<string, TLessonState>, mutations: Iterable<TMutation>): Record<string, TLessonState> {
  let out = lessons;
  for (const m of mutations) {
    if (m.kind === "review") continue;
    const delta = lessonDelta(m);
    const current = out[delta.lessonId];
    out = { ...out, [delta.lessonId]: current ? mergeLessons(current, delta) : delta };
  }
  return out;
}

/** Whether the state already holds everything the mutation says (nothing acknowledged was lost). */
export function isReflected(state: TProgressState, m: TMutation): boolean {
  const lesson = state.lessons[mutationLessonId(m)];
  if (!lesson) return false;
  switch (m.kind) {
    case "visit":
      return lesson.visitedAt !== null && lesson.visitedAt >= m.clientTime;
    case "complete":
      return lesson.completedVersion !== null && lesson.completedAt !== null &&
        (lesson.completedVersion > m.version || (lesson.completedVersion === m.version && lesson.completedAt <= m.clientTime));
    case "selfCheck": {
      const entry = lesson.selfCheck[String(m.index)];
      return !!entry && (entry.at > m.clientTime || (entry.at === m.clientTime && entry.state >= m.state));
    }
    case "quiz":
      return lesson.attempts.some((a) => a.id === m.attemptId);
    case "confidence":
      return lesson.confidence !== null && lesson.confidenceAt !== null &&
        (lesson.confidenceAt > m.clientTime || (lesson.confidenceAt === m.clientTime && lesson.confidence >= m.rating));
    case "review":
      return state.reviewEvents[m.id] !== undefined;
    case "exercise": {
      const solve = solvedExercises(lesson)[m.exerciseId];
      return !!solve && !earlierSolve({ at: m.clientTime, engine: m.engine }, solve);
    }
  }
}

// ── API shapes ────────────────────────────────────────────────────────────────────────────────────

/** A scheduled review item as the API returns it (the full FSRS card stays on the server). */
export type TReviewItemState = {
  itemKey: string;
  lessonId: string;
  due: string;
  state: number;
  reps: number;
  lapses: number;
  scheduledDays: number;
  lastReview: string | null;
};

/** `GET /api/v1/progress`. */
export type TProgressResponse = { lessons: TLessonState[]; reviews: TReviewItemState[] };

/** `POST /api/v1/progress/sync`: which ids were new, which were already applied, and the merged state of the lessons the batch touched. */
export type TSyncResponse = TProgressResponse & { applied: string[]; duplicates: string[] };

/** `GET /api/v1/progress/dashboard`. */
export type TDashboard = {
  /** The learner's calendar day (UTC shifted by tzOffset). */
  today: string;
  tracks: {
    slug: string;
    title: string;
    href: string;
    lessonCount: number;
    lessonIds: string[];
    published: number;
    completed: number;
    percent: number;
    /**
     * SQL lab exercises of the track's published lessons and of its parts' capstones, and how many
     * of them the learner solved; `capstones` is the capstones' share of both figures.
     */
    exercises: { solved: number; total: number; capstones: { solved: number; total: number } };
  }[];
  confidence: { counts: number[]; unrated: number };
  activity: { days: { date: string; count: number }[] };
  calibration: {
    lessonId: string;
    title: string;
    href: string;
    step: number;
    trackTitle: string;
    confidence: number | null;
    score: number | null;
    total: number | null;
    verdict: string;
  }[];
  review: { due: number; scheduled: number; nextDue: string | null };
  started: number;
};

/** One item of `GET /api/v1/review`. */
export type TReviewCard = {
  itemKey: string;
  lessonId: string;
  type: "lesson" | "card";
  trackTitle: string;
  lessonTitle: string;
  href: string;
  front: string;
  back: string;
  due: string;
  reps: number;
};
