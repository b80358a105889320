/**
 * The SQL lab's plain types, shared by the engine adapters (lib/lab/engines/*), the grader
 * (lib/domain/grader.ts), the browser worker and the tests. No DOM, no Node, no React: this file is
 * imported on both sides of a Web Worker boundary, so every value here survives structured cloning.
 */

/** Same names as TSqlEngine in lib/content/sql-blocks.ts. */
export type TLabEngine = "sqlite" | "postgres";

/** A result cell after the adapter converted it (dates, numerics and other types as text). */
export type TCell = string | number | boolean | null;

export type TStatementResult = {
  /** The statement's own text. */
  sql: string;
  /** Offset of the statement in the text that was run (UTF-16 code units, as JavaScript counts). */
  start: number;
  end: number;
  /** Time the engine took for this statement, in milliseconds. */
  ms: number;
} & (
  | { kind: "rows"; columns: string[]; rows: TCell[][] }
  | { kind: "changes"; command: string; rowsAffected: number }
  | { kind: "error"; message: string; position: number | null }
);

/** Default false: later statements still run after an error, as psql (without ON_ERROR_STOP) would. */
export type TRunOptions = { stopAfterError?: boolean };

export interface TLabDatabase {
  engine: TLabEngine;
  /** Runs the text statement by statement, as a client sending them one at a time would. */
  run(sql: string, options?: TRunOptions): Promise<TStatementResult[]>;
  close(): Promise<void>;
}
