import { PGlite } from "@electric-sql/pglite";
import type { TLabDatabase } from "../types";
import { openPostgres } from "./postgres";
import { openSqlite } from "./sqlite";

/**
 * Node-only helpers for tests and scripts: the engines loaded from node_modules. The browser lab
 * loads the same engines from the app's versioned public path and calls the same adapters.
 */

let sqlite3: Promise<unknown> | undefined;

/** The SQLite Wasm module, initialised once per process (its package has a Node entry). */
export function sqliteModule(): Promise<unknown> {
  sqlite3 ??= import("@sqlite.org/sqlite-wasm").then((m) => m.default());
  return sqlite3;
}

/** A fresh in-memory SQLite database, with `setup` (e.g. a dataset) run first when given. */
export async function sqliteForNode(setup?: string): Promise<TLabDatabase> {
  const db = await openSqlite({ sqlite3: await sqliteModule() });
  if (setup) await loadOrThrow(db, setup);
  return db;
}

/**
 * A saved PGlite data directory with `setup` already run: starting PGlite from one is several
 * times faster than a fresh initdb, so tests load a dataset once and start every database from it.
 */
export async function postgresImage(setup = ""): Promise<Blob> {
  const pg = new PGlite();
  try {
    if (setup) await pg.exec(setup);
    return await pg.dumpDataDir("none");
  } finally {
    await pg.close();
  }
}

/** A fresh PGlite database, from a saved image when given. */
export async function postgresForNode(datasetImage?: Blob): Promise<TLabDatabase> {
  const pg = new PGlite(datasetImage ? { loadDataDir: datasetImage } : {});
  await pg.waitReady;
  return openPostgres({ pglite: pg });
}

/** Runs setup SQL and throws on the first statement that fails (datasets must load cleanly). */
export async function loadOrThrow(db: TLabDatabase, sql: string): Promise<void> {
  const failed = (await db.run(sql, { stopAfterError: true })).find((r) => r.kind === "error");
  if (failed && failed.kind === "error")
    throw new Error(`${db.engine}: ${failed.message} in: ${failed.sql.slice(0, 120)}`);
}
