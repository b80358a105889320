import { randomBytes } from "node:crypto";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { SERVER, serverUnavailable, urlFor, withClient } from "@/tests/helpers/pg-server";
import { currentLessonFiles } from "./content-fixture";
import { checkBlocks, sqlBlocks, type TSqlBlock, type TSqlEngine } from "./sql-blocks";

/**
 * ```sql server blocks (docs/CONTENT.md, "SQL blocks") show what one embedded PGlite session cannot:
 * roles and logins, extensions PGlite lacks, server settings. Here they run on a PostgreSQL server:
 * for each lesson with such a block, in a scratch database made from the lesson's dataset, all the
 * lesson's PostgreSQL blocks run in order on one connection, as a learner pasting them into psql
 * would, and each must do what its tag says there (server blocks included).
 *
 * The server is TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres. Without one the
 * tests skip and say why (scripts/lib/allowed-skips.mjs lets them, on embedded PGlite only); CI
 * (.ci/run) sets TEST_DATABASE_URL. Roles belong to the whole server, not to the scratch database:
 * a lesson that creates one must drop it, and a run holds an advisory lock so that two runs of these
 * tests on one server do not meet in the same role names.
 */
const LOCK_KEY = "lnv server blocks";

type TServerLesson = { name: string; blocks: TSqlBlock[]; dataset: string; text: string };

const lessons: TServerLesson[] = currentLessonFiles().flatMap(({ track, current, name, body, lineOffset }) => {
  // a malformed tag is reported by lesson-sql.test.ts
  let blocks: TSqlBlock[];
  try {
    blocks = sqlBlocks(body, track.engines).map((b) => ({ ...b, line: b.line + lineOffset }));
  } catch {
    return [];
  }
  if (!blocks.some((b) => b.tag === "server" || b.tag === "fails-server")) return [];
  const dataset = track.datasets.find((d) => d.name === current.dataset)?.sql ?? "";
  return [{ name, blocks, dataset, text: body }];
});

const scratch = `lnv_sb_${randomBytes(4).toString("hex")}`;
let made = 0;
const roleNames = async (c: pg.Client) => new Set((await c.query<{ rolname: string }>("SELECT rolname FROM pg_roles")).rows.map((r) => r.rolname));

/**
 * Runs one lesson's blocks on the server and returns a sentence per problem: a block that did not do
 * what its tag says, or a role the lesson created and left behind (dropped here, then reported).
 * `admin` holds the advisory lock.
 */
async function runOnServer(admin: pg.Client, lesson: TServerLesson): Promise<string[]> {
  const database = `${scratch}_${made++}`;
  const rolesBefore = await roleNames(admin);
  await admin.query(`CREATE DATABASE ${database}`);
  const problems: string[] = [];
  try {
    const url = urlFor(database);
    await withClient(url, (c) => c.query(lesson.dataset || "SELECT 1"));
    const results = await withClient(url, (c) =>
      checkBlocks(
        {
          engine: "server",
          exec: async (sql) => void (await c.query(sql)),
          // an error inside BEGIN leaves the transaction aborted; outside one, ROLLBACK only warns
          recover: async () => void (await c.query("ROLLBACK")),
        },
        lesson.blocks,
      ),
    );
    problems.push(...results.map((r) => r.problem).filter((p): p is string => p !== null));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    // Only roles the lesson names, so that a role someone else made meanwhile is left alone.
    const mentioned = lesson.text.toLowerCase();
    const left = [...(await roleNames(admin))].filter((r) => !rolesBefore.has(r) && mentioned.includes(r.toLowerCase()));
    for (const role of left) await admin.query(`DROP ROLE IF EXISTS "${role.replaceAll('"', '""')}"`);
    if (left.length > 0) problems.push(`left role(s) ${left.join(", ")} behind on the server: the lesson must drop what it creates (a learner's server keeps it)`);
  }
  return problems.map((p) => `${lesson.name}: ${p}`);
}

async function withLock<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  return withClient(SERVER, async (admin) => {
    await admin.query("SELECT pg_advisory_lock(hashtext($1))", [LOCK_KEY]);
    try {
      return await fn(admin);
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext($1))", [LOCK_KEY]);
    }
  });
}

const unavailable = await serverUnavailable("the `server` blocks");

afterAll(() => {
  made = 0;
});

describe("lesson SQL blocks on a PostgreSQL server", () => {
  it("run as tagged on the server, in a scratch database per lesson with a `server` block", async (ctx) => {
    if (unavailable) {
      console.warn(`skipped the \`server\` blocks of ${lessons.length} lesson(s): ${unavailable}`);
      ctx.skip(unavailable);
    }
    const problems = await withLock(async (admin) => {
      const all: string[] = [];
      for (const lesson of lessons) all.push(...(await runOnServer(admin, lesson)));
      return all;
    });
    expect(problems, problems.join("\n")).toEqual([]);
  }, 300_000);

  it("report a block that does not do what its tag says there, and a role a lesson leaves behind", async (ctx) => {
    if (unavailable) ctx.skip(unavailable);
    const role = `lnv_sb_role_${randomBytes(3).toString("hex")}`;
    const markdown = [
      "```sql\nCREATE TABLE notes (id int PRIMARY KEY, body text);\n```",
      // PGlite has no btree_gist; the server (with postgresql-contrib) has
      "```sql server\nCREATE EXTENSION IF NOT EXISTS btree_gist;\n```",
      `\`\`\`sql server\nCREATE ROLE ${role};\n\`\`\``,
      `\`\`\`sql fails-server\n-- Error on PostgreSQL: permission denied for table notes\nSET ROLE ${role};\nSELECT * FROM notes;\n\`\`\``,
      "```sql server\nRESET ROLE;\nSELECT no_such_column FROM notes;\n```",
      "```sql fails-server\n-- Error on PostgreSQL: x\nSELECT 1;\n```",
    ].join("\n\n");
    const engines: TSqlEngine[] = ["postgres"];
    const problems = await withLock((admin) => runOnServer(admin, { name: "lesson.md", blocks: sqlBlocks(markdown, engines), dataset: "", text: markdown }));
    expect(problems).toEqual([
      'lesson.md: sql block 5 (line 19, "RESET ROLE;") failed on the PostgreSQL server: column "no_such_column" does not exist',
      'lesson.md: sql block 6 (line 24, "-- Error on PostgreSQL: x") is tagged `fails-server` but ran without error on the PostgreSQL server',
      `lesson.md: left role(s) ${role} behind on the server: the lesson must drop what it creates (a learner's server keeps it)`,
    ]);
    const left = await withClient(SERVER, (c) => c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]));
    expect(left.rowCount, "the role was dropped after the report").toBe(0);
  }, 120_000);
});
