/**
 * The lesson-by-id lookup under the name lib/db/discussion.ts imports; the index itself is
 * lib/content/catalog.ts (one index, issue 14).
 */
export { catalogLesson as lessonById, type TCatalogLesson as TLessonRef } from "./catalog";
