// Prisma migrations without the native schema engine (it cannot be downloaded here).
// Drives @prisma/schema-engine-wasm through a driver adapter and keeps Prisma's own
// folder format and `_prisma_migrations` table, so `prisma migrate deploy` works on the
// same folder wherever the native engine exists. See docs/decisions/002-migration-tooling-wasm-schema-engine.md.
//
//   node --experimental-wasm-modules scripts/migrate.mjs create <name>   new migration from schema.prisma
//   node --experimental-wasm-modules scripts/migrate.mjs deploy          apply pending migrations
//   node --experimental-wasm-modules scripts/migrate.mjs status          list applied / pending
//
// Target: DATABASE_URL=postgres://... (PostgreSQL) or else the embedded PGlite folder
// (PGLITE_DIR, default data/pglite). `create` never touches either: it replays the
// existing migrations into an in-memory PGlite and diffs them against the schema.
import fs from "node:fs";
import path from "node:path";
import { describeDatabase, isPostgresUrl, pgliteDir, probePostgres } from "./lib/database.mjs";

const root = path.resolve(import.meta.dirname, "..");
const schemaPath = "prisma/schema.prisma";
// LNV_MIGRATIONS_DIR lets tests point at a copy (e.g. with a deliberately broken migration).
const migrationsDir = path.resolve(root, process.env.LNV_MIGRATIONS_DIR || "prisma/migrations");
const filters = { externalTables: [], externalEnums: [] };

function fail(message) {
  console.error(`migrate: ${message}`);
  process.exit(1);
}

function migrationsList() {
  fs.mkdirSync(migrationsDir, { recursive: true });
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const dirs = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(migrationsDir, d, "migration.sql"), "utf8") },
      },
    })),
  };
}

// The engine reports adapter errors as "External error id#N"; keep the real one for messages.
let lastAdapterError = null;

async function pgliteFactory(dataDir) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  let release = () => {};
  if (dataDir !== "memory://") {
    const { claimPgliteFolder } = await import("../lib/db/pglite-lock.mjs");
    try {
      release = claimPgliteFolder(dataDir, "a migration");
    } catch (error) {
      fail(error.message);
    }
  }
  const db = new PGlite(dataDir);
  await db.waitReady;
  const base = new PrismaPGlite(db);
  // pglite-prisma-adapter 0.7.2's executeScript does not await PGlite's exec, so a failing
  // migration is reported as applied. Replace it with one that waits and rethrows.
  const fixScript = (adapter) => {
    adapter.executeScript = async (script) => {
      try {
        await adapter.client.exec(script);
      } catch (error) {
        lastAdapterError = error;
        throw error;
      }
    };
    return adapter;
  };
  const connect = base.connect.bind(base);
  const connectToShadowDb = base.connectToShadowDb.bind(base);
  base.connect = async () => fixScript(await connect());
  base.connectToShadowDb = async () => fixScript(await connectToShadowDb());
  return {
    factory: base,
    close: async () => {
      await db.close();
      release();
    },
  };
}

async function postgresFactory(url) {
  const { default: pgLib } = await import("pg");
  const { default: Result } = await import("pg/lib/result.js");
  // Trap 1: the schema describer reads pg_catalog's internal "char" type (OID 18), which the
  // driver adapter cannot map. Report it as text (OID 25).
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fields) {
    for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return addFields.call(this, fields);
  };
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const u = new URL(url);
  // Trap 2: with {connectionString} the adapter's shadow database would be the main one,
  // because the connection string overrides `database`. Pass discrete fields.
  const config = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
  const base = new PrismaPg(config);
  const factory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    // Trap 3: the adapter drops its shadow database before closing its own pool, which fails.
    async connectToShadowDb() {
      const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      const admin = new pgLib.Client(config);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg({ ...config, database: name }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
      return shadow;
    },
  };
  return { factory, close: async () => {} };
}

async function openEngine(factory) {
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (m) => console.error("schema engine panic:", m) };
  const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const schema = fs.readFileSync(path.join(root, schemaPath), "utf8");
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    (line) => process.env.DEBUG_SCHEMA_ENGINE && console.error(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return { engine, files: [{ path: schemaPath, content: schema }] };
}

/** The human part of an engine error: its message lines, without the engine's span trace. */
function engineMessage(error) {
  let raw = error?.message ?? String(error);
  try {
    const parsed = JSON.parse(raw);
    raw = parsed.message ?? parsed.error ?? raw;
  } catch {
    // not JSON: already text
  }
  const lines = String(raw).split("\n");
  const traceStart = lines.findIndex((l) => /^\s+\d+: /.test(l));
  const text = (traceStart === -1 ? lines : lines.slice(0, traceStart)).map((l) => l.trim()).filter(Boolean);
  const migration = /migration_name="([^"]+)"/.exec(raw)?.[1];
  let message = text.filter((l) => l !== "external connector error").join(": ");
  if (/External error id#/.test(message) && lastAdapterError) message = lastAdapterError.message;
  return migration ? `${migration}: ${message}` : message;
}

async function openTarget() {
  const url = process.env.DATABASE_URL;
  if (url) {
    if (!isPostgresUrl(url)) fail(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.split(":")[0]}:")`);
    const problem = await probePostgres(url);
    if (problem) fail(problem);
    return postgresFactory(url);
  }
  return pgliteFactory(pgliteDir());
}

async function create(name) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) fail("usage: npm run db:migration -- <name>   (lowercase letters, digits, _)");
  const { factory, close } = await pgliteFactory("memory://");
  const { engine, files } = await openEngine(factory);
  // Bring the throwaway database up to the existing history first: devDiagnostic checks it
  // against the history (replayed into the adapter's in-memory shadow database) and primes the
  // engine; createMigration then diffs history -> schema. Without the applied history the engine
  // asks for a PostgreSQL shadow database it cannot get here.
  await engine.applyMigrations({ migrationsList: migrationsList(), filters });
  await engine.devDiagnostic({ migrationsList: migrationsList(), filters });
  const out = await engine.createMigration({
    draft: false,
    migrationName: name,
    migrationsList: migrationsList(),
    schema: { files },
    filters,
  });
  if (!out.migrationScript) {
    console.log("No schema changes: nothing to create.");
  } else {
    const dir = path.join(migrationsDir, out.generatedMigrationName);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `migration.${out.extension}`), out.migrationScript);
    fs.writeFileSync(
      path.join(migrationsDir, "migration_lock.toml"),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
    );
    console.log(`Created prisma/migrations/${out.generatedMigrationName}/migration.sql`);
    console.log("Review it, then apply with: npm run db:migrate");
  }
  await close();
}

async function deploy() {
  const list = migrationsList();
  if (list.migrationDirectories.length === 0) fail("prisma/migrations has no migrations: nothing would be applied");
  const { factory, close } = await openTarget();
  const { engine } = await openEngine(factory);
  const started = performance.now();
  let result;
  try {
    result = await engine.applyMigrations({ migrationsList: list, filters });
  } catch (error) {
    await close();
    fail(`a migration failed on ${describeDatabase()}: ${engineMessage(error)}`);
  }
  const applied = result.appliedMigrationNames;
  const ms = (performance.now() - started).toFixed(0);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${describeDatabase()} in ${ms} ms: ${applied.join(", ")}`
      : `${describeDatabase()} is up to date (${list.migrationDirectories.length} migration(s)).`,
  );
  await close();
}

async function status() {
  const { factory, close } = await openTarget();
  const adapter = await factory.connect();
  const all = migrationsList().migrationDirectories.map((d) => d.path);
  let applied = [];
  try {
    const rs = await adapter.queryRaw({
      sql: "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      args: [],
      argTypes: [],
    });
    applied = rs.rows.map((r) => r[0]);
  } catch {
    // no _prisma_migrations table yet: nothing applied
  }
  for (const name of all) console.log(`${applied.includes(name) ? "applied" : "pending"}  ${name}`);
  await adapter.dispose();
  await close();
  if (all.some((n) => !applied.includes(n))) process.exitCode = 2;
}

const [command, name] = process.argv.slice(2);
try {
  if (command === "create") await create(name);
  else if (command === "deploy") await deploy();
  else if (command === "status") await status();
  else fail("usage: migrate.mjs create <name> | deploy | status");
} catch (error) {
  fail(engineMessage(error));
}
process.exit(process.exitCode ?? 0);
