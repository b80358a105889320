import { describe, expect, it } from "vitest";
import { ENGINE_NAMES as CONTENT_ENGINE_NAMES, SQL_TAGS, expectationsOf, labEngines } from "@/lib/content/sql-blocks";
import type { TStatementResult } from "@/lib/lab/types";
import { changesLabel, ENGINE_NAMES, errorRange, formatBytes, formatMs, lineColumn, rowsLabel, runSummary } from "./format";
import { defaultEngine, failsOn } from "./session";

const error = (position: number | null, start = 0, end = 10): Extract<TStatementResult, { kind: "error" }> => ({
  kind: "error",
  message: "boom",
  position,
  sql: "",
  start,
  end,
  ms: 1,
});

describe("lab wording", () => {
  it("counts rows and affected rows the way the lessons talk about them", () => {
    expect(rowsLabel(0)).toBe("No rows");
    expect(rowsLabel(1)).toBe("1 row");
    expect(rowsLabel(3)).toBe("3 rows");
    expect(rowsLabel(12345)).toBe("12,345 rows");
    expect(changesLabel("INSERT", 1)).toBe("INSERT: 1 row affected");
    expect(changesLabel("UPDATE", 0)).toBe("UPDATE: 0 rows affected");
    expect(changesLabel("CREATE TABLE", 0)).toBe("CREATE TABLE: done");
    expect(changesLabel("BEGIN", 0)).toBe("BEGIN: done");
  });

  it("gives times and sizes in units a reader takes in at a glance", () => {
    expect(formatMs(0)).toBe("under 0.1 ms");
    expect(formatMs(0.25)).toBe("0.3 ms");
    expect(formatMs(12.34)).toBe("12.3 ms");
    expect(formatMs(345.6)).toBe("346 ms");
    expect(formatMs(2500)).toBe("2.50 s");
    expect(formatBytes(500)).toBe("500 B");
    expect(formatBytes(400 * 1024)).toBe("400 KB");
    expect(formatBytes(5.4 * 1024 * 1024)).toBe("5.4 MB");
  });

  it("says what a run did, statement by statement", () => {
    const rows: TStatementResult = { kind: "rows", columns: ["n"], rows: [[1], [2], [3]], sql: "", start: 0, end: 0, ms: 1 };
    const changes: TStatementResult = { kind: "changes", command: "UPDATE", rowsAffected: 1, sql: "", start: 0, end: 0, ms: 1 };
    expect(runSummary([rows, changes, error(3)])).toBe("3 statements ran: 3 rows; UPDATE: 1 row affected; Error: boom.");
    expect(runSummary([])).toMatch(/no statement/);
  });
});

describe("where an error is", () => {
  const text = "SELECT id\nFROM custmers\nWHERE x";

  it("turns an offset into a line and a column (1-based)", () => {
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(text, text.indexOf("custmers"))).toEqual({ line: 2, column: 6 });
    expect(lineColumn(text, text.length)).toEqual({ line: 3, column: 8 });
  });

  it("marks the word at the engine's position", () => {
    const at = text.indexOf("custmers");
    expect(errorRange(text, error(at))).toEqual({ from: at, to: at + "custmers".length });
  });

  it("marks one character at least, and the last one when the text ended too early", () => {
    expect(errorRange("SELECT (", error(7))).toEqual({ from: 7, to: 8 });
    expect(errorRange("SELECT 1 +", error(10))).toEqual({ from: 9, to: 10 });
  });

  it("marks the whole statement when the engine gives no position", () => {
    expect(errorRange(text, error(null, 10, 23))).toEqual({ from: 10, to: 23 });
  });
});

describe("which engines a block runs on", () => {
  it.each([null, ...SQL_TAGS])("agrees with the content check for %s", (tag) => {
    const expect_ = expectationsOf(tag);
    for (const engine of ["sqlite", "postgres"] as const) expect(failsOn(tag, engine)).toBe(expect_[engine] === "error");
    const engines = labEngines(tag);
    if (engines.length > 0) expect(engines).toContain(defaultEngine(tag, engines));
  });

  it("opens a block that fails only on PostgreSQL there, where its error is; on a PostgreSQL-only track, every block opens on PostgreSQL", () => {
    expect(defaultEngine("fails-postgres", ["sqlite", "postgres"])).toBe("postgres");
    expect(defaultEngine("fails-sqlite", ["sqlite", "postgres"])).toBe("sqlite");
    expect(defaultEngine(null, ["sqlite", "postgres"])).toBe("sqlite");
    expect(labEngines(null, ["postgres"])).toEqual(["postgres"]);
    expect(defaultEngine(null, labEngines(null, ["postgres"]))).toBe("postgres");
    expect(defaultEngine("fails", labEngines("fails", ["postgres"]))).toBe("postgres");
  });

  it("offers no engine for norun and server blocks", () => {
    expect(labEngines("norun")).toEqual([]);
    expect(labEngines("server")).toEqual([]);
    expect(labEngines("fails-server", ["postgres"])).toEqual([]);
    expect(labEngines("server-configured", ["postgres"])).toEqual([]);
  });

  it("names the engines as the content does", () => {
    expect(ENGINE_NAMES).toEqual(CONTENT_ENGINE_NAMES);
  });
});
