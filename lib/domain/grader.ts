import type { TCell, TStatementResult } from "@/lib/lab/types";

/**
 * The SQL lab's grader: compares the learner's result with the reference query's, the way a careful
 * human grader would, and says what differs. Pure: the browser runs it after the engines have run
 * both queries, and the content tests run it on every exercise (lib/content/exercises.test.ts).
 *
 *   - rows are a multiset (order ignored, duplicates counted) unless the exercise says order matters;
 *   - the number of columns must match; their names only when the exercise asks for aliases
 *     (compared without case: PostgreSQL folds unquoted names to lower case, SQLite keeps them);
 *   - NULL equals NULL;
 *   - numbers are equal within a small relative tolerance, and numeric text ("12.50", as PostgreSQL
 *     prints NUMERIC) is a number;
 *   - booleans are 1/0 (SQLite stores TRUE as 1), so both engines' answers compare equal;
 *   - dates and timestamps are compared in one form: "2026-01-10", "2026-01-10 00:00:00" and
 *     "2026-01-10T00:00:00Z" are the same day.
 *
 * gradeExercise also compares both queries on a hidden variant of the dataset, so a query that
 * hard-codes the visible answer (WHERE id IN (1, 3), SELECT 12) fails there.
 */

export type TResultSet = { columns: string[]; rows: TCell[][] };
export type TGradeSpec = { orderMatters: boolean; checkColumnNames: boolean; tolerance?: number | null };

/** How many differing rows of each kind a difference carries for the UI. */
export const SHOWN_ROWS = 5;
/** Relative: far below a cent on any amount the lessons use, far above float vs NUMERIC noise (~1e-15). */
export const DEFAULT_TOLERANCE = 1e-9;

export type TDifference =
  | { kind: "column-count"; expected: number; actual: number }
  | { kind: "column-names"; expected: string[]; actual: string[] }
  /** `missing`/`extra` hold the first SHOWN_ROWS rows of each; the counts are the full numbers. */
  | { kind: "rows"; missingCount: number; extraCount: number; missing: TCell[][]; extra: TCell[][] }
  /** The right values in other columns: `order[i]` is the learner's column that holds expected column i. */
  | { kind: "column-order"; expected: string[]; actual: string[]; order: number[] }
  /** Same rows, different order, where order matters: the first position that differs (0-based). */
  | { kind: "order"; index: number; expected: TCell[]; actual: TCell[] };

export type TComparison = { equal: boolean; differences: TDifference[]; summary: string };

// ── Normalising cells ────────────────────────────────────────────────────────────────────────────

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

type TNorm = null | number | string;

/** One cell in the form both engines agree on: null, a number, or text (dates in one spelling). */
export function normaliseCell(cell: TCell): TNorm {
  if (cell === null) return null;
  if (typeof cell === "boolean") return cell ? 1 : 0;
  if (typeof cell === "number") return cell;
  const text = cell.trim();
  if (NUMERIC_TEXT.test(text)) return Number(text);
  const date = DATE_TIME.exec(text);
  if (date) {
    const [, day, time, zone] = date;
    const utc = !zone || /^(Z|[+-]00(:?00)?)$/.test(zone);
    let t = time ?? "";
    if (t.length === 5) t += ":00";
    t = t.replace(/\.0+$/, "").replace(/(\.\d*?)0+$/, "$1");
    if (t === "00:00:00" && utc) return day!;
    return `${day} ${t}${utc ? "" : zone}`.trim();
  }
  return cell;
}

function cellsEqual(a: TNorm, b: TNorm, tolerance: number): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === "number" && typeof b === "number") {
    if (a === b) return true;
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

const rowsEqual = (a: TNorm[], b: TNorm[], tolerance: number) =>
  a.length === b.length && a.every((x, i) => cellsEqual(x, b[i]!, tolerance));

/** An exact key for a normalised row (numbers rounded away from float noise), used before the tolerant pass. */
const rowKey = (row: TNorm[]) =>
  JSON.stringify(row.map((c) => (typeof c === "number" ? Number(c.toPrecision(12)) : c)));

/**
 * Matches expected rows to actual rows as multisets: exact keys first, then within the tolerance.
 * Returns the indexes left unmatched on each side.
 */
function matchRows(expected: TNorm[][], actual: TNorm[][], tolerance: number): { missing: number[]; extra: number[] } {
  const free = new Map<string, number[]>();
  actual.forEach((row, i) => {
    const key = rowKey(row);
    const list = free.get(key);
    if (list) list.push(i);
    else free.set(key, [i]);
  });
  const unmatched: number[] = [];
  expected.forEach((row, i) => {
    const list = free.get(rowKey(row));
    if (list && list.length > 0) list.shift();
    else unmatched.push(i);
  });
  const left = new Set([...free.values()].flat());
  const missing: number[] = [];
  for (const i of unmatched) {
    const hit = [...left].find((j) => rowsEqual(expected[i]!, actual[j]!, tolerance));
    if (hit === undefined) missing.push(i);
    else left.delete(hit);
  }
  return { missing, extra: [...left].sort((a, b) => a - b) };
}

// ── Comparing result sets ────────────────────────────────────────────────────────────────────────

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function rowsSummary(missing: number, extra: number): string {
  if (missing > 0 && extra > 0) return `${plural(missing, "row")} missing, ${extra} extra.`;
  if (missing > 0) return `${plural(missing, "row")} missing.`;
  return `${plural(extra, "extra row")}.`;
}

/** Every order of 0..n-1 (n is small: a permuted result is only looked for up to 5 columns). */
function permutations(n: number): number[][] {
  if (n <= 1) return [[0].slice(0, n)];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}

/** The column order that makes the learner's rows match, if the values are right but the columns are not in order. */
function findColumnOrder(
  expected: TNorm[][],
  actual: TNorm[][],
  tolerance: number,
  orderMatters: boolean,
): number[] | null {
  const width = expected[0]?.length ?? 0;
  if (width < 2 || width > 5 || expected.length !== actual.length) return null;
  for (const order of permutations(width)) {
    if (order.every((c, i) => c === i)) continue;
    const moved = actual.map((row) => order.map((c) => row[c]!));
    const same = orderMatters
      ? moved.every((row, i) => rowsEqual(expected[i]!, row, tolerance))
      : matchRows(expected, moved, tolerance).missing.length === 0;
    if (same) return order;
  }
  return null;
}

export function compareResults(expected: TResultSet, actual: TResultSet, spec: TGradeSpec): TComparison {
  const tolerance = spec.tolerance ?? DEFAULT_TOLERANCE;
  if (expected.columns.length !== actual.columns.length) {
    const d: TDifference = { kind: "column-count", expected: expected.columns.length, actual: actual.columns.length };
    return { equal: false, differences: [d], summary: `Expected ${plural(d.expected, "column")}, got ${d.actual}.` };
  }
  const differences: TDifference[] = [];
  const summaries: string[] = [];
  if (spec.checkColumnNames) {
    const lower = (names: string[]) => names.map((n) => n.toLowerCase());
    if (lower(expected.columns).some((n, i) => n !== lower(actual.columns)[i])) {
      differences.push({ kind: "column-names", expected: expected.columns, actual: actual.columns });
      summaries.push(
        `The columns should be named ${expected.columns.join(", ")} (yours: ${actual.columns.join(", ")}).`,
      );
    }
  }
  const e = expected.rows.map((r) => r.map(normaliseCell));
  const a = actual.rows.map((r) => r.map(normaliseCell));
  const { missing, extra } = matchRows(e, a, tolerance);
  const columnOrder =
    missing.length > 0 || extra.length > 0 ? findColumnOrder(e, a, tolerance, spec.orderMatters) : null;
  if (columnOrder) {
    differences.push({ kind: "column-order", expected: expected.columns, actual: actual.columns, order: columnOrder });
    summaries.push(
      `The values are right but the columns are in another order: expected ${expected.columns.join(", ")}.`,
    );
  } else if (missing.length > 0 || extra.length > 0) {
    differences.push({
      kind: "rows",
      missingCount: missing.length,
      extraCount: extra.length,
      missing: missing.slice(0, SHOWN_ROWS).map((i) => expected.rows[i]!),
      extra: extra.slice(0, SHOWN_ROWS).map((i) => actual.rows[i]!),
    });
    summaries.push(rowsSummary(missing.length, extra.length));
  } else if (spec.orderMatters) {
    const index = e.findIndex((row, i) => !rowsEqual(row, a[i]!, tolerance));
    if (index >= 0) {
      differences.push({ kind: "order", index, expected: expected.rows[index]!, actual: actual.rows[index]! });
      summaries.push(`The rows are right, but order matters here: row ${index + 1} is not the one expected there.`);
    }
  }
  const equal = differences.length === 0;
  return { equal, differences, summary: equal ? `Same ${plural(expected.rows.length, "row")}.` : summaries.join(" ") };
}

// ── Grading an exercise ──────────────────────────────────────────────────────────────────────────

/** What the grader needs of an exercise (lib/content/schema.ts ZExercise has all of it). */
export type TGradableExercise = TGradeSpec & { wrong?: { query: string; feedback: string }[] };

/** The results of one run per query on one dataset. `wrong[i]` is named wrong answer i's run (optional). */
export type TDatasetRuns = { reference: TStatementResult[]; learner: TStatementResult[]; wrong?: TStatementResult[][] };

export type TVerdictStatus = "passed" | "wrong" | "hard-coded" | "error" | "no-result";

export type TVerdict = {
  passed: boolean;
  status: TVerdictStatus;
  /** One or two sentences for the learner (also what the live region announces). */
  summary: string;
  /** A named wrong answer's teaching feedback when the learner's query behaves like it. */
  feedback: string | null;
  /** Which named wrong answer matched (index into exercise.wrong), or null. */
  wrongIndex: number | null;
  /** What differs on the visible dataset (never the hidden variant's rows). */
  differences: TDifference[];
  /** Rows the reference returns on the visible dataset, for "expected N rows". */
  expectedRowCount: number;
};

/** The result set that gets graded: the last statement that returned rows. */
export function gradedResult(results: TStatementResult[]): TResultSet | null {
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i]!;
    if (r.kind === "rows") return { columns: r.columns, rows: r.rows };
  }
  return null;
}

/** The learner's run as something to grade, or the verdict when there is nothing to grade. */
function learnerResult(results: TStatementResult[]): TResultSet | Pick<TVerdict, "status" | "summary"> {
  const last = results.at(-1);
  if (last?.kind === "error") return { status: "error", summary: `The last statement failed: ${last.message}` };
  const result = gradedResult(results);
  if (!result)
    return {
      status: "no-result",
      summary: "Your query returned no result set: end with a SELECT that returns the answer.",
    };
  return result;
}

function referenceResult(results: TStatementResult[], where: string): TResultSet {
  const result = gradedResult(results);
  const failed = results.find((r) => r.kind === "error");
  if (!result || failed) {
    throw new Error(
      `the reference query ${failed?.kind === "error" ? `failed on the ${where} dataset: ${failed.message}` : `returned no rows on the ${where} dataset`}`,
    );
  }
  return result;
}

const normalisedSql = (sql: string) =>
  sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\s+/g, " ")
    .replace(/\s*;\s*$/, "")
    .trim()
    .toLowerCase();

/** The named wrong answer the learner's query behaves like: same results on every dataset run, or the same text. */
function matchWrong(
  exercise: TGradableExercise,
  visible: TDatasetRuns,
  variant: TDatasetRuns,
  learnerSql: string | undefined,
): number | null {
  const wrong = exercise.wrong ?? [];
  for (let i = 0; i < wrong.length; i++) {
    const runs = [visible, variant].filter((d) => d.wrong?.[i]);
    if (runs.length > 0) {
      const same = runs.every((d) => {
        const mine = gradedResult(d.learner);
        const theirs = gradedResult(d.wrong![i]!);
        return mine !== null && theirs !== null && compareResults(theirs, mine, exercise).equal;
      });
      if (same) return i;
    } else if (learnerSql !== undefined && normalisedSql(learnerSql) === normalisedSql(wrong[i]!.query)) {
      return i;
    }
  }
  return null;
}

/**
 * Grades one attempt from the runs of the reference and the learner's query (and, when given, the
 * named wrong answers) on the visible dataset and on the hidden variant. Throws when the reference
 * itself fails: that is a content bug, which the content tests catch first.
 */
export function gradeExercise(input: {
  exercise: TGradableExercise;
  visible: TDatasetRuns;
  variant: TDatasetRuns;
  /** The learner's text, to recognise a named wrong answer when its runs are not given. */
  learnerSql?: string;
}): TVerdict {
  const { exercise, visible, variant } = input;
  const expected = referenceResult(visible.reference, "visible");
  const expectedVariant = referenceResult(variant.reference, "hidden variant");
  const base = {
    expectedRowCount: expected.rows.length,
    feedback: null,
    wrongIndex: null,
    differences: [] as TDifference[],
  };

  const mine = learnerResult(visible.learner);
  if (!("rows" in mine)) return { ...base, passed: false, ...mine };
  const onVisible = compareResults(expected, mine, exercise);

  const wrongIndex = onVisible.equal ? null : matchWrong(exercise, visible, variant, input.learnerSql);
  if (!onVisible.equal) {
    const feedback = wrongIndex === null ? null : exercise.wrong![wrongIndex]!.feedback;
    return {
      ...base,
      passed: false,
      status: "wrong",
      summary: onVisible.summary,
      differences: onVisible.differences,
      feedback,
      wrongIndex,
    };
  }

  const mineVariant = learnerResult(variant.learner);
  const onVariant = "rows" in mineVariant ? compareResults(expectedVariant, mineVariant, exercise) : null;
  if (!onVariant?.equal) {
    const variantWrong = matchWrong(exercise, visible, variant, input.learnerSql);
    return {
      ...base,
      passed: false,
      status: "hard-coded",
      summary:
        "Right on this data, but not on a second, hidden version of the dataset with other rows. " +
        "Does your query depend on particular ids, names or counts instead of the rule the task states?",
      feedback: variantWrong === null ? null : exercise.wrong![variantWrong]!.feedback,
      wrongIndex: variantWrong,
    };
  }
  return {
    ...base,
    passed: true,
    status: "passed",
    summary: `Correct: ${plural(expected.rows.length, "row")} as expected, and the same holds on a hidden second version of the data.`,
  };
}
