import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { EXERCISE_DATASETS, exercise, frontMatter, lessonYaml, loadTree, loadTreeError, versionFile as versionText, type Files, type Tweak } from "./load-fixture";

/**
 * exercises.yaml and dataset variants: what the loader accepts, and the one-line error it gives for
 * each problem (docs/CONTENT.md, "Exercises"). Each test writes a one-lesson track to a temp dir.
 */
const versionFile = (overrides: Record<string, unknown> = {}) =>
  versionText(frontMatter("lesson", { title: "Lesson", change: { kind: "major", note: "First published version." }, ...overrides }));

function files(): Files {
  return {
    "sql/track.yaml": stringify({ title: "SQL", description: "D.", dialect: "Standard SQL", practice: "P.", lessons: ["lesson"] }),
    ...EXERCISE_DATASETS,
    "sql/lesson/lesson.yaml": lessonYaml("3b241101-e2bb-4255-8caf-4136c566a962", "Lesson"),
    "sql/lesson/v20260101.md": versionFile(),
    "sql/lesson/exercises.yaml": stringify({ exercises: [exercise()] }),
  };
}

const load = (tweak?: Tweak) => loadTree(files, tweak);
const loadError = (tweak: Tweak) => loadTreeError(files, tweak).message;

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
