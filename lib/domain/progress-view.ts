import { solvedExercises, type TAttempt, type TLessonState } from "./progress";

/**
 * What the pages show about progress, computed from lesson states: a lesson's status, a track's
 * percentage, where to continue, confidence against quiz results, and the activity calendar.
 * Pure and small: the browser islands use it as well as the server.
 */

export type TLessonStatus = "not-started" | "visited" | "completed" | "outdated";
export type TVersionKind = { version: string; kind: "major" | "minor" };

export const STATUS_LABELS: Record<TLessonStatus, string> = {
  "not-started": "Not started",
  visited: "In progress",
  completed: "Completed",
  outdated: "Completed · changed since",
};

/** Whether a version newer than the one completed is a major change (then the learner should look again). */
export function changedSinceCompleted(completedVersion: string | null, versions: TVersionKind[]): boolean {
  if (!completedVersion) return false;
  return versions.some((v) => v.version > completedVersion && v.kind === "major");
}

export function lessonStatus(lesson: TLessonState | undefined, versions: TVersionKind[]): TLessonStatus {
  if (!lesson) return "not-started";
  if (lesson.completedVersion) return changedSinceCompleted(lesson.completedVersion, versions) ? "outdated" : "completed";
  const started =
    lesson.visitedAt ||
    lesson.confidence !== null ||
    lesson.attempts.length > 0 ||
    Object.keys(lesson.selfCheck).length > 0 ||
    Object.keys(solvedExercises(lesson)).length > 0;
  return started ? "visited" : "not-started";
}

/** Completed published lessons of a track; the percentage is of the published ones. */
export function trackProgress(publishedIds: string[], lessons: Record<string, TLessonState | undefined>) {
  const completed = publishedIds.filter((id) => lessons[id]?.completedVersion).length;
  const published = publishedIds.length;
  return { completed, published, percent: published === 0 ? 0 : Math.round((completed / published) * 100) };
}

/**
 * SQL lab exercises solved out of those offered, over the given lessons (lesson id -> exercise ids
 * in the content today). A solve of an exercise that no longer exists does not count.
 */
export function exerciseProgress(exerciseIds: Record<string, string[]>, lessons: Record<string, TLessonState | undefined>) {
  let solved = 0;
  let total = 0;
  for (const [lessonId, ids] of Object.entries(exerciseIds)) {
    const mine = solvedExercises(lessons[lessonId]);
    total += ids.length;
    solved += ids.filter((id) => mine[id]).length;
  }
  return { solved, total };
}

/** "4 of 36 exercises solved", "1 of 1 exercise solved". */
export function exerciseCountText({ solved, total }: { solved: number; total: number }): string {
  return `${solved} of ${total} ${total === 1 ? "exercise" : "exercises"} solved`;
}

export type TTrackExercises = { solved: number; total: number; capstones: { solved: number; total: number } };

/**
 * A track's exercises: its lessons' and its parts' capstones' together (each map: lesson or capstone
 * id -> exercise ids), with the capstones' share on its own. Only the ids given count, so one
 * track's solves never reach another's figures.
 */
export function trackExerciseProgress(
  lessons: Record<string, string[]>,
  capstones: Record<string, string[]>,
  states: Record<string, TLessonState | undefined>,
): TTrackExercises {
  const inLessons = exerciseProgress(lessons, states);
  const inCapstones = exerciseProgress(capstones, states);
  return { solved: inLessons.solved + inCapstones.solved, total: inLessons.total + inCapstones.total, capstones: inCapstones };
}

/**
 * "12 of 46 exercises solved (incl. capstones)"; with `detail`, "(incl. capstones: 2 of 10)".
 * A track without capstones reads as exerciseCountText.
 */
export function trackExerciseText(p: TTrackExercises, { detail = false } = {}): string {
  const text = exerciseCountText(p);
  if (p.capstones.total === 0) return text;
  return `${text} (incl. capstones${detail ? `: ${p.capstones.solved} of ${p.capstones.total}` : ""})`;
}

/** The newest attempt (by time, then id). */
export function latestAttempt(lesson: TLessonState | undefined): TAttempt | null {
  return lesson?.attempts.at(-1) ?? null;
}

export const CONFIDENCE_LABELS: Record<number, string> = { 1: "Not yet", 2: "With my notes", 3: "Mostly", 4: "Yes, confidently" };

/** "rated confident, missed 2 of 4" and friends. */
export function calibrationVerdict(confidence: number | null, attempt: Pick<TAttempt, "score" | "total"> | null): string {
  const rated = confidence === null ? "not rated" : confidence >= 3 ? "rated confident" : "rated unsure";
  if (!attempt) return `${rated}, no quiz attempt yet`;
  const missed = attempt.total - attempt.score;
  return missed === 0 ? `${rated}, all ${attempt.total} right` : `${rated}, missed ${missed} of ${attempt.total}`;
}

/** Confidence ratings 1..4 counted over lessons, and how many started lessons have none. */
export function confidenceDistribution(lessons: TLessonState[]) {
  const counts = [0, 0, 0, 0];
  let unrated = 0;
  for (const l of lessons) {
    if (l.confidence !== null && l.confidence >= 1 && l.confidence <= 4) counts[l.confidence - 1]! += 1;
    else unrated += 1;
  }
  return { counts, unrated };
}

// ── Continue where you left off ──────────────────────────────────────────────────────────────────

export type TOutlineLesson = { id: string; slug: string; title: string; step: number; published: boolean };
export type TOutlineTrack = { slug: string; title: string; lessons: TOutlineLesson[] };

export type TContinue =
  | { kind: "start" }
  | { kind: "resume" | "next"; track: TOutlineTrack; lesson: TOutlineLesson }
  | { kind: "done"; track: TOutlineTrack };

/**
 * The most recently visited lesson if it is not completed yet; otherwise the next published lesson
 * of that track that is not completed; "start" for someone with no visits.
 */
export function continueTarget(tracks: TOutlineTrack[], lessons: Record<string, TLessonState | undefined>): TContinue {
  let best: { track: TOutlineTrack; lesson: TOutlineLesson; at: string } | null = null;
  for (const track of tracks) {
    for (const lesson of track.lessons) {
      const at = lessons[lesson.id]?.visitedAt;
      if (lesson.published && at && (!best || at > best.at)) best = { track, lesson, at };
    }
  }
  if (!best) return { kind: "start" };
  if (!lessons[best.lesson.id]?.completedVersion) return { kind: "resume", track: best.track, lesson: best.lesson };
  const after = best.track.lessons.filter((l) => l.published && l.step > best.lesson.step && !lessons[l.id]?.completedVersion);
  const before = best.track.lessons.filter((l) => l.published && l.step < best.lesson.step && !lessons[l.id]?.completedVersion);
  const next = after[0] ?? before[0];
  return next ? { kind: "next", track: best.track, lesson: next } : { kind: "done", track: best.track };
}

// ── Activity calendar ────────────────────────────────────────────────────────────────────────────

export type TActivityCell = { date: string; count: number; level: 0 | 1 | 2 | 3 | 4 };

const DAY_MS = 86_400_000;
const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The last 12 months as columns of weeks (Sunday first), ending with the week of `today`
 * (YYYY-MM-DD). Days after today are left out. Levels split the busiest day into four steps.
 */
export function activityCalendar(days: { date: string; count: number }[], today: string) {
  const counts = new Map(days.map((d) => [d.date, d.count]));
  const end = Date.parse(`${today}T00:00:00Z`);
  const endWeekStart = end - new Date(end).getUTCDay() * DAY_MS;
  const start = endWeekStart - 52 * 7 * DAY_MS;
  let max = 0;
  for (let t = start; t <= end; t += DAY_MS) max = Math.max(max, counts.get(dayString(t)) ?? 0);
  const level = (n: number): TActivityCell["level"] => (n === 0 ? 0 : (Math.min(4, Math.ceil((n / max) * 4)) as 1 | 2 | 3 | 4));

  const weeks: TActivityCell[][] = [];
  const months: { label: string; week: number }[] = [];
  let total = 0;
  let activeDays = 0;
  let busiest: { date: string; count: number } | null = null;
  const perMonth = new Map<string, number>();
  for (let w = 0, t = start; t <= end; w++) {
    const week: TActivityCell[] = [];
    for (let d = 0; d < 7 && t <= end; d++, t += DAY_MS) {
      const date = dayString(t);
      const count = counts.get(date) ?? 0;
      week.push({ date, count, level: level(count) });
      total += count;
      if (count > 0) activeDays += 1;
      if (count > 0 && (!busiest || count > busiest.count)) busiest = { date, count };
      const month = date.slice(0, 7);
      perMonth.set(month, (perMonth.get(month) ?? 0) + count);
      if (date.endsWith("-01")) months.push({ label: MONTHS[Number(date.slice(5, 7)) - 1]!, week: w });
    }
    weeks.push(week);
  }
  // The first column names its month too, unless the next month's label follows within two weeks.
  const first = weeks[0]?.[0]?.date;
  if (first && !first.endsWith("-01") && (months[0]?.week ?? 99) > 2) months.unshift({ label: MONTHS[Number(first.slice(5, 7)) - 1]!, week: 0 });
  return {
    weeks,
    months,
    total,
    activeDays,
    busiest,
    perMonth: [...perMonth.entries()].map(([month, count]) => ({ month, label: `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`, count })),
  };
}

// ── Save status ──────────────────────────────────────────────────────────────────────────────────

/**
 * The status line under a saved choice (the confidence rating): guests keep progress in this
 * browser; signed-in learners see "Saved." only once the server has acknowledged the change.
 */
export function saveStatusText(s: { ready: boolean; signedIn: boolean; saved: boolean; pending: boolean; online: boolean }): string {
  if (!s.ready) return "Not saved yet.";
  if (!s.signedIn) return s.saved ? "Saved in this browser." : "Not saved yet.";
  if (s.pending) return s.online ? "Not saved yet." : "Offline, will sync.";
  return s.saved ? "Saved." : "Not saved yet.";
}
