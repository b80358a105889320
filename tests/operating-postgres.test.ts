import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Code, Root } from "mdast";
import pg from "pg";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentVersion, loadContent, parseVersionFile } from "@/lib/content/load";
import { parseSqlTag } from "@/lib/content/sql-blocks";
import { asOwner, missingPgBinaries, ownDir, PG_BIN, PgCluster, pgRun } from "./helpers/pg-cluster";

/**
 * Issue 15: what the "Operating PostgreSQL" lesson says about running a server, run for real on
 * PostgreSQL 15. The shared test server does not preload pg_stat_statements or archive its WAL, so
 * this test makes a private cluster (tests/helpers/pg-cluster.ts) configured with the lesson's own
 * `ini` blocks, and runs the lesson's `sql server-configured` blocks and its `sh` commands there,
 * read from the lesson file with only paths and the recovery time put in: a typo in the lesson
 * fails here. It may skip only when the PostgreSQL binaries are missing (scripts/lib/allowed-skips.mjs).
 */
const CONTENT = path.resolve(import.meta.dirname, "../content");
const TRACK = "postgresql";
const LESSON = "operating-postgres";
const PORT = Number(process.env.OPERATING_PG_PORT ?? 5497);
const RESTORE_PORT = PORT + 1;

type TFence = { lang: string; meta: string; code: string; line: number };

const tracks = loadContent(CONTENT);
const lesson = tracks.find((t) => t.slug === TRACK)?.lessons.find((l) => l.folder === LESSON);
const version = lesson && currentVersion(lesson);
if (!version) throw new Error(`no current version of ${TRACK}/${LESSON}`);
const lessonFile = path.join(TRACK, LESSON, `${version.version}.md`);

/** Every fenced block of a lesson body, as the site parses it. */
function fences(markdown: string): TFence[] {
  const found: TFence[] = [];
  visit(unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root, "code", (node: Code) => {
    found.push({ lang: node.lang ?? "", meta: node.meta ?? "", code: node.value, line: node.position?.start.line ?? 0 });
  });
  return found;
}

const body = parseVersionFile(fs.readFileSync(path.join(CONTENT, lessonFile), "utf8"), lessonFile).body;
const blocks = fences(body);

/** The one block of this language (and tag) whose text contains `marker`; fails naming what the lesson lacks. */
function block(lang: string, marker: string, meta?: string): string {
  const matches = blocks.filter((b) => b.lang === lang && b.code.includes(marker) && (meta === undefined || b.meta === meta));
  if (matches.length !== 1) throw new Error(`${lessonFile}: expected one \`\`\`${lang}${meta ? ` ${meta}` : ""} block containing "${marker}", found ${matches.length}`);
  return matches[0]!.code;
}

/** `text` with every `from` replaced; fails when `from` is not there, so a changed lesson cannot slip past. */
function put(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === "string" ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`${lessonFile}: expected "${from}" in:\n${text}`);
  return typeof from === "string" ? text.replaceAll(from, to) : text.replace(from, to);
}

const missing = missingPgBinaries();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-ops-"));
const archive = path.join(work, "archive");
const backup = path.join(work, "backup");
let primary: PgCluster;
const restored: PgCluster[] = [];

/** The lesson's archive settings with its /archive folder replaced by this test's. */
const archiveConf = () => put(block("ini", "archive_mode"), "/archive/", `${archive}/`);

/** Runs a lesson's `sh` block as the cluster's owner in `cwd`, with the PostgreSQL binaries on PATH and libpq pointed at `cluster`. */
function sh(script: string, cwd: string, cluster: PgCluster): string {
  const [file, argv] = asOwner("/bin/sh", ["-e", "-c", script]);
  // runuser keeps the environment: PATH and the PG* variables reach the commands
  return execFileSync(file, argv, { cwd, encoding: "utf8", stdio: "pipe", env: { ...cluster.env, PATH: `${PG_BIN}:${process.env.PATH}` } });
}

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, values?: unknown[]) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query<T>(sql, values);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  let last: T | undefined;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch {
      // not answering yet
    }
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

beforeAll(async () => {
  if (missing) return;
  ownDir(work);
  ownDir(archive);
  // the lesson's settings, as a reader would paste them into postgresql.conf; fsync off: a throwaway cluster
  const conf = [block("ini", "shared_preload_libraries"), archiveConf(), "fsync = off"].join("\n");
  primary = PgCluster.init(path.join(work, "primary"), PORT, conf);
  await primary.start();
  pgRun("createdb", ["platform"], { env: primary.env });
  const dataset = tracks.find((t) => t.slug === TRACK)!.datasets.find((d) => d.name === version.dataset)!.sql;
  await query(primary.url("platform"), dataset);
}, 120_000);

afterAll(() => {
  for (const cluster of [...restored, primary]) cluster?.stop("immediate");
  if (process.env.KEEP_OPERATING_DIR) console.log(`operating-postgres test folder kept: ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
});

describe("the Operating PostgreSQL lesson on a PostgreSQL 15 cluster of its own", () => {
  it("pg_stat_statements, preloaded as the lesson configures it, answers the lesson's top-queries block", async (ctx) => {
    if (missing) {
      console.warn(`skipped the operating-postgres lesson's server checks: ${missing}`);
      ctx.skip(missing);
    }
    const url = primary.url("platform");
    await query(url, block("sql", "CREATE EXTENSION", "server"));
    await query(url, "SELECT pg_stat_statements_reset()");
    // a workload: the same query with different constants, a heavier scan, and a statement inside a function
    for (const account of [7, 8, 9]) await query(url, `SELECT count(*) FROM events WHERE account_id = ${account}`);
    for (let i = 0; i < 3; i++) await query(url, "SELECT kind, count(*), max(occurred_at) FROM events GROUP BY kind");
    await query(url, "DO $$ BEGIN PERFORM count(*) FROM orders WHERE total_cents > 100; END $$");

    const configured = blocks.filter((b) => b.lang === "sql" && parseSqlTag(b.meta) === "server-configured");
    expect(configured.length, "the lesson's server-configured blocks").toBeGreaterThan(0);
    for (const b of configured) await query(url, b.code); // each runs on the configured server

    const top = await query(url, block("sql", "FROM pg_stat_statements", "server-configured"));
    expect(top.fields.map((f) => f.name)).toEqual(["query", "calls", "total_ms", "mean_ms", "pct", "shared_blks_read", "rows"]);
    expect(top.rows.length).toBeGreaterThan(0);
    expect(top.rows.length).toBeLessThanOrEqual(10);
    const totals = top.rows.map((r) => Number(r.total_ms));
    expect(totals, "sorted by total time, the highest first").toEqual([...totals].sort((a, b) => b - a));
    expect(top.rows.some((r) => String(r.query).startsWith("SELECT kind, count(*), max(occurred_at) FROM events") && Number(r.calls) === 3)).toBe(true);
    const pct = top.rows.reduce((sum, r) => sum + Number(r.pct), 0);
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThanOrEqual(100.5);

    // "statements that differ only in their constants are grouped": one entry for three account ids
    const grouped = await query<{ query: string; calls: string }>(url, "SELECT query, calls::text FROM pg_stat_statements WHERE query LIKE 'SELECT count(*) FROM events WHERE account_id%'");
    expect(grouped.rows).toEqual([{ query: "SELECT count(*) FROM events WHERE account_id = $1", calls: "3" }]);
    // pg_stat_statements.track = top: the DO block is recorded, the query inside it is not
    const inner = await query(url, "SELECT query FROM pg_stat_statements WHERE query LIKE '%total_cents >%'");
    expect(inner.rows.map((r) => r.query)).toEqual(["DO $$ BEGIN PERFORM count(*) FROM orders WHERE total_cents > 100; END $$"]);
    // "pg_stat_statements_reset() … to measure afresh"
    await query(url, "SELECT pg_stat_statements_reset()");
    const afterReset = await query(url, "SELECT count(*)::int AS n FROM pg_stat_statements WHERE query LIKE '%FROM events%'");
    expect(afterReset.rows[0]!.n).toBe(0);
  }, 60_000);

  it("pg_dump --format=custom and pg_restore --jobs, as the lesson writes them, copy the database", async (ctx) => {
    if (missing) ctx.skip(missing);
    const dir = path.join(work, "dump");
    ownDir(dir);
    sh(block("sh", "pg_restore"), dir, primary);

    expect(fs.readFileSync(path.join(dir, "platform.dump")).subarray(0, 5).toString()).toBe("PGDMP"); // the custom format's signature
    const tables = (await query<{ relname: string }>(primary.url("platform"), "SELECT relname FROM pg_stat_user_tables ORDER BY relname")).rows.map((r) => r.relname);
    expect(tables).toEqual(expect.arrayContaining(["accounts", "events", "orders", "bookings", "rooms", "articles"]));
    const counts = async (database: string) => {
      const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(" UNION ALL ");
      return (await query(primary.url(database), `${sql} ORDER BY t`)).rows;
    };
    const original = await counts("platform");
    expect(original.find((r) => r.t === "events")!.n).toBe(24_000);
    expect(await counts("platform_copy")).toEqual(original);
    const schema = fs.readFileSync(path.join(dir, "schema.sql"), "utf8");
    for (const t of tables) expect(schema).toContain(`CREATE TABLE public.${t} (`);
    expect(schema).not.toContain("COPY public.events"); // --schema-only: no data
    // a smaller cluster makes the base backup below quicker
    await query(primary.url(), "DROP DATABASE platform_copy");
  }, 60_000);

  it("point-in-time recovery: base backup, archived WAL, a named restore point and a target time, then pause and pg_wal_replay_resume()", async (ctx) => {
    if (missing) ctx.skip(missing);
    const url = primary.url("platform");
    // "wal_level must be replica, the default, or logical" for archiving: with the lesson's archive_mode = on, minimal is refused at start
    let refused = "";
    try {
      pgRun("postgres", ["-D", primary.dataDir, "-p", String(RESTORE_PORT), "-c", "wal_level=minimal", "-c", "max_wal_senders=0"]);
    } catch (error) {
      refused = String((error as { stderr?: string }).stderr);
    }
    expect(refused).toContain('WAL archival cannot be enabled when wal_level is "minimal"');
    expect((await query(url, "SHOW wal_segment_size")).rows[0]!.wal_segment_size).toBe("16MB");
    // "it … pauses there (the default recovery_target_action)"
    expect((await query(url, "SELECT boot_val FROM pg_settings WHERE name = 'recovery_target_action'")).rows[0]!.boot_val).toBe("pause");

    await query(url, "CREATE TABLE pitr_marks (id int PRIMARY KEY, phase text NOT NULL); INSERT INTO pitr_marks VALUES (1, 'before the base backup')");
    const lsnAt = async () => (await query<{ lsn: string }>(url, "SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]!.lsn;

    const basebackup = put(block("sh", "pg_basebackup"), /--pgdata=\S+/, `--pgdata=${backup}`);
    ownDir(path.dirname(backup));
    sh(basebackup, work, primary);
    expect(fs.readdirSync(backup).sort()).toEqual(["backup_manifest", "base.tar.gz", "pg_wal.tar.gz"]);

    const lsnBefore = await lsnAt();
    await query(url, "INSERT INTO pitr_marks VALUES (2, 'after the base backup')");
    await sleep(50);
    const targetTime = (await query<{ t: string }>(url, "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS t")).rows[0]!.t;
    await sleep(50);
    await query(url, "INSERT INTO pitr_marks VALUES (3, 'before the restore point')");
    // the lesson's block: where the WAL is, and the named restore point the recovery below stops at
    const located = await query(url, block("sql", "pg_create_restore_point"));
    expect(located).toHaveLength(2);
    const [position, point] = located as unknown as pg.QueryResult[];
    expect(position!.rows[0]!.segment).toMatch(/^000000010000000000000[0-9A-F]{3}$/);
    expect(point!.rows[0]!.pg_create_restore_point).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    const growth = await query<{ bytes: string }>(url, "SELECT pg_wal_lsn_diff($1, $2)::text AS bytes", [position!.rows[0]!.lsn, lsnBefore]);
    expect(Number(growth.rows[0]!.bytes), "the WAL position grew with the writes").toBeGreaterThan(0);

    // the cleanup that the restore point is for, and one more write
    const events = (await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM events")).rows[0]!.n;
    await query(url, "DELETE FROM pitr_marks WHERE id = 1; DELETE FROM events WHERE id % 2 = 0; INSERT INTO pitr_marks VALUES (4, 'after the restore point')");
    // close the segment, so that archive_command copies it (with the restore point) to the archive
    const switched = await query<{ segment: string }>(url, "SELECT pg_walfile_name(pg_switch_wal()) AS segment");
    const segment = switched.rows[0]!.segment;
    await until("the archiver to copy " + segment, () => query<{ w: string | null }>(url, "SELECT last_archived_wal AS w FROM pg_stat_archiver"), (r) => (r.rows[0]!.w ?? "") >= segment);
    expect(fs.readdirSync(archive)).toContain(segment);

    const recovery = block("ini", "restore_command");
    const restoreInto = async (name: string, settings: string) => {
      const dataDir = path.join(work, name);
      const unpack = put(put(block("sh", "recovery.signal"), "/srv/restored", dataDir), "/backups/base-2026-12-02", backup);
      sh(unpack, work, primary);
      const cluster = new PgCluster(dataDir, RESTORE_PORT, work);
      restored.push(cluster);
      cluster.appendConf(put(settings, "/archive/", `${archive}/`));
      await cluster.start();
      return cluster;
    };
    const marks = async (cluster: PgCluster) => (await query<{ id: number }>(cluster.url("platform"), "SELECT id FROM pitr_marks ORDER BY id")).rows.map((r) => r.id);
    const pauseState = (cluster: PgCluster) => query<{ s: string }>(cluster.url("platform"), "SELECT pg_get_wal_replay_pause_state() AS s").then((r) => r.rows[0]!.s);

    // 1. by name: recovery_target_name instead of recovery_target_time (the lesson's "or:")
    const byNameSettings = put(put(recovery, /^recovery_target_time = .*$/m, ""), /^# or: (recovery_target_name = .*)$/m, "$1");
    expect(byNameSettings).toContain("recovery_target_name = 'before-cleanup'");
    const byName = await restoreInto("restored-by-name", byNameSettings);
    await until("recovery to pause at the restore point", () => pauseState(byName), (s) => s === "paused");
    expect(byName.logTail(50)).toContain('recovery stopping at restore point "before-cleanup"');
    expect(await marks(byName), "exactly the writes before the restore point").toEqual([1, 2, 3]);
    expect((await query<{ n: number }>(byName.url("platform"), "SELECT count(*)::int AS n FROM events")).rows[0]!.n).toBe(events);
    await expect(query(byName.url("platform"), "INSERT INTO pitr_marks VALUES (5, 'while paused')")).rejects.toThrow(/read-only transaction/);
    // "inspect first, then SELECT pg_wal_replay_resume();": recovery ends and the copy opens for writes
    expect(recovery).toContain("SELECT pg_wal_replay_resume();");
    await query(byName.url("platform"), "SELECT pg_wal_replay_resume();");
    await until("the restored copy to leave recovery", () => query<{ r: boolean }>(byName.url("platform"), "SELECT pg_is_in_recovery() AS r"), (r) => r.rows[0]!.r === false);
    await query(byName.url("platform"), "INSERT INTO pitr_marks VALUES (5, 'after recovery')");
    expect(await marks(byName), "nothing after the restore point was replayed").toEqual([1, 2, 3, 5]);
    byName.stop("immediate");

    // 2. by time, as the block is written, with a moment between the writes 2 and 3
    const byTime = await restoreInto("restored-by-time", put(recovery, /'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00'/, `'${targetTime}'`));
    await until("recovery to pause at the target time", () => pauseState(byTime), (s) => s === "paused");
    expect(await marks(byTime), "exactly the writes before the target time").toEqual([1, 2]);
    byTime.stop("immediate");
  }, 90_000);
});

describe("server-configured sql blocks", () => {
  it("appear only in the lesson this test runs, so none goes unchecked", () => {
    const elsewhere = tracks.flatMap((track) =>
      track.lessons.flatMap((l) => {
        const current = currentVersion(l);
        if (!current || (track.slug === TRACK && l.folder === LESSON)) return [];
        const name = path.join(track.slug, l.folder, `${current.version}.md`);
        const source = fs.readFileSync(path.join(CONTENT, name), "utf8");
        if (!source.includes("server-configured")) return [];
        return fences(parseVersionFile(source, name).body).some((b) => b.lang === "sql" && b.meta.trim() === "server-configured") ? [name] : [];
      }),
    );
    expect(elsewhere, "a lesson with `sql server-configured` blocks needs a test that configures a server and runs them, like this one").toEqual([]);
  });
});
