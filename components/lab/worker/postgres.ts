/**
 * The PostgreSQL worker: PGlite (PostgreSQL compiled to Wasm) behind the lab's adapter
 * (lib/lab/engines/postgres.ts). Built by scripts/lib/lab-assets.mjs into
 * /lab/<version>/postgres-worker.js. Every file PGlite would fetch by itself is handed to it
 * instead, read through the lab cache, so the engine also starts offline:
 *
 *   pglite.wasm, initdb.wasm  compiled here (PGlite's pgliteWasmModule, initdbWasmModule)
 *   pglite.data               PGlite's file bundle (fsBundle)
 *   pgdata.tar.gz             a data directory made by initdb at build time (loadDataDir): starting
 *                             from it skips initdb in the browser (about 0.9 s instead of 3 s)
 *
 * The first three are stored gzip-compressed (.gz) and decompressed in assets.ts.
 */
import { PGlite } from "@electric-sql/pglite";
import { openPostgres } from "@/lib/lab/engines/postgres";
import type { TLabDatabase } from "@/lib/lab/types";
import { serve } from "./serve";

let modules: { pglite: WebAssembly.Module; initdb: WebAssembly.Module; fsBundle: Blob; dataDir: Blob } | null = null;
const instances = new WeakMap<TLabDatabase, PGlite>();

async function fresh(): Promise<TLabDatabase> {
  const m = modules!;
  const pg = new PGlite({
    pgliteWasmModule: m.pglite,
    initdbWasmModule: m.initdb,
    fsBundle: m.fsBundle,
    loadDataDir: m.dataDir,
  });
  await pg.waitReady;
  const db = await openPostgres({ pglite: pg });
  instances.set(db, pg);
  return db;
}

/**
 * Empties a database in place, in well under the time a new instance takes: ends any transaction,
 * resets the session (settings, prepared statements, temporary tables) and drops every schema the
 * learner's SQL could have filled. Roles and databases would survive, but an exercise check only
 * ever runs queries against the dataset.
 */
async function clear(pg: PGlite): Promise<void> {
  await pg.query("ROLLBACK").catch(() => undefined);
  await pg.query("DISCARD ALL");
  const { rows } = await pg.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'",
  );
  for (const { nspname } of rows) await pg.query(`DROP SCHEMA "${nspname.replace(/"/g, '""')}" CASCADE`);
  await pg.query("CREATE SCHEMA public");
}

serve({
  files: ["pglite.wasm.gz", "initdb.wasm.gz", "pglite.data.gz", "pgdata.tar.gz"],
  async start(files, step) {
    step("compile");
    const [pglite, initdb] = await Promise.all([
      WebAssembly.compile(files["pglite.wasm"]!),
      WebAssembly.compile(files["initdb.wasm"]!),
    ]);
    modules = {
      pglite,
      initdb,
      fsBundle: new Blob([files["pglite.data"]!]),
      dataDir: new Blob([files["pgdata.tar.gz"]!], { type: "application/x-gzip" }),
    };
  },
  async open(previous, reuse) {
    const pg = previous && instances.get(previous);
    if (pg && reuse) {
      await clear(pg);
      return previous;
    }
    await previous?.close();
    return fresh();
  },
});
