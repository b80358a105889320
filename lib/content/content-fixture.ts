import fs from "node:fs";
import path from "node:path";
import { currentVersion, loadContent, parseVersionFile, type TLesson, type TLessonVersion, type TTrack } from "./load";

/** The real content tree, for the tests that check every lesson of it. */
export const CONTENT = path.resolve(import.meta.dirname, "../../content");

export type TCurrentLessonFile = {
  track: TTrack;
  lesson: TLesson;
  current: TLessonVersion;
  /** the version file, relative to CONTENT (e.g. sql/joins/v20260101.md) */
  name: string;
  data: ReturnType<typeof parseVersionFile>["data"];
  body: string;
  /** lines before the body: block lines are reported as lines of the file, not of the body */
  lineOffset: number;
};

/** The current version file of every lesson that has one, as the file holds it. */
export function currentLessonFiles(): TCurrentLessonFile[] {
  return loadContent(CONTENT).flatMap((track) =>
    track.lessons.flatMap((lesson) => {
      const current = currentVersion(lesson);
      if (!current) return [];
      const name = path.join(track.slug, lesson.folder, `${current.version}.md`);
      const source = fs.readFileSync(path.join(CONTENT, name), "utf8");
      const { data, body } = parseVersionFile(source, name);
      const lineOffset = source.slice(0, source.indexOf(body)).split("\n").length - 1;
      return [{ track, lesson, current, name, data, body, lineOffset }];
    }),
  );
}
