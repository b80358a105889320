import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { commandOf } from "@/lib/domain/sql-statements";
import { SERVER, serverUnavailable, urlFor, withClient } from "@/tests/helpers/pg-server";
import { currentLessonFiles } from "./content-fixture";
import { formatTimelineResult, parseTimeline, timelineBlocks, type TSession, type TTimeline, type TTimelineResult } from "./timeline";

/**
 * Every ```timeline of every lesson's current version runs with two real connections, step by
 * step, and must show what the lesson records (docs/CONTENT.md, "Timelines"): each step's output,
 * which steps wait for the other session, and what a waiting step shows when it is released.
 *
 *   postgres  two `pg` connections to TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres,
 *             in a scratch database copied from the lesson's dataset (made and dropped here). A step
 *             waits when pg_blocking_pids() names another session while its statement is unfinished.
 *   sqlite    two connections of Python's sqlite3 module to a database file (SQLite with real file
 *             locking, which no Wasm build in Node offers), with no busy timeout.
 *
 * Without a server (or without python3) the test is skipped and says why; parsing is checked anyway.
 */
const WAIT_LIMIT_MS = 15_000;

type TLessonTimeline = { file: string; index: number; line: number; meta: string; text: string; dataset: string };

const timelines: TLessonTimeline[] = currentLessonFiles().flatMap(({ track, current, name: file, body, lineOffset }) => {
  const dataset = track.datasets.find((d) => d.name === current.dataset)?.sql ?? "";
  return timelineBlocks(body).map((b) => ({ file, index: b.index, line: b.line + lineOffset, meta: b.meta, text: b.text, dataset }));
});

// ── PostgreSQL ───────────────────────────────────────────────────────────────────────────────────

const raw = { getTypeParser: () => (value: string) => value };
const scratch = `lnv_tl_${randomBytes(4).toString("hex")}`;
const made: string[] = [];

const datasetDatabases = new Map<string, Promise<string>>();

/** A database holding the dataset, to copy for each timeline. */
function datasetDatabase(dataset: string): Promise<string> {
  let db = datasetDatabases.get(dataset);
  if (!db) {
    const name = `${scratch}_d${datasetDatabases.size}`;
    db = (async () => {
      await withClient(SERVER, (c) => c.query(`CREATE DATABASE ${name}`));
      made.push(name);
      await withClient(urlFor(name), (c) => c.query(dataset));
      return name;
    })();
    datasetDatabases.set(dataset, db);
  }
  return db;
}

let copies = 0;
async function freshDatabase(dataset: string): Promise<string> {
  const template = await datasetDatabase(dataset);
  const name = `${scratch}_t${copies++}`;
  await withClient(SERVER, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  made.push(name);
  return name;
}

// One DROP DATABASE per timeline plus the dataset templates: on a loaded 2-core machine a dozen of them
// took longer than the default 10 s hook timeout, which failed a run whose timelines had all passed.
afterAll(async () => {
  if (made.length === 0) return;
  await withClient(SERVER, async (c) => {
    for (const name of made.reverse()) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}, 120_000);

function postgresResult(r: pg.QueryResult, sql: string): TTimelineResult {
  if (r.fields.length > 0) return { kind: "rows", rows: (r.rows as (string | null)[][]).map((row) => [...row]) };
  const c = r.command;
  if (c === "INSERT") return { kind: "command", tag: `INSERT 0 ${r.rowCount}` };
  if (c === "UPDATE" || c === "DELETE" || c === "MERGE") return { kind: "command", tag: `${c} ${r.rowCount}` };
  if (c === "CREATE" || c === "ALTER" || c === "DROP") return { kind: "command", tag: commandOf(sql) };
  return { kind: "command", tag: c };
}

type TActual = { session: TSession; sql: string; shows: string[] | "waits"; released: { session: TSession; output: string[] } | null };

const tick = () => new Promise((resolve) => setTimeout(resolve, 15));

/** Runs a PostgreSQL timeline on a fresh copy of the dataset with two connections (and an observer for waits). */
async function runOnPostgres(timeline: TTimeline, dataset: string): Promise<TActual[]> {
  const url = urlFor(await freshDatabase(dataset));
  const sessions = { A: new pg.Client({ connectionString: url, types: raw }), B: new pg.Client({ connectionString: url, types: raw }) };
  const observer = new pg.Client({ connectionString: url });
  await Promise.all([sessions.A.connect(), sessions.B.connect(), observer.connect()]);
  try {
    const pids = {
      A: (await sessions.A.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as string,
      B: (await sessions.B.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as string,
    };
    /** The statement's result once it finishes, or "waits" while another session blocks it (polled, never a fixed sleep). */
    const settle = async (p: Promise<TTimelineResult>, session: TSession): Promise<TTimelineResult | "waits"> => {
      let done: TTimelineResult | undefined;
      void p.then((r) => (done = r));
      const deadline = Date.now() + WAIT_LIMIT_MS;
      while (Date.now() < deadline) {
        await tick();
        if (done) return done;
        const blockers = await observer.query("SELECT cardinality(pg_blocking_pids($1::int)) AS n", [pids[session]]);
        if (Number(blockers.rows[0].n) > 0 && !done) return "waits";
      }
      throw new Error(`session ${session}'s statement neither finished nor waited on a lock within ${WAIT_LIMIT_MS} ms`);
    };
    const start = (session: TSession, sql: string): Promise<TTimelineResult> =>
      sessions[session]
        .query({ text: sql, rowMode: "array" })
        .then((r) => postgresResult(r, sql))
        .catch((e: Error) => ({ kind: "error", message: e.message }));

    const waiting = new Map<TSession, Promise<TTimelineResult>>();
    const actual: TActual[] = [];
    for (const step of timeline.steps) {
      const running = start(step.session, step.sql);
      const result = await settle(running, step.session);
      if (result === "waits") waiting.set(step.session, running);
      const entry: TActual = { session: step.session, sql: step.sql, shows: result === "waits" ? "waits" : formatTimelineResult(result), released: null };
      for (const [other, pending] of waiting) {
        if (other === step.session) continue;
        const now = await settle(pending, other);
        if (now !== "waits") {
          waiting.delete(other);
          entry.released = { session: other, output: formatTimelineResult(now) };
        }
      }
      actual.push(entry);
    }
    return actual;
  } finally {
    await Promise.all([sessions.A.end(), sessions.B.end(), observer.end()]);
  }
}

// ── SQLite (through Python's sqlite3 module: real files and locks) ───────────────────────────────

const PYTHON_RUNNER = `
import json, os, sqlite3, sys, tempfile
spec = json.load(sys.stdin)
path = os.path.join(tempfile.mkdtemp(), "timeline.sqlite")
setup = sqlite3.connect(path, isolation_level=None)
setup.executescript(spec["dataset"])
setup.close()
conns = {s: sqlite3.connect(path, isolation_level=None, timeout=0) for s in ("A", "B")}
out = []
for step in spec["steps"]:
    try:
        cur = conns[step["session"]].execute(step["sql"])
        if cur.description is not None:
            out.append({"kind": "rows", "rows": [[None if v is None else str(v) for v in row] for row in cur.fetchall()]})
        else:
            out.append({"kind": "command", "rowcount": cur.rowcount})
    except sqlite3.Error as e:
        out.append({"kind": "error", "message": str(e)})
for c in conns.values():
    c.close()
print(json.dumps(out))
`;

function pythonUnavailable(): string | null {
  const r = spawnSync("python3", ["-c", "import sqlite3"], { encoding: "utf8" });
  return r.status === 0 ? null : "python3 with its sqlite3 module is not installed, so SQLite timelines (two connections to one file) cannot run";
}

function runOnSqlite(timeline: TTimeline, dataset: string): TActual[] {
  const input = JSON.stringify({ dataset, steps: timeline.steps.map((s) => ({ session: s.session, sql: s.sql })) });
  const r = spawnSync("python3", ["-c", PYTHON_RUNNER], { input, encoding: "utf8", timeout: 30_000 });
  if (r.status !== 0) throw new Error(`the SQLite timeline runner failed: ${r.stderr}`);
  const results = JSON.parse(r.stdout) as ({ kind: "rows"; rows: (string | null)[][] } | { kind: "command"; rowcount: number } | { kind: "error"; message: string })[];
  return timeline.steps.map((step, i) => {
    const res = results[i]!;
    const command = commandOf(step.sql);
    const result: TTimelineResult =
      res.kind === "command" ? { kind: "command", tag: ["INSERT", "UPDATE", "DELETE"].includes(command) ? `${command} ${res.rowcount}` : command } : res;
    return { session: step.session, sql: step.sql, shows: formatTimelineResult(result), released: null };
  });
}

// ── The test ─────────────────────────────────────────────────────────────────────────────────────

const unavailable = { postgres: await serverUnavailable("the two-session timelines"), sqlite: pythonUnavailable() };

describe("two-session timelines", () => {
  it("exist", () => {
    expect(timelines.length).toBeGreaterThan(0);
  });

  for (const t of timelines) {
    describe(`${t.file} timeline ${t.index} (line ${t.line})`, () => {
      let parsed: TTimeline | undefined;
      let parseError: unknown;
      try {
        parsed = parseTimeline(t.text, t.meta);
      } catch (error) {
        parseError = error;
      }

      it("is well formed", () => {
        if (parseError) throw new Error(`${t.file}:${t.line}: ${(parseError as Error).message}`);
      });

      const engine = parsed?.engine ?? "postgres";
      it(`shows on ${engine}, with two connections, what the lesson records`, async (ctx) => {
        if (!parsed) throw new Error("the timeline does not parse");
        const reason = unavailable[engine];
        if (reason) {
          console.warn(`skipped ${t.file} timeline ${t.index}: ${reason}`);
          ctx.skip(reason);
        }
        const actual = engine === "postgres" ? await runOnPostgres(parsed, t.dataset) : runOnSqlite(parsed, t.dataset);
        const recorded: TActual[] = parsed.steps.map((s) => ({ session: s.session, sql: s.sql, shows: s.waits ? "waits" : s.output, released: s.released }));
        expect(actual, `${t.file}:${t.line}: the engine's outputs differ from the lesson's`).toEqual(recorded);
      }, 60_000);
    });
  }
});
