import { describe, expect, it } from "vitest";
import { currentVersion, getTracks, publishedLessons } from "./index";
import { lessonHtml, shownExercises } from "./lesson-html";

const sql = getTracks().find((t) => t.slug === "sql")!;
const labLesson = publishedLessons(sql).find((l) => currentVersion(l)!.mode === "sql_sandbox" && l.exercises.length > 0)!;

describe("lessonHtml (issue 14: lesson HTML is rendered in lib/content, LessonView only lays it out)", () => {
  it("renders every part of a version to HTML, lab examples numbered across the lesson", async () => {
    const v = currentVersion(labLesson)!;
    const html = await lessonHtml(sql, labLesson, v);
    expect(html.sections.map((s) => s.id)).toEqual(v.sections.map((s) => s.id));
    expect(html.quiz.map((q) => q.id)).toEqual(v.quiz.map((q) => q.id));
    expect(html.quiz[0]!.choices).toHaveLength(v.quiz[0]!.choices.length);
    expect(html.intro).toHaveLength(5);
    const parts = [html.lead, ...html.sections.map((s) => s.html)].join("");
    const numbers = [...parts.matchAll(/class="lab-btn" data-lab-action="run">Run<span class="sr-only"> example (\d+)</g)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(html.exercisePrompts).toHaveLength(labLesson.exercises.length);
    expect(html.exercisePrompts.every((p) => p.length > 0 && !p.includes("`"))).toBe(true);
  });

  it("on the PostgreSQL track, numbers only the blocks PGlite runs and opens them on PostgreSQL alone", async () => {
    const pg = getTracks().find((t) => t.slug === "postgresql")!;
    // ranges-and-timestamptz has a `server` block (btree_gist), which the lab must skip
    const lesson = pg.lessons.find((l) => l.folder === "ranges-and-timestamptz")!;
    const html = await lessonHtml(pg, lesson, currentVersion(lesson)!);
    const parts = [html.lead, ...html.sections.map((s) => s.html)].join("");
    const blocks = [...parts.matchAll(/data-lab-block="(\d+)" data-lab-engines="([a-z ]+)"/g)];
    expect(blocks.map((m) => Number(m[1]))).toEqual(blocks.map((_, i) => i + 1));
    expect(new Set(blocks.map((m) => m[2]))).toEqual(new Set(["postgres"]));
    expect(parts).toContain('<div class="sql-block" data-sql-tag="server"><p class="sql-tag">Runs on a PostgreSQL server, not in the lab</p>');
  });

  it("renders a version once per process", async () => {
    const v = currentVersion(labLesson)!;
    expect(lessonHtml(sql, labLesson, v)).toBe(lessonHtml(sql, labLesson, v));
  });

  it("shows exercises with the current version of a sql_sandbox lesson only", () => {
    const current = currentVersion(labLesson)!;
    expect(shownExercises(labLesson, current)).toBe(labLesson.exercises);
    expect(shownExercises(labLesson, { ...current })).toEqual([]);
    expect(shownExercises(labLesson, { ...current, mode: "reading" })).toEqual([]);
  });
});
