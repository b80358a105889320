import type { Code, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/**
 * The ```sql blocks of a lesson body and what each must do on each engine (docs/CONTENT.md,
 * "SQL blocks"). The fence's meta words after `sql` are the contract shared by the content check
 * (lib/content/lesson-sql.test.ts) and the SQL lab:
 *
 *   (none)          runs without error on SQLite and PostgreSQL
 *   postgres        PostgreSQL only (runs there; not run on SQLite)
 *   sqlite          SQLite only
 *   fails           raises an error on both engines
 *   fails-postgres  raises an error on PostgreSQL, runs on SQLite
 *   fails-sqlite    raises an error on SQLite, runs on PostgreSQL
 *   norun           not run at all (psql/sqlite3 meta-commands, files, shell commands)
 *   server          not run in the embedded engines; runs on a PostgreSQL server (roles and logins,
 *                   pg_stat_statements, what one embedded session cannot show), checked by
 *                   lib/content/server-blocks.test.ts
 *   fails-server    like server, and raises an error there
 *
 * A track names its engines (track.yaml `engines`); on a track with one engine, that engine is the
 * only one blocks run on, and tags that name or contrast engines are errors.
 *
 * A block tagged to fail declares, on a comment line of its own, the error it expects on each engine
 * where it fails, as a part of that engine's message:
 *
 *   -- Error on SQLite: UNIQUE constraint failed: customers.id
 *   -- Error on PostgreSQL: duplicate key value violates unique constraint "customers_pkey"
 *
 * so that a typo, which fails too, is not taken for the failure the lesson shows.
 */
export const ENGINES = ["sqlite", "postgres"] as const;
export type TSqlEngine = (typeof ENGINES)[number];

/** ok: must run without error; error: must raise an error; skip: not run on this engine. */
export type TSqlExpectation = "ok" | "error" | "skip";

export const SQL_TAGS = ["postgres", "sqlite", "fails", "fails-postgres", "fails-sqlite", "norun", "server", "fails-server"] as const;
export type TSqlTag = (typeof SQL_TAGS)[number];

export const ENGINE_NAMES: Record<TSqlEngine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/** The label shown above a tagged block; an untagged block runs on both and has none. */
export const TAG_LABELS: Record<TSqlTag, string> = {
  postgres: "PostgreSQL only",
  sqlite: "SQLite only",
  fails: "Fails on purpose, on both engines",
  "fails-postgres": "Fails on PostgreSQL",
  "fails-sqlite": "Fails on SQLite",
  norun: "Not runnable in the lab",
  server: "Runs on a PostgreSQL server, not in the lab",
  "fails-server": "Fails on purpose, on a PostgreSQL server (not in the lab)",
};

/** The label for a tag on a track with these engines: on a one-engine track, `fails` has no "both". */
export function tagLabel(tag: TSqlTag, engines: readonly TSqlEngine[] = ENGINES): string {
  return tag === "fails" && engines.length === 1 ? "Fails on purpose" : TAG_LABELS[tag];
}

/** Tags that say where a block runs among two engines: meaningless on a one-engine track. */
const CONTRASTING_TAGS: readonly TSqlTag[] = ["postgres", "sqlite", "fails-postgres", "fails-sqlite"];
const SERVER_TAGS: readonly TSqlTag[] = ["server", "fails-server"];

export type TSqlBlock = {
  /** 1-based position among the body's sql blocks. */
  index: number;
  /** 1-based line of the opening fence within the markdown given. */
  line: number;
  code: string;
  tag: TSqlTag | null;
  /** In the embedded engines (sql.js, PGlite) of the track. */
  expect: Record<TSqlEngine, TSqlExpectation>;
  /** On a PostgreSQL server (lib/content/server-blocks.test.ts): `server` blocks, and the PostgreSQL ones before them. */
  server: TSqlExpectation;
  /** Per engine where the block must fail (PostgreSQL also for `fails-server`): text its error message must contain. */
  expectedErrors: Partial<Record<TSqlEngine, string>>;
};

export class SqlTagError extends Error {}

/** Reads a fence's meta ("postgres", "" …) as one tag; anything else is an error. */
export function parseSqlTag(meta: string | null | undefined): TSqlTag | null {
  const words = (meta ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  if (words.length > 1) throw new SqlTagError(`one tag per sql block, got "${words.join(" ")}"`);
  const tag = words[0]!;
  if (!(SQL_TAGS as readonly string[]).includes(tag)) {
    throw new SqlTagError(`unknown sql block tag "${tag}" (known: ${SQL_TAGS.join(", ")})`);
  }
  return tag as TSqlTag;
}

/**
 * What a block must do in each embedded engine. An engine the track does not run (track.yaml
 * `engines`) is skipped.
 */
export function expectationsOf(tag: TSqlTag | null, engines: readonly TSqlEngine[] = ENGINES): Record<TSqlEngine, TSqlExpectation> {
  const all = baseExpectations(tag);
  return { sqlite: engines.includes("sqlite") ? all.sqlite : "skip", postgres: engines.includes("postgres") ? all.postgres : "skip" };
}

/** The embedded engines the lab offers a block on (none for `norun` and `server` blocks). */
export function labEngines(tag: TSqlTag | null, engines: readonly TSqlEngine[] = ENGINES): TSqlEngine[] {
  const expect = expectationsOf(tag, engines);
  return ENGINES.filter((e) => expect[e] !== "skip");
}

/**
 * What a block must do on a PostgreSQL server: `server` blocks run there only; every block that
 * runs on PostgreSQL runs there too, so that a server block sees what the earlier ones made.
 */
export function serverExpectationOf(tag: TSqlTag | null, engines: readonly TSqlEngine[] = ENGINES): TSqlExpectation {
  if (tag === "server") return "ok";
  if (tag === "fails-server") return "error";
  return expectationsOf(tag, engines).postgres;
}

/** Whether a tag makes sense on a track with these engines; a sentence for the author when not. */
export function tagProblem(tag: TSqlTag | null, engines: readonly TSqlEngine[]): string | null {
  if (tag === null) return null;
  const names = engines.map((e) => ENGINE_NAMES[e]).join(" and ");
  if (engines.length === 1 && CONTRASTING_TAGS.includes(tag)) {
    return `the tag "${tag}" contrasts two engines, but this track runs on ${names} only (track.yaml engines): drop the tag, or use fails`;
  }
  if (!engines.includes("postgres") && SERVER_TAGS.includes(tag)) {
    return `the tag "${tag}" runs on a PostgreSQL server, but this track runs on ${names} only (track.yaml engines)`;
  }
  return null;
}

function baseExpectations(tag: TSqlTag | null): Record<TSqlEngine, TSqlExpectation> {
  switch (tag) {
    case null:
      return { sqlite: "ok", postgres: "ok" };
    case "postgres":
      return { sqlite: "skip", postgres: "ok" };
    case "sqlite":
      return { sqlite: "ok", postgres: "skip" };
    case "fails":
      return { sqlite: "error", postgres: "error" };
    case "fails-postgres":
      return { sqlite: "ok", postgres: "error" };
    case "fails-sqlite":
      return { sqlite: "error", postgres: "ok" };
    case "norun":
    case "server":
    case "fails-server":
      return { sqlite: "skip", postgres: "skip" };
  }
}

/** `-- Error on SQLite: …` / `-- Error on PostgreSQL: …`, a comment line of its own. */
const ERROR_DECLARATION = /^\s*--\s*Error on (SQLite|PostgreSQL):\s*(.*?)\s*$/;
const ENGINE_BY_NAME: Record<string, TSqlEngine> = { SQLite: "sqlite", PostgreSQL: "postgres" };

/**
 * The errors a block declares, checked against its tag: each engine where the block must fail
 * needs exactly one declaration, and no other engine may have one. A block that fails on the
 * PostgreSQL server declares its error as PostgreSQL's.
 */
export function parseExpectedErrors(
  code: string,
  embedded: Record<TSqlEngine, TSqlExpectation>,
  server: TSqlExpectation = "skip",
): Partial<Record<TSqlEngine, string>> {
  const expect = { ...embedded, postgres: server === "error" ? "error" : embedded.postgres };
  const declared: Partial<Record<TSqlEngine, string>> = {};
  for (const line of code.split("\n")) {
    const match = ERROR_DECLARATION.exec(line);
    if (!match) continue;
    const engine = ENGINE_BY_NAME[match[1]!]!;
    const name = ENGINE_NAMES[engine];
    if (!match[2]) throw new SqlTagError(`"-- Error on ${name}:" needs the text of the expected error after the colon`);
    if (declared[engine] !== undefined) throw new SqlTagError(`declares the error on ${name} twice`);
    if (expect[engine] !== "error") {
      throw new SqlTagError(`declares an error on ${name}, but its tag says it ${expect[engine] === "ok" ? "runs" : "is not run"} there`);
    }
    declared[engine] = match[2];
  }
  for (const engine of ENGINES) {
    if (expect[engine] === "error" && declared[engine] === undefined) {
      const name = ENGINE_NAMES[engine];
      throw new SqlTagError(
        `fails on ${name} but does not say how: add a comment line "-- Error on ${name}: <part of the error message>"`,
      );
    }
  }
  return declared;
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** Every ```sql block of a markdown body, in order, parsed as the site parses it, for a track with these engines. */
export function sqlBlocks(markdown: string, engines: readonly TSqlEngine[] = ENGINES): TSqlBlock[] {
  const tree = parser.parse(markdown) as Root;
  const blocks: TSqlBlock[] = [];
  visit(tree, "code", (node: Code) => {
    if (node.lang !== "sql") return;
    const line = node.position?.start.line ?? 0;
    let tag: TSqlTag | null;
    let expectedErrors: Partial<Record<TSqlEngine, string>>;
    try {
      tag = parseSqlTag(node.meta);
      const problem = tagProblem(tag, engines);
      if (problem) throw new SqlTagError(problem);
      expectedErrors = parseExpectedErrors(node.value, expectationsOf(tag, engines), serverExpectationOf(tag, engines));
    } catch (error) {
      throw new SqlTagError(`sql block ${blocks.length + 1} (line ${line}): ${(error as Error).message}`);
    }
    const expect = expectationsOf(tag, engines);
    blocks.push({ index: blocks.length + 1, line, code: node.value, tag, expect, server: serverExpectationOf(tag, engines), expectedErrors });
  });
  return blocks;
}

/** The first line of a block that says something (skips blank lines), for messages. */
export function firstLine(code: string): string {
  return code.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
}

/** Where the checker runs blocks: an embedded engine, or a PostgreSQL server (`server` blocks). */
export type TSqlTarget = TSqlEngine | "server";

const TARGET_NAMES: Record<TSqlTarget, string> = { ...ENGINE_NAMES, server: "the PostgreSQL server" };

/** One engine as the checker needs it: run a block's text (several statements), then tidy up. */
export type TSqlSession = {
  engine: TSqlTarget;
  exec(sql: string): Promise<void>;
  /** After a block raised an error: end any transaction it left open, so later blocks run. */
  recover(): Promise<void>;
};

export type TSqlBlockResult = {
  block: TSqlBlock;
  engine: TSqlTarget;
  expected: TSqlExpectation;
  /** The engine's error message, or null if the block ran. Undefined when skipped. */
  error?: string | null;
  /** A sentence for the author when the block did not behave as tagged; null when it did. */
  problem: string | null;
};

/**
 * Runs the blocks in order in one session, as a learner pasting them one after another would, and
 * compares each outcome with the block's tag.
 */
export async function checkBlocks(session: TSqlSession, blocks: TSqlBlock[]): Promise<TSqlBlockResult[]> {
  const results: TSqlBlockResult[] = [];
  const target = session.engine;
  for (const block of blocks) {
    const expected = target === "server" ? block.server : block.expect[target];
    if (expected === "skip") {
      results.push({ block, engine: target, expected, problem: null });
      continue;
    }
    let error: string | null = null;
    try {
      await session.exec(block.code);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      await session.recover();
    }
    const name = TARGET_NAMES[target];
    const where = `sql block ${block.index} (line ${block.line}, "${firstLine(block.code)}")`;
    let problem: string | null = null;
    if (expected === "ok" && error !== null) {
      problem = `${where} failed on ${name}: ${error}`;
    } else if (expected === "error" && error === null) {
      problem = `${where} is tagged \`${block.tag}\` but ran without error on ${name}`;
    } else if (expected === "error" && error !== null) {
      const declared = block.expectedErrors[target === "server" ? "postgres" : target] ?? "";
      if (!error.toLowerCase().includes(declared.toLowerCase())) {
        problem = `${where} failed on ${name} with "${error}", not with the declared "${declared}"`;
      }
    }
    results.push({ block, engine: target, expected, error, problem });
  }
  return results;
}
