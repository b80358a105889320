import { describe, expect, it } from "vitest";
import type { TCell, TStatementResult } from "@/lib/lab/types";
import { gradeExercise, gradedResult, type TGradableExercise } from "./grader";

// gradeExercise: a learner's run against the reference on the visible and the hidden dataset
// (compareResults and normaliseCell are tested in grader.test.ts).

const rows = (columns: string[], values: TCell[][], sql = "SELECT …"): TStatementResult => ({
  kind: "rows",
  columns,
  rows: values,
  sql,
  start: 0,
  end: sql.length,
  ms: 1,
});
const error = (message: string): TStatementResult => ({
  kind: "error",
  message,
  position: null,
  sql: "x",
  start: 0,
  end: 1,
  ms: 1,
});
const changes = (command: string, n: number): TStatementResult => ({
  kind: "changes",
  command,
  rowsAffected: n,
  sql: "x",
  start: 0,
  end: 1,
  ms: 1,
});

const exercise: TGradableExercise = {
  orderMatters: false,
  checkColumnNames: false,
  wrong: [
    { query: "SELECT name FROM customers WHERE city = NULL", feedback: "`= NULL` is never true: use IS NULL." },
    {
      query: "SELECT name FROM customers WHERE id = 3",
      feedback: "That names one customer; the task asks for a rule.",
    },
  ],
};
const visibleRef = [rows(["name"], [["Chen Wei"]])];
const variantRef = [rows(["name"], [["Chen Wei"], ["Ines Costa"]])];

/** Grades a query whose results, and the named wrong answers' results, are the same on both datasets. */
const gradeSameOnBoth = (learner: TStatementResult[], wrong: TStatementResult[][]) =>
  gradeExercise({ exercise, visible: { reference: visibleRef, learner, wrong }, variant: { reference: variantRef, learner, wrong } });

describe("gradeExercise", () => {
  it("passes a query that matches on the visible and the hidden dataset", () => {
    const v = gradeExercise({
      exercise,
      visible: { reference: visibleRef, learner: visibleRef },
      variant: { reference: variantRef, learner: variantRef },
    });
    expect(v).toMatchObject({ passed: true, status: "passed", feedback: null, differences: [], expectedRowCount: 1 });
  });

  it("fails a hard-coded answer on the hidden variant, and names the wrong answer it behaves like", () => {
    const hardCoded = [rows(["name"], [["Chen Wei"]])];
    const v = gradeSameOnBoth(hardCoded, [[rows(["name"], [])], hardCoded]);
    expect(v).toMatchObject({
      passed: false,
      status: "hard-coded",
      wrongIndex: 1,
      feedback: exercise.wrong![1]!.feedback,
    });
    expect(v.summary).toMatch(/hidden version of the dataset/);
    expect(v.differences).toEqual([]); // the variant's rows stay hidden
  });

  it("gives a named wrong answer's feedback with the differences", () => {
    const empty = [rows(["name"], [])];
    const v = gradeExercise({
      exercise,
      visible: { reference: visibleRef, learner: empty, wrong: [empty, visibleRef] },
      variant: { reference: variantRef, learner: empty, wrong: [empty, [rows(["name"], [["Chen Wei"]])]] },
    });
    expect(v).toMatchObject({
      passed: false,
      status: "wrong",
      wrongIndex: 0,
      feedback: exercise.wrong![0]!.feedback,
      summary: "1 row missing.",
    });
    expect(v.differences).toEqual([
      { kind: "rows", missingCount: 1, extraCount: 0, missing: [["Chen Wei"]], extra: [] },
    ]);
  });

  it("recognises a named wrong answer by its text when its runs are not given", () => {
    const empty = [rows(["name"], [])];
    const v = gradeExercise({
      exercise,
      learnerSql: "select name\n  FROM customers WHERE city = null;",
      visible: { reference: visibleRef, learner: empty },
      variant: { reference: variantRef, learner: empty },
    });
    expect(v.wrongIndex).toBe(0);
  });

  it("gives no named feedback to a wrong query that behaves like none of them", () => {
    const other = [rows(["name"], [["Ada Lovelace"]])];
    const v = gradeSameOnBoth(other, [[rows(["name"], [])], visibleRef]);
    expect(v).toMatchObject({ status: "wrong", wrongIndex: null, feedback: null, summary: "1 row missing, 1 extra." });
  });

  it("reports a failed last statement and a run without a result set", () => {
    const failed = gradeExercise({
      exercise,
      visible: { reference: visibleRef, learner: [error("no such column: nme")] },
      variant: { reference: variantRef, learner: [] },
    });
    expect(failed).toMatchObject({
      passed: false,
      status: "error",
      summary: "The last statement failed: no such column: nme",
    });
    const none = gradeExercise({
      exercise,
      visible: { reference: visibleRef, learner: [changes("UPDATE", 2)] },
      variant: { reference: variantRef, learner: [] },
    });
    expect(none).toMatchObject({ passed: false, status: "no-result" });
    expect(none.summary).toMatch(/no result set/);
  });

  it("grades the last statement that returns rows", () => {
    const learner = [rows(["n"], [[1]]), changes("CREATE VIEW", 0), ...visibleRef, changes("COMMIT", 0)];
    expect(gradedResult(learner)).toEqual({ columns: ["name"], rows: [["Chen Wei"]] });
    const v = gradeExercise({
      exercise,
      visible: { reference: visibleRef, learner },
      variant: { reference: variantRef, learner: [rows(["n"], [[1]]), ...variantRef] },
    });
    expect(v.passed).toBe(true);
  });

  it("throws when the reference itself fails (a content bug)", () => {
    expect(() =>
      gradeExercise({
        exercise,
        visible: { reference: [error("boom")], learner: visibleRef },
        variant: { reference: variantRef, learner: variantRef },
      }),
    ).toThrow(/reference query failed on the visible dataset: boom/);
  });
});
