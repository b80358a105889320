import { commandOf, splitStatements } from "@/lib/domain/sql-statements";
import type { TCell, TLabDatabase, TRunOptions, TStatementResult } from "../types";
import { codePointToUtf16 } from "./offsets";

/**
 * The PostgreSQL adapter: PGlite (PostgreSQL compiled to Wasm). The text is split with
 * lib/domain/sql-statements.ts and each statement is sent on its own (`query`), as psql does, so an
 * error in one does not stop the rest; inside a transaction PostgreSQL itself refuses what follows
 * an error until ROLLBACK (or ROLLBACK TO SAVEPOINT), exactly as a learner would see in psql.
 * PostgreSQL reports an error's `position` as a 1-based character index in the statement; it is
 * mapped to a UTF-16 offset in the whole text.
 *
 * Works in Node and in a Web Worker: it takes a PGlite instance and imports nothing from node:*.
 */

/** The part of PGlite this adapter uses. */
type TPGlite = {
  query(
    sql: string,
    params?: unknown[],
    options?: { rowMode?: "array" | "object"; parsers?: Record<number, (value: string) => unknown> },
  ): Promise<{
    rows: unknown[][];
    fields: { name: string }[];
    command?: string;
    affectedRows?: number;
    rowCount?: number;
  }>;
  close(): Promise<void>;
};

// PostgreSQL type OIDs (pg_type.oid) whose values the lab keeps as the text PostgreSQL prints, so
// dates, times and exact numerics read the same as in psql and compare as text in the grader.
const OID = {
  INT8: 20,
  BYTEA: 17,
  JSON: 114,
  DATE: 1082,
  TIME: 1083,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  INTERVAL: 1186,
  TIMETZ: 1266,
  NUMERIC: 1700,
  MONEY: 790,
  JSONB: 3802,
};
const asText = (value: string) => value;

export const POSTGRES_PARSERS: Record<number, (value: string) => unknown> = {
  // int8 (COUNT(*), SUM of integers) as a number while it is exact, as text beyond 2^53
  [OID.INT8]: (value) => (Number.isSafeInteger(Number(value)) ? Number(value) : value),
  [OID.NUMERIC]: asText,
  [OID.DATE]: asText,
  [OID.TIME]: asText,
  [OID.TIMETZ]: asText,
  [OID.TIMESTAMP]: asText,
  [OID.TIMESTAMPTZ]: asText,
  [OID.INTERVAL]: asText,
  [OID.JSON]: asText,
  [OID.JSONB]: asText,
  [OID.BYTEA]: asText,
  [OID.MONEY]: asText,
};

const DML = new Set(["INSERT", "UPDATE", "DELETE", "MERGE"]);

/** Arrays in PostgreSQL's own text form ({1,2}); anything else not a plain value as text. */
export function postgresCell(value: unknown): TCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return `{${value.map((v) => (v === null ? "NULL" : String(postgresCell(v)))).join(",")}}`;
  if (value instanceof Date) return value.toISOString();
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export async function openPostgres(init: { pglite: unknown }): Promise<TLabDatabase> {
  const pg = init.pglite as TPGlite;
  return {
    engine: "postgres",
    async run(sql: string, options: TRunOptions = {}) {
      const results: TStatementResult[] = [];
      for (const { text, start, end } of splitStatements(sql, "postgres")) {
        const t0 = performance.now();
        try {
          const r = await pg.query(text, [], { rowMode: "array", parsers: POSTGRES_PARSERS });
          const ms = performance.now() - t0;
          if (r.fields.length > 0) {
            const columns = r.fields.map((f) => f.name);
            results.push({
              kind: "rows",
              columns,
              rows: r.rows.map((row) => row.map(postgresCell)),
              sql: text,
              start,
              end,
              ms,
            });
          } else {
            const command = commandOf(text);
            const rowsAffected = DML.has(command) ? (r.rowCount ?? r.affectedRows ?? 0) : 0;
            results.push({ kind: "changes", command, rowsAffected, sql: text, start, end, ms });
          }
        } catch (error) {
          const e = error as { message?: string; position?: string | number };
          const at = Number(e.position);
          const position = Number.isInteger(at) && at > 0 ? start + codePointToUtf16(text, at - 1) : null;
          results.push({
            kind: "error",
            message: e.message ?? String(error),
            position,
            sql: text,
            start,
            end,
            ms: performance.now() - t0,
          });
          if (options.stopAfterError) break;
        }
      }
      return results;
    },
    close: () => pg.close(),
  };
}
