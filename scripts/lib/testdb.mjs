// Throwaway PostgreSQL databases for a test run: created fresh, dropped at the end.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

function adminUrl(baseUrl) {
  const u = new URL(baseUrl);
  u.pathname = "/postgres";
  return u.toString();
}

export async function createTestDatabase(baseUrl, label) {
  const { default: pg } = await import("pg");
  const name = `lnv_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(baseUrl) });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropTestDatabase(url) {
  const { default: pg } = await import("pg");
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.startsWith("lnv_")) throw new Error(`refusing to drop ${name}: not a test database`);
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Applies every migration to the database at `url` (scripts/migrate.mjs deploy); throws with its output. */
export function migrateDatabase(url) {
  const r = spawnSync(
    process.execPath,
    ["--experimental-wasm-modules", "--no-warnings", "scripts/migrate.mjs", "deploy"],
    {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`migrating ${new URL(url).pathname.slice(1)} failed: ${r.stderr || r.stdout}`);
}
