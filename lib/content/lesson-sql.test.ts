import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import initSqlJs, { type SqlJsStatic } from "sql.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT, currentLessonFiles } from "./content-fixture";
import { renderMarkdown } from "./markdown";
import {
  ENGINES,
  checkBlocks,
  firstLine,
  sqlBlocks,
  type TSqlBlock,
  type TSqlBlockResult,
  type TSqlEngine,
  type TSqlSession,
} from "./sql-blocks";

/**
 * Every ```sql block of every lesson's current version runs on SQLite (sql.js, the wasm build a
 * browser would use) and PostgreSQL (PGlite), in order, in one database per engine loaded with the
 * lesson's dataset, and must do what its fence tag says (docs/CONTENT.md, "SQL blocks"); a block
 * that fails on purpose must fail with the error it declares ("-- Error on PostgreSQL: …").
 */
let sqlJs: Promise<SqlJsStatic> | undefined;
const sqlite = () => (sqlJs ??= initSqlJs());

async function sqliteSession(dataset: string): Promise<TSqlSession & { close(): Promise<void> }> {
  const db = new (await sqlite()).Database();
  if (dataset) db.exec(dataset);
  return {
    engine: "sqlite",
    exec: async (sql) => void db.exec(sql),
    recover: async () => {
      try {
        db.exec("ROLLBACK");
      } catch {
        // no transaction was open
      }
    },
    close: async () => db.close(),
  };
}

/**
 * Starting PGlite from a saved data directory is several times faster than a fresh initdb, so each
 * dataset is loaded once and every lesson starts from a copy of that directory.
 */
const pgImages = new Map<string, Promise<Blob | File>>();
function pgImage(dataset: string): Promise<Blob | File> {
  let image = pgImages.get(dataset);
  if (!image) {
    image = (async () => {
      const pg = new PGlite();
      try {
        // dumpDataDir does not wait for the start itself: without a dataset it would hang
        await pg.waitReady;
        if (dataset) await pg.exec(dataset);
        return await pg.dumpDataDir("none");
      } finally {
        await pg.close();
      }
    })();
    pgImages.set(dataset, image);
  }
  return image;
}

async function postgresSession(dataset: string): Promise<TSqlSession & { close(): Promise<void> }> {
  const pg = new PGlite({ loadDataDir: await pgImage(dataset) });
  return {
    engine: "postgres",
    exec: async (sql) => void (await pg.exec(sql)),
    // an error inside BEGIN leaves the transaction aborted; outside one, ROLLBACK only warns
    recover: async () => void (await pg.exec("ROLLBACK")),
    close: () => pg.close(),
  };
}

const SESSIONS: Record<TSqlEngine, typeof sqliteSession> = { sqlite: sqliteSession, postgres: postgresSession };

/** Runs a lesson's blocks on its track's engines (both by default); one result list per engine. */
async function runLesson(blocks: TSqlBlock[], dataset: string, engines: readonly TSqlEngine[] = ENGINES): Promise<TSqlBlockResult[]> {
  const perEngine = await Promise.all(
    engines.map(async (engine) => {
      const session = await SESSIONS[engine](dataset);
      try {
        return await checkBlocks(session, blocks);
      } finally {
        await session.close();
      }
    }),
  );
  return perEngine.flat();
}

type TLessonFile = { name: string; markdown: string; lineOffset: number; dataset: string; engines: TSqlEngine[] };

function lessonFiles(): TLessonFile[] {
  return currentLessonFiles().map(({ track, name, data, body, lineOffset }) => {
    const datasetFile = data.dataset ? path.join(CONTENT, track.slug, "datasets", `${data.dataset}.sql`) : null;
    return {
      name,
      markdown: body,
      lineOffset,
      dataset: datasetFile ? fs.readFileSync(datasetFile, "utf8") : "",
      engines: track.engines,
    };
  });
}

const lessons = lessonFiles();

describe("lesson SQL blocks", () => {
  it("exist", () => {
    expect(lessons.length).toBeGreaterThan(0);
  });

  for (const lesson of lessons) {
    describe(lesson.name, () => {
      let blocks: TSqlBlock[];
      try {
        blocks = sqlBlocks(lesson.markdown, lesson.engines).map((b) => ({ ...b, line: b.line + lesson.lineOffset }));
      } catch (error) {
        it("has valid sql block tags", () => {
          throw error;
        });
        return;
      }
      if (blocks.length === 0) return;

      let results: Promise<TSqlBlockResult[]>;
      beforeAll(() => {
        results = runLesson(blocks, lesson.dataset, lesson.engines);
        // failures are reported per block below
        results.catch(() => {});
      });

      for (const block of blocks) {
        it(`block ${block.index}${block.tag ? ` [${block.tag}]` : ""}: ${firstLine(block.code).slice(0, 60)}`, async () => {
          const mine = (await results).filter((r) => r.block.index === block.index);
          const problems = mine.map((r) => r.problem).filter((p): p is string => p !== null);
          expect(problems, `${lesson.name}\n${problems.join("\n")}`).toEqual([]);
        }, 60_000);
      }
    });
  }
});

// Each case starts two engines (PGlite takes seconds to start on a loaded 2-core machine, and the
// lesson tests above start theirs at the same time): the same allowance as a lesson's blocks.
describe("the SQL block checker", { timeout: 60_000 }, () => {
  const lesson = (markdown: string) => runLesson(sqlBlocks(markdown), "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);");
  const problems = async (markdown: string) =>
    (await lesson(markdown)).map((r) => r.problem).filter((p): p is string => p !== null);

  it("reads fence tags and rejects unknown ones", () => {
    const blocks = sqlBlocks("```sql\nSELECT 1;\n```\n\n```sql postgres\nSELECT 2;\n```\n\n```ts\nx\n```\n");
    expect(blocks.map((b) => [b.index, b.line, b.tag])).toEqual([
      [1, 1, null],
      [2, 5, "postgres"],
    ]);
    expect(blocks[1]!.expect).toEqual({ sqlite: "skip", postgres: "ok" });
    expect(() => sqlBlocks("```sql postgre\nSELECT 1;\n```")).toThrow(/unknown sql block tag "postgre"/);
    expect(() => sqlBlocks("```sql postgres fails\nSELECT 1;\n```")).toThrow(/one tag per sql block/);
  });

  it("reports an untagged block that fails on one engine, quoting the error and the block", async () => {
    // GREATEST is PostgreSQL's; SQLite has no such function
    const found = await problems("```sql\n-- a comment\n\nSELECT GREATEST(1, 2);\n```\n");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^sql block 1 \(line 1, "-- a comment"\) failed on SQLite: .*greatest/i);
  });

  it("reports a `fails` block that runs", async () => {
    const found = await problems("```sql fails\nSELECT 1;\n-- Error on SQLite: x\n-- Error on PostgreSQL: y\n```\n");
    expect(found).toEqual([
      'sql block 1 (line 1, "SELECT 1;") is tagged `fails` but ran without error on SQLite',
      'sql block 1 (line 1, "SELECT 1;") is tagged `fails` but ran without error on PostgreSQL',
    ]);
  });

  it("reports a block that fails, but not with the error it declares (a typo is not the lesson's point)", async () => {
    const found = await problems(
      [
        "```sql fails",
        "-- Error on SQLite: UNIQUE constraint failed: t.id",
        '-- Error on PostgreSQL: duplicate key value violates unique constraint "t_pkey"',
        "INSERT INTO t VALUES (1, 'a');",
        "INSRT INTO t VALUES (1, 'b');",
        "```",
      ].join("\n"),
    );
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^sql block 1 \(line 1, "-- Error on SQLite: [^"]*"\) failed on SQLite with ".*syntax error.*", not with the declared "UNIQUE constraint failed: t.id"$/);
    expect(found[1]).toMatch(/failed on PostgreSQL with "syntax error at or near "INSRT"", not with the declared "duplicate key value/);
    // the intended failure passes, matched case-insensitively as a part of the message
    expect(
      await problems(
        [
          "```sql fails",
          "-- Error on SQLite: unique constraint failed: t.id",
          '-- Error on PostgreSQL: violates unique constraint "t_pkey"',
          "INSERT INTO t VALUES (1, 'a');",
          "INSERT INTO t VALUES (1, 'b');",
          "```",
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("needs a declared error on each engine where a block fails, and none elsewhere", () => {
    expect(() => sqlBlocks("```sql fails\nSELECT x;\n-- Error on SQLite: no such column\n```")).toThrow(
      /sql block 1 \(line 1\): fails on PostgreSQL but does not say how: add a comment line "-- Error on PostgreSQL: <part of the error message>"/,
    );
    expect(() => sqlBlocks("```sql fails-postgres\nSELECT 1/0;\n-- Error on PostgreSQL: division by zero\n-- Error on SQLite: x\n```")).toThrow(
      /declares an error on SQLite, but its tag says it runs there/,
    );
    expect(() => sqlBlocks("```sql\nSELECT 1;\n-- Error on PostgreSQL: x\n```")).toThrow(/declares an error on PostgreSQL/);
    expect(() => sqlBlocks("```sql fails-sqlite\nSELECT 1;\n-- Error on SQLite:\n```")).toThrow(/needs the text of the expected error/);
    const [block] = sqlBlocks("```sql fails-postgres\n-- Error on PostgreSQL: division by zero\nSELECT 1 / 0;\n```");
    expect(block!.expectedErrors).toEqual({ postgres: "division by zero" });
  });

  it("on a PostgreSQL-only track, runs blocks on PGlite alone and rejects tags that contrast engines", async () => {
    const pgOnly = ["postgres"] as const;
    const blocks = sqlBlocks("```sql\nSELECT '{1,2}'::int[] @> '{1}';\n```\n\n```sql fails\n-- Error on PostgreSQL: division by zero\nSELECT 1 / 0;\n```\n", pgOnly);
    expect(blocks.map((b) => b.expect)).toEqual([
      { sqlite: "skip", postgres: "ok" },
      { sqlite: "skip", postgres: "error" },
    ]);
    const results = await runLesson(blocks, "", pgOnly);
    expect(results.map((r) => [r.engine, r.problem])).toEqual([
      ["postgres", null],
      ["postgres", null],
    ]);
    for (const tag of ["postgres", "sqlite", "fails-postgres", "fails-sqlite"]) {
      expect(() => sqlBlocks(`\`\`\`sql ${tag}\nSELECT 1;\n\`\`\``, pgOnly)).toThrow(/contrasts two engines, but this track runs on PostgreSQL only/);
    }
    // an SQLite error line has no place where SQLite does not run
    expect(() => sqlBlocks("```sql fails\n-- Error on SQLite: x\n-- Error on PostgreSQL: y\nSELECT 1/0;\n```", pgOnly)).toThrow(/declares an error on SQLite/);
  });

  it("leaves `server` blocks to the PostgreSQL server: not run embedded, declared errors are PostgreSQL's", async () => {
    const blocks = sqlBlocks(
      [
        "```sql\nSELECT 1;\n```",
        "```sql server\nCREATE ROLE x;\n```",
        "```sql fails-server\n-- Error on PostgreSQL: permission denied\nSET ROLE x;\nSELECT * FROM t;\n```",
        "```sql sqlite\nSELECT 2;\n```",
        // needs a preloaded library: neither embedded nor on the shared server, but on the lesson's own cluster
        "```sql server-configured\nSELECT calls FROM pg_stat_statements;\n```",
      ].join("\n\n"),
    );
    expect(blocks.map((b) => [b.tag, b.expect, b.server])).toEqual([
      [null, { sqlite: "ok", postgres: "ok" }, "ok"],
      ["server", { sqlite: "skip", postgres: "skip" }, "ok"],
      ["fails-server", { sqlite: "skip", postgres: "skip" }, "error"],
      ["sqlite", { sqlite: "ok", postgres: "skip" }, "skip"],
      ["server-configured", { sqlite: "skip", postgres: "skip" }, "skip"],
    ]);
    expect(blocks[2]!.expectedErrors).toEqual({ postgres: "permission denied" });
    expect(await problems(blocks.map((b) => `\`\`\`sql${b.tag ? ` ${b.tag}` : ""}\n${b.code}\n\`\`\``).join("\n\n"))).toEqual([]);
    expect(() => sqlBlocks("```sql fails-server\nSELECT 1;\n```")).toThrow(/fails on PostgreSQL but does not say how/);
    expect(() => sqlBlocks("```sql server\nSELECT 1;\n```", ["sqlite"])).toThrow(/runs on a PostgreSQL server, but this track runs on SQLite only/);
    expect(() => sqlBlocks("```sql server-configured\nSELECT 1;\n```", ["sqlite"])).toThrow(/runs on a PostgreSQL server, but this track runs on SQLite only/);
  });

  it("accepts engine-only and expected-failure blocks, and keeps state between blocks", async () => {
    const found = await problems(
      [
        "```sql postgres\nSELECT GREATEST(1, 2);\n```",
        "```sql fails-postgres\n-- Error on PostgreSQL: invalid input syntax for type integer\nSELECT 1 WHERE 'a' = 1;\n```",
        "```sql fails\n-- Error on SQLite: UNIQUE constraint failed\n-- Error on PostgreSQL: duplicate key value\nBEGIN;\nINSERT INTO t VALUES (1, 'a');\nINSERT INTO t VALUES (1, 'b');\nCOMMIT;\n```",
        // the failed transaction was rolled back, so both engines can run this and later blocks
        "```sql\nINSERT INTO t VALUES (1, 'c');\nCREATE VIEW c AS SELECT v FROM t;\n```",
        "```sql\nSELECT * FROM c;\n```",
        "```sql norun\n\\d t\n```",
      ].join("\n\n"),
    );
    expect(found).toEqual([]);
  });
});

describe("sql fence tags in rendered lessons", () => {
  it("still highlight as SQL", async () => {
    const html = await renderMarkdown("```sql postgres\nSELECT 1;\n```\n");
    expect(html).toContain('class="shiki');
    expect(html).toMatch(/<span style="--shiki-light:[^"]+">SELECT<\/span>/);
  });
});

afterAll(() => {
  sqlJs = undefined;
  pgImages.clear();
});
