import { lessonHref } from "@/lib/format";
import { currentVersion, getTracks, publishedLessons } from "./index";

/** What the discussion needs to know about a lesson it only has the stable id of. */
export type TLessonRef = { id: string; title: string; trackSlug: string; path: string; starterTopics: string[] };

let cache: { tracks: unknown; byId: Map<string, TLessonRef> } | undefined;

/** A published lesson by its stable id (content/<track>/<lesson>/lesson.yaml), or undefined. */
export function lessonById(id: string): TLessonRef | undefined {
  const tracks = getTracks();
  if (cache?.tracks !== tracks) {
    const byId = new Map<string, TLessonRef>();
    for (const track of tracks) {
      for (const lesson of publishedLessons(track)) {
        const v = currentVersion(lesson)!;
        byId.set(lesson.id, {
          id: lesson.id,
          title: v.title,
          trackSlug: track.slug,
          path: lessonHref(track.slug, lesson.folder),
          starterTopics: v.starterTopics,
        });
      }
    }
    cache = { tracks, byId };
  }
  return cache.byId.get(id);
}
