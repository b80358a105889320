import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ContentError, loadContent } from "./load";

/**
 * exercises.yaml and dataset variants: what the loader accepts, and the one-line error it gives for
 * each problem (docs/CONTENT.md, "Exercises"). Each test writes a one-lesson track to a temp dir.
 */
const tmpDirs: string[] = [];
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Files = Record<string, string | undefined>;

const versionFile = (overrides: Record<string, unknown> = {}) =>
  `---\n${stringify({
    title: "Lesson",
    slug: "lesson",
    level: "beginner",
    mode: "sql_sandbox",
    dataset: "shop",
    lastReviewed: "2026-01-01",
    summary: "A summary.",
    intro: { teaches: "T.", why: "W.", where: "W.", position: "P." },
    interview: [{ q: "Q?", a: "A." }],
    selfCheck: [{ q: "Q?", a: "A." }],
    tip: "A tip.",
    cards: [{ front: "F", back: "B" }],
    quiz: [{ id: "q", question: "Q?", choices: [{ text: "A", correct: true, explanation: "Yes." }, { text: "B", explanation: "No." }] }],
    starterTopics: ["Topic"],
    change: { kind: "major", note: "First published version." },
    ...overrides,
  })}---\n\n## Section\n\nText.\n`;

const exercise = (overrides: Record<string, unknown> = {}) => ({
  id: "count-rows",
  title: "Count the rows",
  difficulty: "easy",
  prompt: "How many rows does `t` have?",
  solution: "SELECT COUNT(*) FROM t;",
  hints: ["Use `COUNT(*)`."],
  ...overrides,
});

function files(): Files {
  return {
    "sql/track.yaml": stringify({ title: "SQL", description: "D.", dialect: "Standard SQL", practice: "P.", lessons: ["lesson"] }),
    "sql/datasets/shop.sql": "CREATE TABLE t (id INTEGER);\nINSERT INTO t VALUES (1);\n",
    "sql/datasets/shop.variant.sql": "INSERT INTO t VALUES (2);\n",
    "sql/datasets/org.sql": "CREATE TABLE e (id INTEGER);\n",
    "sql/lesson/lesson.yaml": stringify({ id: "3b241101-e2bb-4255-8caf-4136c566a962", title: "Lesson", level: "beginner" }),
    "sql/lesson/v20260101.md": versionFile(),
    "sql/lesson/exercises.yaml": stringify({ exercises: [exercise()] }),
  };
}

function load(tweak: (f: Files) => void = () => {}) {
  const f = files();
  tweak(f);
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ln-exercises-")), "content");
  tmpDirs.push(path.dirname(root));
  for (const [rel, text] of Object.entries(f)) {
    if (text === undefined) continue;
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return loadContent(root);
}

function loadError(tweak: (f: Files) => void): string {
  try {
    load(tweak);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).message;
  }
  throw new Error("expected a ContentError");
}

const withExercises = (...xs: unknown[]) => (f: Files) => {
  f["sql/lesson/exercises.yaml"] = stringify({ exercises: xs });
};

describe("exercises.yaml", () => {
  it("loads exercises with the schema's defaults and the lesson's dataset", () => {
    const [track] = load();
    expect(track!.lessons[0]!.exercises).toEqual([
      {
        ...exercise(),
        dataset: "shop",
        engines: ["sqlite", "postgres"],
        orderMatters: false,
        checkColumnNames: false,
        wrong: [],
      },
    ]);
  });

  it("keeps datasets with their variants, and does not count a variant as a dataset of its own", () => {
    const [track] = load();
    expect(track!.datasets).toEqual([
      { name: "org", sql: "CREATE TABLE e (id INTEGER);\n", variantSql: null },
      { name: "shop", sql: "CREATE TABLE t (id INTEGER);\nINSERT INTO t VALUES (1);\n", variantSql: "INSERT INTO t VALUES (2);\n" },
    ]);
  });

  it("gives a lesson without the file no exercises", () => {
    const [track] = load((f) => (f["sql/lesson/exercises.yaml"] = undefined));
    expect(track!.lessons[0]!.exercises).toEqual([]);
  });

  it.each<[string, (f: Files) => void, string]>([
    ["a missing field", withExercises(exercise({ hints: undefined })), "exercises.0.hints: Invalid input: expected array, received undefined"],
    ["no hint", withExercises(exercise({ hints: [] })), "exercises.0.hints: at least one hint"],
    ["an unknown key", withExercises(exercise({ answer: "x" })), "exercises.0.answer: Unrecognized key: \"answer\""],
    ["a bad difficulty", withExercises(exercise({ difficulty: "tricky" })), "exercises.0.difficulty"],
    ["a duplicate id", withExercises(exercise(), exercise()), "exercises: exercise ids must be unique in the lesson"],
    ["an unknown engine", withExercises(exercise({ engines: ["mysql"] })), "exercises.0.engines.0"],
    [
      "a wrong answer on an engine the exercise does not run on",
      withExercises(exercise({ engines: ["sqlite"], wrong: [{ query: "SELECT 1;", feedback: "No.", engines: ["postgres"] }] })),
      "exercises.0.wrong.0.engines: postgres is not one of the exercise's engines",
    ],
    ["an unknown dataset", withExercises(exercise({ dataset: "warehouse" })), "exercises.0.dataset: no datasets/warehouse.sql in this track"],
    [
      "a dataset without a variant",
      withExercises(exercise({ dataset: "org" })),
      "exercises.0.dataset: datasets/org.variant.sql is missing (exercises are also graded on a hidden variant)",
    ],
    ["an empty list", withExercises(), "exercises: list at least one exercise, or delete the file"],
  ])("names the file and field for %s", (_, tweak, message) => {
    expect(loadError(tweak)).toContain(`content/sql/lesson/exercises.yaml: ${message}`);
  });

  it("needs a dataset from the exercise or the lesson", () => {
    const message = loadError((f) => (f["sql/lesson/v20260101.md"] = versionFile({ dataset: undefined })));
    expect(message).toBe("content/sql/lesson/exercises.yaml: exercises.0.dataset: set a dataset here or on the lesson");
  });

  it("needs a published sql_sandbox lesson", () => {
    expect(loadError((f) => (f["sql/lesson/v20260101.md"] = versionFile({ mode: "reading" })))).toBe(
      "content/sql/lesson/exercises.yaml: exercises need a sql_sandbox lesson (this one is reading)",
    );
    expect(loadError((f) => (f["sql/lesson/v20260101.md"] = undefined))).toBe(
      "content/sql/lesson/exercises.yaml: the lesson has no published version yet",
    );
  });

  it("refuses a variant without its dataset", () => {
    expect(loadError((f) => (f["sql/datasets/extra.variant.sql"] = "SELECT 1;"))).toBe(
      "content/sql/datasets/extra.variant.sql: a variant needs datasets/extra.sql",
    );
  });
});
