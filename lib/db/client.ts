import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";
import { claimPgliteFolder } from "./pglite-lock.mjs";
import { PrismaClient } from "./generated/client";

/**
 * The only place a PrismaClient is made (STYLE.md habit 1).
 *
 * - DATABASE_URL set: PostgreSQL through @prisma/adapter-pg.
 * - otherwise: embedded PGlite in PGLITE_DIR (default data/pglite), migrated by scripts/start.mjs
 *   before the server starts. "memory://" gives an empty in-memory database that is migrated here
 *   from prisma/migrations (tests).
 *
 * Created lazily and kept on globalThis: Next loads this module once per bundle (route handlers,
 * pages) and again on hot reload, and `next build` imports route modules in several workers, where an
 * eager client would open the PGlite folder during the build (STACK-NOTES.md).
 */
export type DatabaseKind = "pglite" | "postgresql";

type Handle = { prisma: PrismaClient; kind: DatabaseKind; ready: Promise<void>; close: () => Promise<void> };

const globalForDb = globalThis as typeof globalThis & { __lnvDb?: Handle };

/**
 * For an in-memory database: every migration plus the rows Prisma's tooling would have written to
 * `_prisma_migrations`, so the result looks like one migrated by scripts/migrate.mjs.
 */
function migrationSql(): string {
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const bookkeeping = `CREATE TABLE "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0);`;
  const parts = names.map((name) => {
    const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    return `${sql}\n;\nINSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
      VALUES ('${randomUUID()}', '${checksum}', now(), '${name}', 1);`;
  });
  return [bookkeeping, ...parts].join("\n");
}

/**
 * Names for PostgreSQL prepared statements, one per distinct SQL text, so each pooled connection
 * parses and plans a statement once and then only binds and executes it (node-postgres keeps the
 * named statements per connection). The sync statement is a long CTE, and planning it on every call
 * cost the database more than running it (ADR 009). Texts that vary with their data (IN lists of
 * different lengths, multi-row VALUES) could grow without end, so only the first STATEMENT_NAMES_MAX
 * texts get names; the rest run unnamed, as before.
 */
const STATEMENT_NAMES_MAX = 1000;
const CONNECT_TIMEOUT_MS = 4000;
const statementNames = new Map<string, string>();

export function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < STATEMENT_NAMES_MAX) {
    name = `lnv_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function createHandle(): Handle {
  if (process.env.LNV_BUILDING) {
    throw new Error("The database was opened during `next build`: a page that reads it must be dynamic.");
  }
  const { DATABASE_URL, PGLITE_DIR, DATABASE_POOL_SIZE } = env();
  if (DATABASE_URL) {
    const adapter = new PrismaPg(
      // A connection attempt that hangs (seen while PostgreSQL recovers from a crash) gives up after
      // CONNECT_TIMEOUT_MS instead of holding a pool slot for good; the request answers 503 and retries.
      { connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
      // the adapter's type wants a string; undefined sends the statement unnamed
      { statementNameGenerator: (query) => statementName(query.sql) as string },
    );
    const prisma = new PrismaClient({ adapter });
    return { prisma, kind: "postgresql", ready: Promise.resolve(), close: () => prisma.$disconnect() };
  }
  const inMemory = PGLITE_DIR.startsWith("memory://");
  const dataDir = inMemory ? PGLITE_DIR : path.resolve(/*turbopackIgnore: true*/ process.cwd(), PGLITE_DIR);
  if (!inMemory) claimPgliteFolder(dataDir, "the app server");
  const pglite = new PGlite(dataDir);
  // PGlite runs statements one at a time in call order, so queries issued after this wait for it.
  const ready = inMemory ? pglite.exec(migrationSql()).then(() => undefined) : pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: "pglite",
    ready,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

function handle(): Handle {
  globalForDb.__lnvDb ??= createHandle();
  return globalForDb.__lnvDb;
}

/** The shared client. Only lib/db/* may call this. */
export function db(): PrismaClient {
  return handle().prisma;
}

export function databaseKind(): DatabaseKind {
  return env().DATABASE_URL ? "postgresql" : "pglite";
}

/** Resolves once the database can take queries (in-memory: once migrated). */
export function databaseReady(): Promise<void> {
  return handle().ready;
}

export async function closeDatabase(): Promise<void> {
  const h = globalForDb.__lnvDb;
  globalForDb.__lnvDb = undefined;
  if (h) await h.close();
}
