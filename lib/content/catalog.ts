import { lessonHref } from "@/lib/format";
import { currentVersion, getTracks } from "./index";

/**
 * The one index of published lessons by stable id (content/<track>/<lesson>/lesson.yaml): what
 * progress and discussion need to know about a lesson they only have the id of: where it lives,
 * its published versions (with major/minor), and how many self-check questions, quiz questions and
 * prep cards each version has, which SQL lab exercises it offers, and its starter discussion topics.
 * Built once per process from the content index.
 */
export type TCatalogLesson = {
  id: string;
  trackSlug: string;
  trackTitle: string;
  slug: string;
  /** The lesson page, e.g. /tracks/sql/select-basics. */
  path: string;
  step: number;
  title: string;
  summary: string;
  currentVersion: string;
  versions: { version: string; kind: "major" | "minor"; quizIds: string[]; selfCheckCount: number }[];
  cards: { front: string; back: string }[];
  starterTopics: string[];
  /** SQL lab exercises (exercises.yaml), in order, with the engines each is graded on. */
  exerciseIds: string[];
  exercises: { id: string; engines: ("sqlite" | "postgres")[] }[];
};

/**
 * A part's capstone exercise set: its id stands where a lesson id would in exercise progress (solved
 * exercises are stored by it), but it is no lesson: it has no versions, quiz or cards to record.
 */
export type TCatalogCapstone = {
  id: string;
  trackSlug: string;
  part: string;
  exercises: { id: string; engines: ("sqlite" | "postgres")[] }[];
};

/** `published`: the ids of the published lessons; `capstones`: the ids of the parts' capstones. */
export type TCatalogTrack = { slug: string; title: string; lessonCount: number; published: string[]; capstones: string[] };

type Catalog = { lessons: Map<string, TCatalogLesson>; capstones: Map<string, TCatalogCapstone>; tracks: TCatalogTrack[] };

const globalForCatalog = globalThis as typeof globalThis & { __lnvCatalog?: Catalog };

function build(): Catalog {
  const lessons = new Map<string, TCatalogLesson>();
  const capstones = new Map<string, TCatalogCapstone>();
  const tracks: TCatalogTrack[] = [];
  for (const track of getTracks()) {
    const published: string[] = [];
    for (const lesson of track.lessons) {
      const current = currentVersion(lesson);
      if (!current) continue;
      published.push(lesson.id);
      lessons.set(lesson.id, {
        id: lesson.id,
        trackSlug: track.slug,
        trackTitle: track.title,
        slug: lesson.folder,
        path: lessonHref(track.slug, lesson.folder),
        step: lesson.step,
        title: current.title,
        summary: current.summary,
        currentVersion: current.version,
        versions: lesson.versions.map((v) => ({
          version: v.version,
          kind: v.change.kind,
          quizIds: v.quiz.map((q) => q.id),
          selfCheckCount: v.selfCheck.length,
        })),
        cards: current.cards,
        starterTopics: current.starterTopics,
        exerciseIds: lesson.exercises.map((x) => x.id),
        exercises: lesson.exercises.map((x) => ({ id: x.id, engines: x.engines })),
      });
    }
    for (const part of track.parts) {
      if (!part.capstone) continue;
      const exercises = part.capstone.exercises.map((x) => ({ id: x.id, engines: x.engines }));
      capstones.set(part.capstone.id, { id: part.capstone.id, trackSlug: track.slug, part: part.slug, exercises });
    }
    const capstoneIds = track.parts.flatMap((p) => (p.capstone ? [p.capstone.id] : []));
    tracks.push({ slug: track.slug, title: track.title, lessonCount: track.lessons.length, published, capstones: capstoneIds });
  }
  return { lessons, capstones, tracks };
}

function catalog(): Catalog {
  globalForCatalog.__lnvCatalog ??= build();
  return globalForCatalog.__lnvCatalog;
}

/** A published lesson by its stable id. */
export function catalogLesson(id: string): TCatalogLesson | undefined {
  return catalog().lessons.get(id);
}

export function catalogTracks(): TCatalogTrack[] {
  return catalog().tracks;
}

/** A capstone by its stable id. */
export function catalogCapstone(id: string): TCatalogCapstone | undefined {
  return catalog().capstones.get(id);
}

/**
 * Where an exercise mutation's `lessonId` points: a published lesson or a capstone, each with its
 * track and exercises (undefined for any other id).
 */
export function catalogExerciseSet(id: string): { trackSlug: string; exercises: TCatalogCapstone["exercises"] } | undefined {
  return catalogLesson(id) ?? catalogCapstone(id);
}

/** Published lesson ids of one track (undefined for an unknown track). */
export function catalogTrackLessonIds(slug: string): string[] | undefined {
  return catalog().tracks.find((t) => t.slug === slug)?.published;
}

/**
 * The ids one track's progress is stored under: its published lessons and its capstones
 * (undefined for an unknown track).
 */
export function catalogTrackProgressIds(slug: string): string[] | undefined {
  const track = catalog().tracks.find((t) => t.slug === slug);
  return track && [...track.published, ...track.capstones];
}
