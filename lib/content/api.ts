import { AppError } from "@/lib/errors";
import { diffVersions, type TLessonDiff } from "@/lib/domain/diff";
import { currentVersion, getTrack, getTracks, publishedLessons, trackPercent, type TLesson, type TLessonVersion, type TTrack } from "./index";
import type { TLessonExercise } from "./load";
import { LEVELS, TRACK_MODES, type TLevel } from "./schema";

/**
 * The JSON shapes of the versioned content API (/api/v1/tracks/...). Route handlers only parse
 * input and call one of these; anything missing is an AppError("NOT_FOUND") naming what was asked for.
 * Fields are picked explicitly so internal additions to the content index never leak into the API.
 */

export type TTrackSummary = {
  slug: string;
  title: string;
  description: string;
  dialect: string;
  lessonCount: number;
  publishedCount: number;
  levels: TLevel[];
};

export type TTrackLessonEntry = {
  id: string;
  step: number;
  slug: string;
  title: string;
  level: TLevel;
  published: boolean;
  currentVersion: string | null;
  readingMinutes: number | null;
  summary: string | null;
};

/** A part of the track: its lessons' slugs in step order, and its capstone if it has one. */
export type TTrackPartEntry = { slug: string; title: string; lessons: string[]; capstone: { id: string; exerciseCount: number } | null };

/** `parts` is empty for a track without them. */
export type TTrackDetail = TTrackSummary & { practice: string; lessons: TTrackLessonEntry[]; parts: TTrackPartEntry[] };

export type TVersionEntry = Pick<TLessonVersion, "version" | "published" | "lastReviewed" | "change">;

export type TLessonPayload = {
  track: { slug: string; title: string };
  lesson: { id: string; slug: string; step: number; stepCount: number; percentThroughTrack: number };
  version: ReturnType<typeof toVersionPayload>;
  versions: string[];
  isCurrent: boolean;
};

function summarizeTrack(track: TTrack): TTrackSummary {
  return {
    slug: track.slug,
    title: track.title,
    description: track.description,
    dialect: track.dialect,
    lessonCount: track.lessons.length,
    publishedCount: publishedLessons(track).length,
    levels: LEVELS.filter((level) => track.lessons.some((l) => l.level === level)),
  };
}

function findTrackOrThrow(slug: string): TTrack {
  const track = getTrack(slug);
  if (!track) throw new AppError("NOT_FOUND", `There is no track "${slug}".`);
  return track;
}

function findPublishedLessonOrThrow(trackSlug: string, slug: string): { track: TTrack; lesson: TLesson } {
  const track = findTrackOrThrow(trackSlug);
  const lesson = track.lessons.find((l) => l.folder === slug);
  if (!lesson) throw new AppError("NOT_FOUND", `There is no lesson "${slug}" in the ${track.title} track.`);
  if (lesson.versions.length === 0) {
    throw new AppError("NOT_FOUND", `The lesson "${slug}" is in the ${track.title} outline but has no published version yet.`);
  }
  return { track, lesson };
}

function findVersionOrThrow(lesson: TLesson, version: string): TLessonVersion {
  const found = lesson.versions.find((v) => v.version === version);
  if (!found) {
    const known = lesson.versions.map((v) => v.version).join(", ");
    throw new AppError("NOT_FOUND", `The lesson "${lesson.folder}" has no version ${version} (published: ${known}).`);
  }
  return found;
}

function toVersionPayload(v: TLessonVersion) {
  return {
    version: v.version,
    published: v.published,
    lastReviewed: v.lastReviewed,
    title: v.title,
    level: v.level,
    mode: v.mode,
    modeLabel: TRACK_MODES[v.mode],
    dataset: v.dataset ?? null,
    summary: v.summary,
    readingMinutes: v.readingMinutes,
    intro: v.intro,
    lead: v.lead,
    sections: v.sections.map((s) => ({ id: s.id, heading: s.heading, markdown: s.markdown })),
    interview: v.interview,
    selfCheck: v.selfCheck,
    tip: v.tip,
    cards: v.cards,
    quiz: v.quiz,
    starterTopics: v.starterTopics,
    change: v.change,
  };
}

export function getTrackSummaries(): { tracks: TTrackSummary[] } {
  return { tracks: getTracks().map(summarizeTrack) };
}

export function getTrackDetail(slug: string): TTrackDetail {
  const track = findTrackOrThrow(slug);
  return {
    ...summarizeTrack(track),
    practice: track.practice,
    lessons: track.lessons.map((lesson) => {
      const current = currentVersion(lesson);
      return {
        id: lesson.id,
        step: lesson.step,
        slug: lesson.folder,
        title: lesson.title,
        level: lesson.level,
        published: current !== undefined,
        currentVersion: current?.version ?? null,
        readingMinutes: current?.readingMinutes ?? null,
        summary: current?.summary ?? null,
      };
    }),
    parts: track.parts.map((p) => ({
      slug: p.slug,
      title: p.title,
      lessons: p.lessons,
      capstone: p.capstone ? { id: p.capstone.id, exerciseCount: p.capstone.exercises.length } : null,
    })),
  };
}

export function getLessonPayload({ track: trackSlug, slug, version }: { track: string; slug: string; version?: string }): TLessonPayload {
  const { track, lesson } = findPublishedLessonOrThrow(trackSlug, slug);
  const current = currentVersion(lesson)!;
  const chosen = version ? findVersionOrThrow(lesson, version) : current;
  return {
    track: { slug: track.slug, title: track.title },
    lesson: {
      id: lesson.id,
      slug: lesson.folder,
      step: lesson.step,
      stepCount: track.lessons.length,
      percentThroughTrack: trackPercent(lesson.step, track.lessons.length),
    },
    version: toVersionPayload(chosen),
    versions: lesson.versions.map((v) => v.version),
    isCurrent: chosen.version === current.version,
  };
}

/** Newest first. */
export function getLessonVersions({ track, slug }: { track: string; slug: string }): { versions: TVersionEntry[] } {
  const { lesson } = findPublishedLessonOrThrow(track, slug);
  return {
    versions: lesson.versions
      .map((v) => ({ version: v.version, published: v.published, lastReviewed: v.lastReviewed, change: v.change }))
      .reverse(),
  };
}

/** `to` defaults to the current version; `from` must be strictly older than `to`. */
export function getLessonDiff({ track, slug, from, to }: { track: string; slug: string; from: string; to?: string }): TLessonDiff {
  const { lesson } = findPublishedLessonOrThrow(track, slug);
  const fromVersion = findVersionOrThrow(lesson, from);
  const toVersion = to ? findVersionOrThrow(lesson, to) : currentVersion(lesson)!;
  const iFrom = lesson.versions.indexOf(fromVersion);
  const iTo = lesson.versions.indexOf(toVersion);
  if (iFrom >= iTo) {
    throw new AppError("BAD_REQUEST", `from: ${from} must be an older version than to (${toVersion.version}).`);
  }
  return diffVersions(fromVersion, toVersion, lesson.versions.slice(iFrom + 1, iTo + 1));
}

// ── SQL lab: datasets and exercises ──────────────────────────────────────────────────────────────

/** `GET /api/v1/tracks/{track}/datasets/{name}`: the SQL the lab loads, and the hidden variant it grades on. */
export type TDatasetPayload = { name: string; sql: string; variantSql: string | null };

export function getDatasetPayload({ track: trackSlug, name }: { track: string; name: string }): TDatasetPayload {
  const track = findTrackOrThrow(trackSlug);
  const dataset = track.datasets.find((d) => d.name === name);
  if (!dataset) throw new AppError("NOT_FOUND", `The ${track.title} track has no dataset "${name}".`);
  return { name: dataset.name, sql: dataset.sql, variantSql: dataset.variantSql };
}

/** One exercise as the browser needs it to show and grade it (docs/CONTENT.md, "Exercises"). */
export type TExercisePayload = {
  id: string;
  title: string;
  difficulty: "easy" | "medium" | "hard";
  /** Inline markdown, as in the content (the lesson page renders it into its static HTML). */
  prompt: string;
  dataset: string;
  engines: ("sqlite" | "postgres")[];
  orderMatters: boolean;
  checkColumnNames: boolean;
  tolerance: number | null;
  solution: string;
  hints: string[];
  wrong: { query: string; feedback: string; engines: ("sqlite" | "postgres")[] | null }[];
  variant: string | null;
};

/** `GET /api/v1/tracks/{track}/lessons/{slug}/exercises`. */
export type TLessonExercisesPayload = { lessonId: string; exercises: TExercisePayload[] };

/** Field by field on purpose: a new field in the content format must not reach the API unannounced. */
function toExercisePayload(x: TLessonExercise): TExercisePayload {
  const { id, title, difficulty, prompt, dataset, engines, orderMatters, checkColumnNames, solution, hints } = x;
  const wrong = x.wrong.map((w) => ({ query: w.query, feedback: w.feedback, engines: w.engines ?? null }));
  const tolerance = x.tolerance ?? null;
  return { id, title, difficulty, prompt, dataset, engines, orderMatters, checkColumnNames, tolerance, solution, hints, wrong, variant: x.variant ?? null };
}

export function getLessonExercises({ track, slug }: { track: string; slug: string }): TLessonExercisesPayload {
  const { lesson } = findPublishedLessonOrThrow(track, slug);
  return { lessonId: lesson.id, exercises: lesson.exercises.map(toExercisePayload) };
}

/**
 * `GET /api/v1/tracks/{track}/capstones/{part}/exercises`: a part's capstone in the lesson shape;
 * `lessonId` is the capstone's id, which its solved exercises are stored under.
 */
export function getCapstoneExercises({ track: trackSlug, part: partSlug }: { track: string; part: string }): TLessonExercisesPayload {
  const track = findTrackOrThrow(trackSlug);
  const part = track.parts.find((p) => p.slug === partSlug);
  if (!part?.capstone) throw new AppError("NOT_FOUND", `The ${track.title} track has no capstone "${partSlug}".`);
  return { lessonId: part.capstone.id, exercises: part.capstone.exercises.map(toExercisePayload) };
}
