import { afterAll, describe, expect, it } from "vitest";
import { gradeExercise } from "@/lib/domain/grader";
import { datasetScripts, runAttempt } from "./attempt";
import { sqliteForNode } from "./engines/node";
import type { TLabDatabase } from "./types";

/** runAttempt on a real engine (SQLite Wasm): what runs in which order, and what the caller must reload. */
const DATASET = {
  sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO t VALUES (1, 'a'), (2, 'b');",
  variantSql: "INSERT INTO t VALUES (3, 'c');",
};
const opened: TLabDatabase[] = [];
const open = async (sql: string) => {
  const db = await sqliteForNode(sql);
  opened.push(db);
  return db;
};
afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
});

const exercise = {
  orderMatters: false,
  checkColumnNames: false,
  solution: "SELECT v FROM t;",
  wrong: [
    { query: "SELECT v FROM t WHERE id = 1;", feedback: "Only one row." },
    { query: "SELECT v FROM t WHERE id < 0;", feedback: "Meant for PostgreSQL.", engines: ["postgres" as const] },
  ],
};

describe("runAttempt", () => {
  it("runs the reference first, so a learner's DELETE cannot change the expected rows, and says the data changed", async () => {
    const db = await open(DATASET.sql);
    const runs = await runAttempt(db, exercise, "DELETE FROM t; SELECT v FROM t;");
    expect(runs.reference).toMatchObject([{ kind: "rows", rows: [["a"], ["b"]] }]);
    expect(runs.learner.map((r) => r.kind)).toEqual(["changes", "rows"]);
    expect(runs.changed).toBe(true);
    // the next attempt on the same database would see the deletion: the caller reloads
    expect((await runAttempt(db, exercise, "SELECT 1;")).reference).toMatchObject([{ rows: [] }]);
  });

  it("runs each wrong answer meant for this engine, and gives the others no run so they cannot match", async () => {
    const db = await open(DATASET.sql);
    const runs = await runAttempt(db, exercise, "SELECT v FROM t WHERE id < 0;");
    expect(runs.wrong).toHaveLength(2);
    expect(runs.wrong![0]).toMatchObject([{ kind: "rows", rows: [["a"]] }]);
    expect(runs.wrong![1]).toEqual([]);
    expect(runs.changed).toBe(false);
    const variant = await runAttempt(
      await open(datasetScripts(DATASET, {}).variant),
      exercise,
      "SELECT v FROM t WHERE id < 0;",
    );
    const verdict = gradeExercise({ exercise, visible: runs, variant, learnerSql: "SELECT v FROM t WHERE id < 0;" });
    expect(verdict).toMatchObject({ passed: false, wrongIndex: null });
  });
});

describe("datasetScripts", () => {
  it("builds the visible dataset, and the variant: dataset, hidden variant, then the exercise's own SQL", async () => {
    const scripts = datasetScripts(DATASET, { variant: "UPDATE t SET v = 'z' WHERE id = 1;" });
    expect(scripts.visible).toBe(DATASET.sql);
    expect(scripts.variant).toBe(`${DATASET.sql}\n;\n${scripts.variantExtra}`);
    const db = await open(scripts.variant);
    expect(await db.run("SELECT v FROM t ORDER BY id;")).toMatchObject([{ rows: [["z"], ["b"], ["c"]] }]);
  });
});
