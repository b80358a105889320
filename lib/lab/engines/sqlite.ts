import { commandOf, splitStatements } from "@/lib/domain/sql-statements";
import type { TCell, TLabDatabase, TRunOptions, TStatementResult } from "../types";
import { toUtf16Offsets, trimStatement } from "./offsets";

/**
 * The SQLite adapter: the official SQLite Wasm build (@sqlite.org/sqlite-wasm, pinned), chosen over
 * sql.js because it reports where an error is (sqlite3_error_offset). Statements are prepared one
 * at a time with the engine's own tail pointer (sqlite3_prepare_v3), so SQLite decides where each
 * statement ends. When a statement does not even prepare (a syntax error), the engine gives no
 * tail, and lib/domain/sql-statements.ts finds the end of the broken statement so the rest still runs.
 *
 * Works in Node and in a Web Worker: it takes an initialised module and imports nothing from node:*.
 */

type Ptr = number;

/** The part of the SQLite Wasm module this adapter uses (see @sqlite.org/sqlite-wasm's types). */
type TSqlite3 = {
  oo1: { DB: new (filename: string, flags: string) => { pointer: Ptr; close(): void } };
  capi: {
    sqlite3_prepare_v3(db: Ptr, sql: Ptr, bytes: number, flags: number, ppStmt: Ptr, pzTail: Ptr): number;
    sqlite3_step(stmt: Ptr): number;
    sqlite3_finalize(stmt: Ptr): number;
    sqlite3_column_count(stmt: Ptr): number;
    sqlite3_column_name(stmt: Ptr, i: number): string;
    sqlite3_column_js(stmt: Ptr, i: number): unknown;
    sqlite3_changes(db: Ptr): number;
    sqlite3_errmsg(db: Ptr): string;
    sqlite3_error_offset(db: Ptr): number;
    SQLITE_ROW: number;
    SQLITE_DONE: number;
  };
  wasm: {
    alloc(n: number): Ptr;
    dealloc(p: Ptr): void;
    heap8u(): Uint8Array;
    peekPtr(p: Ptr): Ptr;
    pokePtr(p: Ptr, v: Ptr): void;
    ptr: { size: number };
  };
};

const DML = new Set(["INSERT", "UPDATE", "DELETE", "REPLACE"]);

/** A cell as the lab shows it: big integers beyond 2^53 as text, blobs as X'…' like SQLite's quote(). */
export function sqliteCell(value: unknown): TCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === "number" || typeof value === "string") return value;
  if (value instanceof Uint8Array)
    return `X'${[...value].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("")}'`;
  return String(value);
}

/** One run's text, copied into Wasm memory once, with the byte/UTF-16 conversions it needs. */
type TRunText = {
  sql: string;
  bytes: Uint8Array;
  toUtf16: (byte: number) => number;
  pSql: Ptr;
  ppStmt: Ptr;
  pzTail: Ptr;
};

export async function openSqlite(init: { sqlite3: unknown }): Promise<TLabDatabase> {
  const sqlite3 = init.sqlite3 as TSqlite3;
  const { capi, wasm } = sqlite3;
  const db = new sqlite3.oo1.DB(":memory:", "c");

  const errorPosition = (t: TRunText, offset: number) => {
    const at = capi.sqlite3_error_offset(db.pointer);
    return at >= 0 ? t.toUtf16(offset + at) : null;
  };

  /** Prepares and runs the statement at byte `offset`; returns its result and the next offset. */
  function runAt(t: TRunText, offset: number): { result: TStatementResult | null; next: number } {
    const { sql, bytes, pSql, ppStmt, pzTail } = t;
    wasm.pokePtr(ppStmt, 0);
    wasm.pokePtr(pzTail, 0);
    const t0 = performance.now();
    if (capi.sqlite3_prepare_v3(db.pointer, pSql + offset, bytes.length - offset, 0, ppStmt, pzTail) !== 0) {
      const message = capi.sqlite3_errmsg(db.pointer);
      const position = errorPosition(t, offset);
      // no tail after a failed prepare: the splitter says where the broken statement ends
      const from = t.toUtf16(offset);
      const span = splitStatements(sql.slice(from), "sqlite")[0];
      const start = from + (span?.start ?? 0);
      const end = from + (span?.end ?? sql.length - from);
      const ms = performance.now() - t0;
      return {
        result: { kind: "error", message, position, sql: sql.slice(start, end), start, end, ms },
        next: byteOffsetOf(sql, end),
      };
    }
    const pStmt = wasm.peekPtr(ppStmt);
    const next = wasm.peekPtr(pzTail) - pSql;
    if (!pStmt) return { result: null, next }; // only blanks or comments
    const { start, end } = trimStatement(sql, t.toUtf16(offset), t.toUtf16(next));
    const text = sql.slice(start, end);
    const at = { sql: text, start, end };
    try {
      const columnCount = capi.sqlite3_column_count(pStmt);
      const rows: TCell[][] = [];
      let step: number;
      while ((step = capi.sqlite3_step(pStmt)) === capi.SQLITE_ROW) {
        const row: TCell[] = [];
        for (let i = 0; i < columnCount; i++) row.push(sqliteCell(capi.sqlite3_column_js(pStmt, i)));
        rows.push(row);
      }
      const ms = performance.now() - t0;
      if (step !== capi.SQLITE_DONE) {
        return {
          result: {
            kind: "error",
            message: capi.sqlite3_errmsg(db.pointer),
            position: errorPosition(t, offset),
            ...at,
            ms,
          },
          next,
        };
      }
      if (columnCount > 0) {
        const columns = Array.from({ length: columnCount }, (_, i) => capi.sqlite3_column_name(pStmt, i));
        return { result: { kind: "rows", columns, rows, ...at, ms }, next };
      }
      const command = commandOf(text);
      const rowsAffected = DML.has(command) ? capi.sqlite3_changes(db.pointer) : 0;
      return { result: { kind: "changes", command, rowsAffected, ...at, ms }, next };
    } finally {
      capi.sqlite3_finalize(pStmt);
    }
  }

  return {
    engine: "sqlite",
    async run(sql: string, options: TRunOptions = {}) {
      const bytes = new TextEncoder().encode(sql);
      const pSql = wasm.alloc(bytes.length + 1);
      const ppStmt = wasm.alloc(2 * wasm.ptr.size);
      const t: TRunText = { sql, bytes, toUtf16: toUtf16Offsets(sql), pSql, ppStmt, pzTail: ppStmt + wasm.ptr.size };
      const results: TStatementResult[] = [];
      try {
        const heap = wasm.heap8u();
        heap.set(bytes, pSql);
        heap[pSql + bytes.length] = 0;
        let offset = 0;
        while (offset < bytes.length) {
          const { result, next } = runAt(t, offset);
          if (result) results.push(result);
          if (result?.kind === "error" && options.stopAfterError) break;
          if (next <= offset) break; // the engine made no progress: nothing more to run
          offset = next;
        }
      } finally {
        wasm.dealloc(ppStmt);
        wasm.dealloc(pSql);
      }
      return results;
    },
    async close() {
      db.close();
    },
  };
}

/** UTF-8 byte offset of a UTF-16 offset in `sql`. */
function byteOffsetOf(sql: string, utf16: number): number {
  return new TextEncoder().encode(sql.slice(0, utf16)).length;
}
