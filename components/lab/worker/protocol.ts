import type { TDatasetRuns } from "@/lib/domain/grader";
import type { TAttemptExercise } from "@/lib/lab/attempt";
import type { TRunOptions, TStatementResult } from "@/lib/lab/types";

/**
 * Messages between the page and an engine's Web Worker (one worker per engine per page). Plain
 * data only: everything here crosses the worker boundary by structured cloning.
 *
 * A worker holds one engine (SQLite Wasm or PGlite) and any number of named databases on it: the
 * lesson's examples share "examples"; exercise checks use "check". The page never waits on a
 * worker without a Stop button: stopping terminates the worker (a query cannot be interrupted any
 * other way while it runs) and the next request starts a new one.
 */
export type TLabDbName = "examples" | "check";

export type TWorkerRequest =
  /** Download (or read from the cache) and start the engine. Progress messages follow. */
  | { id: number; type: "load" }
  /** A fresh database under `db` with `setup` run first (the dataset; it must load without error). */
  | { id: number; type: "open"; db: TLabDbName; setup: string }
  | { id: number; type: "run"; db: TLabDbName; sql: string; options?: TRunOptions }
  /** An exercise attempt (lib/lab/attempt.ts) on "check", opened fresh with `setup` first. */
  | { id: number; type: "attempt"; setup: string; exercise: TAttemptExercise; learnerSql: string };

export type TLoadStep = "download" | "compile" | "start";

export type TWorkerResponse =
  | { id: number; type: "progress"; step: TLoadStep; loaded: number; total: number }
  | { id: number; type: "loaded"; ms: number }
  | { id: number; type: "opened"; ms: number }
  | { id: number; type: "ran"; results: TStatementResult[]; ms: number }
  | { id: number; type: "attempted"; runs: TDatasetRuns; ms: number }
  | { id: number; type: "failed"; message: string };

/** The Cache Storage cache that holds one lab version's engine files (components/lab/sw.ts reads it too). */
export const labCacheName = (version: string) => `lnv-lab-${version}`;

/** The cache of lesson pages (and their scripts, styles, datasets) where the lab was used, for offline reloads. */
export const LAB_PAGES_CACHE = "lnv-lab-pages";
