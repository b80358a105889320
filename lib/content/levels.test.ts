import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "./load";

const LEVELS = ["beginner", "intermediate", "advanced"] as const;

/**
 * Issue 15: a reader moving down the SQL track should never step from an intermediate lesson back to
 * a "beginner" one. A lesson's level is its newest version's, which is what the pages show.
 */
describe("SQL track levels", () => {
  const sql = loadContent(path.resolve(import.meta.dirname, "../../content")).find((t) => t.slug === "sql")!;

  it("never fall along the step order", () => {
    const falls = sql.lessons.flatMap((lesson, i) => {
      const before = sql.lessons[i - 1];
      return before && LEVELS.indexOf(lesson.level) < LEVELS.indexOf(before.level)
        ? [`step ${lesson.step} ${lesson.folder} (${lesson.level}) after step ${before.step} ${before.folder} (${before.level})`]
        : [];
    });
    expect(falls).toEqual([]);
  });

  it("has at least four lessons with two or more published versions", () => {
    const revised = sql.lessons.filter((l) => l.versions.length >= 2).map((l) => l.folder);
    expect(revised.length, revised.join(", ")).toBeGreaterThanOrEqual(4);
  });
});
