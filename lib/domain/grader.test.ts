import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TCell } from "@/lib/lab/types";
import { propertyOptions } from "@/lib/testing/fast-check";
import {
  compareResults,
  normaliseCell,
  SHOWN_ROWS,
  type TResultSet,
} from "./grader";

const set = (columns: string[], rows: TCell[][]): TResultSet => ({ columns, rows });
/** A one-column ("n") result set of these numbers, in this order. */
const numbers = (values: number[]) => set(["n"], values.map((v) => [v]));
const UNORDERED = { orderMatters: false, checkColumnNames: false };
const ORDERED = { orderMatters: true, checkColumnNames: false };

describe("normaliseCell", () => {
  it.each<[TCell, string | number | null]>([
    [null, null],
    [true, 1],
    [false, 0],
    ["12.50", 12.5],
    [" 7 ", 7],
    ["-0.5e1", -5],
    ["2026-01-10", "2026-01-10"],
    ["2026-01-10 00:00:00", "2026-01-10"],
    ["2026-01-10T00:00:00.000Z", "2026-01-10"],
    ["2026-01-10 13:05", "2026-01-10 13:05:00"],
    ["2026-01-10T13:05:07.500+00", "2026-01-10 13:05:07.5"],
    ["2026-01-10 13:05:07+02", "2026-01-10 13:05:07+02"],
    ["London", "London"],
    ["", ""],
  ])("%j -> %j", (cell, expected) => {
    expect(normaliseCell(cell)).toEqual(expected);
  });
});

describe("compareResults", () => {
  it("treats rows as a multiset unless order matters", () => {
    const a = set(["id"], [[1], [2], [2]]);
    expect(compareResults(a, set(["id"], [[2], [1], [2]]), UNORDERED).equal).toBe(true);
    const r = compareResults(a, set(["id"], [[2], [1], [2]]), ORDERED);
    expect(r.equal).toBe(false);
    expect(r.differences).toEqual([{ kind: "order", index: 0, expected: [1], actual: [2] }]);
    expect(r.summary).toMatch(/order matters here/);
  });

  it("counts duplicates: one copy short is a missing row", () => {
    const r = compareResults(set(["id"], [[1], [2], [2]]), set(["id"], [[1], [2]]), UNORDERED);
    expect(r.differences).toEqual([{ kind: "rows", missingCount: 1, extraCount: 0, missing: [[2]], extra: [] }]);
    expect(r.summary).toBe("1 row missing.");
  });

  it("says how many rows are missing and extra, with the rows", () => {
    const r = compareResults(
      set(
        ["id", "name"],
        [
          [1, "a"],
          [2, "b"],
          [3, "c"],
        ],
      ),
      set(
        ["id", "name"],
        [
          [1, "a"],
          [4, "d"],
        ],
      ),
      UNORDERED,
    );
    expect(r.summary).toBe("2 rows missing, 1 extra.");
    expect(r.differences).toEqual([
      {
        kind: "rows",
        missingCount: 2,
        extraCount: 1,
        missing: [
          [2, "b"],
          [3, "c"],
        ],
        extra: [[4, "d"]],
      },
    ]);
    expect(compareResults(set(["id"], [[1]]), set(["id"], [[1], [5], [6]]), UNORDERED).summary).toBe("2 extra rows.");
  });

  it("carries at most SHOWN_ROWS differing rows of each kind, with the full counts", () => {
    const many = Array.from({ length: 12 }, (_, i) => [i]);
    const r = compareResults(set(["n"], many), set(["n"], []), UNORDERED);
    expect(r.differences[0]).toMatchObject({ kind: "rows", missingCount: 12, extraCount: 0 });
    expect(r.differences[0]!.kind === "rows" && r.differences[0]!.missing).toHaveLength(SHOWN_ROWS);
  });

  it("recognises the right values in another column order", () => {
    const r = compareResults(
      set(
        ["name", "city"],
        [
          ["Ada", "London"],
          ["Chen", null],
        ],
      ),
      set(
        ["city", "name"],
        [
          [null, "Chen"],
          ["London", "Ada"],
        ],
      ),
      UNORDERED,
    );
    expect(r.equal).toBe(false);
    expect(r.differences).toEqual([
      { kind: "column-order", expected: ["name", "city"], actual: ["city", "name"], order: [1, 0] },
    ]);
    expect(r.summary).toBe("The values are right but the columns are in another order: expected name, city.");
  });

  it("always checks the number of columns", () => {
    const r = compareResults(set(["a", "b", "c"], [[1, 2, 3]]), set(["a", "b"], [[1, 2]]), UNORDERED);
    expect(r).toEqual({
      equal: false,
      differences: [{ kind: "column-count", expected: 3, actual: 2 }],
      summary: "Expected 3 columns, got 2.",
    });
  });

  it("checks column names only when asked, ignoring case", () => {
    const expected = set(["total_cents"], [[100]]);
    expect(compareResults(expected, set(["sum"], [[100]]), UNORDERED).equal).toBe(true);
    const named = { orderMatters: false, checkColumnNames: true };
    expect(compareResults(expected, set(["TOTAL_CENTS"], [[100]]), named).equal).toBe(true);
    const r = compareResults(expected, set(["sum"], [[100]]), named);
    expect(r.equal).toBe(false);
    expect(r.summary).toBe("The columns should be named total_cents (yours: sum).");
  });

  it("treats NULL as equal to NULL and to nothing else", () => {
    expect(compareResults(set(["c"], [[null]]), set(["c"], [[null]]), UNORDERED).equal).toBe(true);
    for (const other of [0, "", "NULL", false]) {
      expect(compareResults(set(["c"], [[null]]), set(["c"], [[other]]), UNORDERED).equal).toBe(false);
    }
  });

  it("normalises engines: numeric text, booleans as 1/0, dates", () => {
    const sqlite = set(["avg", "archived", "day"], [[1.5, 0, "2026-01-10"]]);
    const postgres = set(["avg", "archived", "day"], [["1.5000000000000000", false, "2026-01-10 00:00:00"]]);
    expect(compareResults(sqlite, postgres, UNORDERED).equal).toBe(true);
    expect(compareResults(set(["x"], [[1 / 3]]), set(["x"], [["0.33333333333333333333"]]), UNORDERED).equal).toBe(true);
    expect(compareResults(set(["x"], [[0.33]]), set(["x"], [[1 / 3]]), UNORDERED).equal).toBe(false);
  });

  it("keeps text exact: case and spaces matter", () => {
    expect(compareResults(set(["c"], [["London"]]), set(["c"], [["london"]]), UNORDERED).equal).toBe(false);
    expect(compareResults(set(["c"], [["a b"]]), set(["c"], [["a  b"]]), UNORDERED).equal).toBe(false);
  });
});

// ── Properties ───────────────────────────────────────────────────────────────────────────────────

const cell: fc.Arbitrary<TCell> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom("London", "Oslo", "books", "2026-01-10", "a b", ""),
);
const table = (width: number) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 });
const withWidth = fc.integer({ min: 1, max: 4 }).chain((w) => table(w).map((rows) => ({ w, rows })));
const cols = (w: number) => Array.from({ length: w }, (_, i) => `c${i}`);

describe("compareResults (properties)", () => {
  it("a result equals itself in any order when order does not matter", () => {
    fc.assert(
      fc.property(
        withWidth.chain(({ w, rows }) =>
          fc
            .shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })
            .map((shuffled) => ({ w, rows, shuffled })),
        ),
        ({ w, rows, shuffled }) => {
          expect(compareResults(set(cols(w), rows), set(cols(w), shuffled), UNORDERED).equal).toBe(true);
          expect(compareResults(set(cols(w), rows), set(cols(w), rows), ORDERED).equal).toBe(true);
        },
      ),
      propertyOptions(),
    );
  });

  it("with order mattering, a different order of distinct rows is reported as order, not as missing rows", () => {
    const distinct = fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 10 });
    fc.assert(
      fc.property(
        distinct.chain((xs) =>
          fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }).map((ys) => ({ xs, ys })),
        ),
        ({ xs, ys }) => {
          const r = compareResults(numbers(xs), numbers(ys), ORDERED);
          const same = xs.every((x, i) => x === ys[i]);
          expect(r.equal).toBe(same);
          if (!same) expect(r.differences.map((d) => d.kind)).toEqual(["order"]);
        },
      ),
      propertyOptions(),
    );
  });

  it("missing and extra counts are the multiset differences", () => {
    const ints = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 15 });
    fc.assert(
      fc.property(ints, ints, (xs, ys) => {
        const count = (list: number[]) =>
          list.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<number, number>());
        const cx = count(xs);
        const cy = count(ys);
        let missing = 0;
        let extra = 0;
        for (const v of new Set([...xs, ...ys])) {
          const d = (cx.get(v) ?? 0) - (cy.get(v) ?? 0);
          if (d > 0) missing += d;
          else extra -= d;
        }
        const r = compareResults(numbers(xs), numbers(ys), UNORDERED);
        expect(r.equal).toBe(missing === 0 && extra === 0);
        const rows = r.differences.find((d) => d.kind === "rows");
        expect(rows ? [rows.missingCount, rows.extraCount] : [0, 0]).toEqual([missing, extra]);
      }),
      propertyOptions(),
    );
  });

  it("numbers equal their text in any engine's format, and differ beyond the tolerance", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 6 }), (cents, pad) => {
        const value = cents / 100;
        const text = value.toFixed(2) + "0".repeat(pad); // as PostgreSQL prints NUMERIC(…, 2 + pad)
        expect(compareResults(set(["v"], [[value]]), set(["v"], [[text]]), UNORDERED).equal).toBe(true);
        expect(compareResults(set(["v"], [[value]]), set(["v"], [[value + 0.01]]), UNORDERED).equal).toBe(false);
      }),
      propertyOptions(),
    );
  });

  it("is symmetric, and NULLs match only NULLs", () => {
    fc.assert(
      fc.property(withWidth, withWidth, ({ w, rows }, other) => {
        const b = other.w === w ? other.rows : rows.map((r) => r.map((c) => (c === null ? 0 : c)));
        const ab = compareResults(set(cols(w), rows), set(cols(w), b), UNORDERED).equal;
        const ba = compareResults(set(cols(w), b), set(cols(w), rows), UNORDERED).equal;
        expect(ab).toBe(ba);
        const nulls = (rs: TCell[][]) => rs.flat().filter((c) => c === null).length;
        if (ab) expect(nulls(rows)).toBe(nulls(b));
      }),
      propertyOptions(),
    );
  });
});
