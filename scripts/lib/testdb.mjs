// Throwaway PostgreSQL databases for a test run: created fresh, dropped at the end.
import { randomBytes } from "node:crypto";

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
