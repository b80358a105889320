import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper without types
import { createTestDatabase, dropTestDatabase } from "../scripts/lib/testdb.mjs";
import { migrationNames, root, runMigrate, schemaTables } from "./helpers/env";

/**
 * Migrates an EMPTY database with the project's migrate script and checks the result from the
 * database itself. A tool that "applies" nothing and exits 0 (the stub-engine trap) fails here.
 */
type Target = { env: Record<string, string | undefined>; query: (sql: string) => Promise<Record<string, unknown>[]>; close: () => Promise<void> };

async function emptyTarget(): Promise<Target> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const url: string = await createTestDatabase(base, "mig");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      env: { DATABASE_URL: url },
      query: async (sql) => (await client.query(sql)).rows,
      close: async () => {
        await client.end();
        await dropTestDatabase(url);
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-mig-"));
  return {
    env: { DATABASE_URL: "", PGLITE_DIR: dir },
    // PGlite is one process per folder: open it only after the script has exited.
    query: async (sql) => {
      const db = new PGlite(dir);
      try {
        return (await db.query<Record<string, unknown>>(sql)).rows;
      } finally {
        await db.close();
      }
    },
    close: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe("migrations", () => {
  it("creates every model's table in an empty database and records each migration", async () => {
    const target = await emptyTarget();
    cleanups.push(target.close);

    const first = runMigrate("deploy", target.env);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration/);

    const tables = (await target.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    )).map((r) => r.table_name);
    const expected = [...schemaTables().values()];
    expect(expected.length).toBeGreaterThan(0);
    for (const table of expected) expect(tables, `table ${table}`).toContain(table);

    const applied = (await target.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
    )).map((r) => r.migration_name);
    expect(applied).toEqual(migrationNames());

    // Applying again is a no-op.
    const second = runMigrate("deploy", target.env);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/up to date/);
    const again = await target.query("SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(again[0]!.n).toBe(migrationNames().length);
  });

  it("stops with a clear message naming the failed migration", async () => {
    const target = await emptyTarget();
    cleanups.push(target.close);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-migs-"));
    fs.cpSync(path.join(root, "prisma/migrations"), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "99990101000000_broken"));
    fs.writeFileSync(path.join(dir, "99990101000000_broken", "migration.sql"), "ALTER TABLE no_such_table ADD COLUMN x INT;");

    const result = runMigrate("deploy", { ...target.env, LNV_MIGRATIONS_DIR: dir });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/migrate: a migration failed/);
    expect(result.stderr).toMatch(/99990101000000_broken/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("db:status lists each migration and exits 2 while any is pending, 0 once all are applied", async () => {
    const target = await emptyTarget();
    cleanups.push(target.close);
    const names = migrationNames();
    expect(names.length).toBeGreaterThan(1);
    // apply all but the newest, as a database one release behind would be
    const older = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-migs-"));
    cleanups.push(async () => fs.rmSync(older, { recursive: true, force: true }));
    for (const name of names.slice(0, -1)) fs.cpSync(path.join(root, "prisma/migrations", name), path.join(older, name), { recursive: true });
    expect(runMigrate("deploy", { ...target.env, LNV_MIGRATIONS_DIR: older }).status).toBe(0);

    const behind = runMigrate("status", target.env);
    expect(behind.status, behind.stderr).toBe(2);
    expect(behind.stdout.trim().split("\n")).toEqual([
      ...names.slice(0, -1).map((n) => `applied  ${n}`),
      `pending  ${names.at(-1)}`,
    ]);

    expect(runMigrate("deploy", target.env).status).toBe(0);
    const current = runMigrate("status", target.env);
    expect(current.status, current.stderr).toBe(0);
    expect(current.stdout).not.toMatch(/pending/);
  }, 120_000); // four migrate processes, each opening the database

  it("refuses an unreachable PostgreSQL with one line", () => {
    const result = runMigrate("deploy", { DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:1\/nothing/);
  });
});
