import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareResults, gradeExercise, gradedResult, type TDatasetRuns, type TResultSet, type TVerdict } from "@/lib/domain/grader";
import { datasetScripts, runAttempt } from "@/lib/lab/attempt";
import { loadOrThrow, postgresForNode, postgresImage, sqliteForNode } from "@/lib/lab/engines/node";
import type { TCell, TLabDatabase, TLabEngine, TStatementResult } from "@/lib/lab/types";
import { loadContent, type TDataset, type TLessonExercise } from "./load";

/**
 * Every exercise of every lesson and capstone, on each of its engines, graded by the real grader on the real
 * engines (docs/CONTENT.md, "Exercises"):
 *
 *   - the reference query runs, only reads, returns rows, and the grader accepts it;
 *   - on both engines it gives the same answer (the grader's cross-engine rules), on both datasets;
 *   - each named wrong answer runs, only reads, is rejected, and shows its own feedback;
 *   - the hidden variant changes the reference's result, and a query that hard-codes the visible
 *     answer (SELECT … UNION ALL SELECT …) passes on the visible data but fails on the variant.
 *
 * All the queries only read, so the exercises of a dataset share one database per engine and variant.
 */
const CONTENT = path.resolve(import.meta.dirname, "../../content");
const tracks = loadContent(CONTENT);

const pgImages = new Map<string, Promise<Blob>>();
const open = new Map<string, Promise<TLabDatabase>>();
const opened: Promise<TLabDatabase>[] = [];

/** A database with the dataset, then `extra` (the variant) run on it; PostgreSQL starts from one saved image per dataset. */
function database(engine: TLabEngine, dataset: string, extra: string): Promise<TLabDatabase> {
  const key = `${engine}\n${dataset}\n${extra}`;
  let db = open.get(key);
  if (!db) {
    if (engine === "sqlite") db = sqliteForNode(`${dataset}\n;\n${extra}`);
    else {
      db = pgImage(dataset).then(async (i) => {
        const pg = await postgresForNode(i);
        if (extra) await loadOrThrow(pg, extra);
        return pg;
      });
    }
    open.set(key, db);
    opened.push(db);
  }
  return db;
}

/** The saved PGlite image of a dataset, made once (the first exercise of a dataset would otherwise pay for it within its own timeout). */
function pgImage(dataset: string): Promise<Blob> {
  let image = pgImages.get(dataset);
  if (!image) pgImages.set(dataset, (image = postgresImage(dataset)));
  return image;
}

afterAll(async () => {
  await Promise.all(opened.map(async (db) => (await db).close()));
}, 60_000);

/** A literal for a hard-coded answer. */
function literal(cell: TCell): string {
  if (cell === null) return "NULL";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (typeof cell === "number") return String(cell);
  return /^-?\d+(\.\d+)?$/.test(cell) ? cell : `'${cell.replaceAll("'", "''")}'`;
}

/** The visible answer typed in as constants: what a learner who copies the expected rows would write. */
function hardCodedQuery(result: TResultSet): string {
  const name = (c: string) => `"${c.replaceAll('"', '""')}"`;
  return result.rows.map((row) => `SELECT ${row.map((cell, i) => `${literal(cell)} AS ${name(result.columns[i]!)}`).join(", ")}`).join("\nUNION ALL\n") + ";";
}

const onlyReads = (runs: TStatementResult[]) => runs.map((r) => (r.kind === "error" ? `error: ${r.message}` : r.kind));

type TEngineRuns = { visible: TDatasetRuns; variant: TDatasetRuns };

async function runExercise(exercise: TLessonExercise, dataset: TDataset, engine: TLabEngine, learnerSql: string): Promise<TEngineRuns> {
  const variantSql = datasetScripts(dataset, exercise).variantExtra;
  const [visible, variant] = await Promise.all([database(engine, dataset.sql, ""), database(engine, dataset.sql, variantSql)]);
  return { visible: await runAttempt(visible, exercise, learnerSql), variant: await runAttempt(variant, exercise, learnerSql) };
}

const grade = (exercise: TLessonExercise, runs: TEngineRuns, learnerSql: string): TVerdict =>
  gradeExercise({ exercise, visible: runs.visible, variant: runs.variant, learnerSql });

/** Every exercise: the lessons' (named by the lesson folder) and the capstones' (capstones/<part>). */
const all = tracks.flatMap((track) => {
  const entry = (owner: string) => (exercise: TLessonExercise) => ({ owner, exercise, dataset: track.datasets.find((d) => d.name === exercise.dataset)! });
  return [
    ...track.lessons.flatMap((lesson) => lesson.exercises.map(entry(lesson.folder))),
    ...track.parts.flatMap((part) => (part.capstone?.exercises ?? []).map(entry(`capstones/${part.slug}`))),
  ];
});

describe("exercises", () => {
  it("exist", () => {
    expect(all.length).toBeGreaterThan(0);
  });

  // Loading a mid-size dataset (the PostgreSQL track's platform.sql) takes seconds, more on a busy
  // machine: build each image up front, with room to spare, rather than inside one exercise's test.
  beforeAll(async () => {
    const postgresDatasets = new Set(all.filter((x) => x.exercise.engines.includes("postgres")).map((x) => x.dataset.sql));
    await Promise.all([...postgresDatasets].map(pgImage));
  }, 600_000);

  for (const { owner, exercise, dataset } of all) {
    describe(`${owner}/${exercise.id}`, () => {
      for (const engine of exercise.engines) {
        it(`${engine}: reference accepted, wrong answers rejected with their feedback, hard-coding caught by the variant`, async () => {
          const runs = await runExercise(exercise, dataset, engine, exercise.solution);
          for (const which of ["visible", "variant"] as const) {
            expect(onlyReads(runs[which].reference), `reference on the ${which} dataset`).toEqual(runs[which].reference.map(() => "rows"));
          }
          const expected = gradedResult(runs.visible.reference)!;
          expect(expected.rows.length, "the reference returns rows on the visible dataset").toBeGreaterThan(0);
          expect(grade(exercise, runs, exercise.solution)).toMatchObject({ passed: true, status: "passed" });

          // the hidden variant must change the answer, or it cannot catch hard-coding
          const variantResult = gradedResult(runs.variant.reference)!;
          expect(compareResults(expected, variantResult, exercise).equal, "the variant dataset changes the reference result").toBe(false);
          const hardCoded = hardCodedQuery(expected);
          const copied = await runExercise(exercise, dataset, engine, hardCoded);
          expect(grade(exercise, copied, hardCoded), `hard-coded answer:\n${hardCoded}`).toMatchObject({ passed: false, status: "hard-coded" });

          for (const [i, w] of exercise.wrong.entries()) {
            if (w.engines && !w.engines.includes(engine)) continue;
            const mine = await runExercise(exercise, dataset, engine, w.query);
            expect(onlyReads(mine.visible.learner), `wrong answer ${i} runs and only reads`).toEqual(mine.visible.learner.map(() => "rows"));
            const verdict = grade(exercise, mine, w.query);
            expect(verdict.passed, `wrong answer ${i} is rejected: ${w.query}`).toBe(false);
            expect({ wrongIndex: verdict.wrongIndex, feedback: verdict.feedback }, `wrong answer ${i} shows its own feedback`).toEqual({ wrongIndex: i, feedback: w.feedback });
          }
        }, 120_000);
      }

      if (exercise.engines.length === 2) {
        it("gives the same answer on SQLite and PostgreSQL", async () => {
          const [sqlite, postgres] = await Promise.all([runExercise(exercise, dataset, "sqlite", ""), runExercise(exercise, dataset, "postgres", "")]);
          for (const which of ["visible", "variant"] as const) {
            const a = gradedResult(sqlite[which].reference)!;
            const b = gradedResult(postgres[which].reference)!;
            const same = compareResults(a, b, exercise);
            expect(same.equal, `${which} dataset: ${same.summary}`).toBe(true);
          }
        }, 120_000);
      }
    });
  }
});
