import type { TDatasetRuns } from "@/lib/domain/grader";
import type { TLabDatabase, TLabEngine, TStatementResult } from "./types";

/**
 * Running one exercise attempt on one database, the same way in the browser and in the tests:
 *
 *   1. the reference query, then each named wrong answer that applies to this engine (all of them
 *      are read-only: the content test checks that they only return rows);
 *   2. the learner's text last, so nothing it changes can affect the reference's result.
 *
 * If the learner's text ran any statement that is not a query (an UPDATE, a CREATE, a BEGIN that
 * may have left a transaction open), `changed` is true and the caller reloads the dataset before
 * the next attempt. Grade the runs of the visible and the variant dataset with
 * gradeExercise (lib/domain/grader.ts).
 */
export type TAttemptExercise = {
  solution: string;
  wrong?: { query: string; engines?: TLabEngine[] | null }[];
};

export async function runAttempt(
  db: TLabDatabase,
  exercise: TAttemptExercise,
  learnerSql: string,
): Promise<TDatasetRuns & { changed: boolean }> {
  const reference = await db.run(exercise.solution);
  const wrong: TStatementResult[][] = [];
  for (const w of exercise.wrong ?? []) {
    // a wrong answer meant for the other engine gets no run, so it cannot match here
    wrong.push(!w.engines || w.engines.includes(db.engine) ? await db.run(w.query) : []);
  }
  const learner = await db.run(learnerSql);
  return { reference, wrong, learner, changed: learner.some((r) => r.kind === "changes") };
}

/**
 * The SQL that builds an exercise's two databases: the dataset, and the dataset followed by its
 * hidden variant and the exercise's own variant SQL. `variantExtra` is what runs after the dataset,
 * for callers that load the dataset once and copy it (PGlite from a saved image).
 */
export function datasetScripts(
  dataset: { sql: string; variantSql: string | null },
  exercise: { variant?: string },
): { visible: string; variant: string; variantExtra: string } {
  const variantExtra = [dataset.variantSql ?? "", exercise.variant ?? ""].join("\n;\n");
  return { visible: dataset.sql, variant: `${dataset.sql}\n;\n${variantExtra}`, variantExtra };
}
