import { spawnSync } from "node:child_process";
import path from "node:path";
// @ts-expect-error plain ESM helper without types
import { createTestDatabase, dropTestDatabase } from "../../scripts/lib/testdb.mjs";
// @ts-expect-error plain ESM helper without types
import { buildServerWorkers } from "../../scripts/lib/workers.mjs";

/**
 * Integration tests run against PostgreSQL when TEST_DATABASE_URL is set (a fresh database made and
 * dropped here, migrated with the project's own migrate script), otherwise against in-memory PGlite
 * (one per test file, migrated by lib/db/client.ts).
 */
export default async function setup() {
  // Posts are rendered on a worker thread bundled by esbuild (lib/workers); build it if it is stale.
  await buildServerWorkers();
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    process.env.PGLITE_DIR = "memory://";
    delete process.env.DATABASE_URL;
    return;
  }
  const url: string = await createTestDatabase(base, "it");
  const root = path.resolve(import.meta.dirname, "../..");
  const r = spawnSync(process.execPath, ["--experimental-wasm-modules", "--no-warnings", "scripts/migrate.mjs", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`migrating the test database failed: ${r.stderr}`);
  process.env.DATABASE_URL = url;
  return async () => {
    await dropTestDatabase(url);
  };
}
