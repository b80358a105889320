// Which database the scripts talk to, shared by start, migrate and test.
// Plain ESM with no dependencies at import time: start.mjs loads it before `npm ci`.
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//.test(url ?? "");
}

export function pgliteDir() {
  const dir = process.env.PGLITE_DIR || "data/pglite";
  return dir.startsWith("memory://") ? dir : path.resolve(root, dir);
}

/** A short, password-free description for messages. */
export function describeDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = pgliteDir();
    const rel = path.relative(root, dir);
    return `embedded PGlite (${rel && !rel.startsWith("..") ? rel : dir})`;
  }
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
  } catch {
    return "PostgreSQL (DATABASE_URL)";
  }
}

/** Connects once with a short timeout; returns null when reachable, else one line saying what to do. */
export async function probePostgres(url, timeoutMs = 5000) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return "DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)";
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    const where = `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
    const reason = error.code === "3D000" ? `database "${u.pathname.slice(1)}" does not exist` : (error.code ?? error.message);
    return `cannot reach PostgreSQL at ${where} (${reason}). Check DATABASE_URL, or unset it to use the embedded database.`;
  } finally {
    await client.end().catch(() => {});
  }
}
