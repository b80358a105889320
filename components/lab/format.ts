/**
 * Words and places for the lab's results: "3 rows", "1 row affected", "0.4 ms", where an error is.
 * Pure, so the unit tests cover every case (components/lab/format.test.ts).
 */
import type { TLabEngine, TStatementResult } from "@/lib/lab/types";

/** As lib/content/sql-blocks.ts names them (a test holds the two together; that module is not for the browser). */
export const ENGINE_NAMES: Record<TLabEngine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export function rowsLabel(n: number): string {
  return n === 0 ? "No rows" : plural(n, "row");
}

const DML = new Set(["INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE"]);

/** "1 row affected" for a data change, the command itself ("CREATE TABLE", "BEGIN") otherwise. */
export function changesLabel(command: string, rowsAffected: number): string {
  return DML.has(command) ? `${command}: ${plural(rowsAffected, "row")} affected` : `${command}: done`;
}

export function formatMs(ms: number): string {
  // Browsers round performance.now() to 0.1 ms (more without cross-origin isolation): no finer digits.
  if (ms < 0.1) return "under 0.1 ms";
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** 1-based line and column of a UTF-16 offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/**
 * What to mark in the editor for an error: from the engine's position to the end of the word
 * there (at least one character), or the whole statement when the engine gave no position.
 */
export function errorRange(text: string, result: Extract<TStatementResult, { kind: "error" }>): { from: number; to: number } {
  if (result.position === null) return { from: result.start, to: Math.max(result.end, result.start + 1) };
  let from = Math.max(0, Math.min(result.position, text.length));
  if (from === text.length && from > 0) from--; // "incomplete input": mark the last character
  let to = from;
  while (to < text.length && /[\w$."]/.test(text[to]!)) to++;
  return { from, to: Math.max(to, from + 1) };
}

/** One short line per statement, for the live region and the panel's summary. */
export function resultSummary(r: TStatementResult): string {
  switch (r.kind) {
    case "rows":
      return rowsLabel(r.rows.length);
    case "changes":
      return changesLabel(r.command, r.rowsAffected);
    case "error":
      return `Error: ${r.message}`;
  }
}

/** The whole run in a sentence, e.g. "2 statements ran: 3 rows; UPDATE: 1 row affected." */
export function runSummary(results: TStatementResult[]): string {
  if (results.length === 0) return "Nothing to run: the editor holds no statement.";
  const parts = results.map(resultSummary);
  return `${plural(results.length, "statement")} ran: ${parts.join("; ")}.`;
}
