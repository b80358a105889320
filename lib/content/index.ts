import path from "node:path";
import { markdownToText, type TSearchDoc } from "@/lib/domain/search";
import { currentVersion, loadContent, type TCapstone, type TLesson, type TLessonVersion, type TPart, type TTrack } from "./load";

export type { TCapstone, TLesson, TLessonVersion, TPart, TTrack } from "./load";
export { currentVersion } from "./load";

/**
 * The validated content, loaded once per process from content/ (read at build for the static
 * pages, and by the API routes at run time).
 */
const CONTENT_ROOT = path.join(/*turbopackIgnore: true*/ process.cwd(), "content");

const globalForContent = globalThis as typeof globalThis & { __lnvContent?: TTrack[] };

export function getTracks(): TTrack[] {
  globalForContent.__lnvContent ??= loadContent(CONTENT_ROOT);
  return globalForContent.__lnvContent;
}

export function getTrack(slug: string): TTrack | undefined {
  return getTracks().find((t) => t.slug === slug);
}

export function getLesson(track: string, slug: string): { track: TTrack; lesson: TLesson } | undefined {
  const t = getTrack(track);
  const lesson = t?.lessons.find((l) => l.folder === slug && l.versions.length > 0);
  return t && lesson ? { track: t, lesson } : undefined;
}

/** A part that has a capstone, with its lessons in step order. */
export function getCapstone(track: string, part: string): { track: TTrack; part: TPart & { capstone: TCapstone }; lessons: TLesson[] } | undefined {
  const t = getTrack(track);
  const found = t?.parts.find((p) => p.slug === part);
  if (!t || !found?.capstone) return undefined;
  return { track: t, part: { ...found, capstone: found.capstone }, lessons: t.lessons.filter((l) => found.lessons.includes(l.folder)) };
}

/**
 * The part whose capstone comes right after this lesson: the lesson is the last published one of a
 * part that has a capstone (a lesson still only in the outline cannot lead anywhere, so the one
 * before it does). Undefined for every other lesson.
 */
export function capstoneAfter(track: TTrack, lesson: TLesson): (TPart & { capstone: TCapstone }) | undefined {
  const part = track.parts.find((p) => p.lessons.includes(lesson.folder));
  if (!part?.capstone) return undefined;
  const last = track.lessons.filter((l) => part.lessons.includes(l.folder) && l.versions.length > 0).at(-1);
  return last && last.id === lesson.id ? { ...part, capstone: part.capstone } : undefined;
}

export function getLessonVersion(lesson: TLesson, version?: string): TLessonVersion | undefined {
  return version ? lesson.versions.find((v) => v.version === version) : currentVersion(lesson);
}

export function publishedLessons(track: TTrack): TLesson[] {
  return track.lessons.filter((l) => l.versions.length > 0);
}

/** How far through the track a step is, as shown on the lesson page ("86% through track"). */
export function trackPercent(step: number, total: number): number {
  return Math.round((step / total) * 100);
}

export function searchDocuments(): TSearchDoc[] {
  return getTracks().flatMap((track) =>
    publishedLessons(track).map((lesson) => {
      const v = currentVersion(lesson)!;
      return {
        key: `${track.slug}/${lesson.folder}`,
        title: v.title,
        summary: v.summary,
        body: markdownToText([v.lead, ...v.sections.map((s) => `${s.heading}. ${s.markdown}`)].join(" ")),
      };
    }),
  );
}
