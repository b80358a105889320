import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyOptions } from "@/lib/testing/fast-check";
import { commandOf, splitStatements, type TSqlDialect } from "./sql-statements";

const texts = (sql: string, dialect: TSqlDialect = "postgres") => splitStatements(sql, dialect).map((s) => s.text);

describe("splitStatements", () => {
  it("splits on semicolons and keeps each statement's offsets in the whole text", () => {
    const sql = "SELECT 1;\n  SELECT 2 ;\nSELECT 3";
    const spans = splitStatements(sql, "sqlite");
    expect(spans).toEqual([
      { text: "SELECT 1;", start: 0, end: 9 },
      { text: "SELECT 2 ;", start: 12, end: 22 },
      { text: "SELECT 3", start: 23, end: 31 },
    ]);
    for (const s of spans) expect(sql.slice(s.start, s.end)).toBe(s.text);
  });

  it("drops empty statements and text that is only comments", () => {
    expect(texts(";;  ;\n-- nothing here\n/* nor here */")).toEqual([]);
    expect(texts("SELECT 1;;; -- trailing comment\n")).toEqual(["SELECT 1;"]);
  });

  it("starts a statement at its first token, leaving comments before it out", () => {
    expect(texts("-- Fails on PostgreSQL: text = integer\nSELECT 1; /* two */ SELECT 2;")).toEqual([
      "SELECT 1;",
      "SELECT 2;",
    ]);
    // a comment inside a statement stays in it
    expect(texts("SELECT 1 -- one; not a split\n + 1;")).toEqual(["SELECT 1 -- one; not a split\n + 1;"]);
  });

  it("ignores semicolons inside strings, quoted names and comments", () => {
    expect(texts("SELECT 'a;b', 'it''s;'; SELECT \"odd;name\" FROM t;")).toEqual([
      "SELECT 'a;b', 'it''s;';",
      'SELECT "odd;name" FROM t;',
    ]);
    expect(texts("SELECT 1 /* a; b */;SELECT 2")).toEqual(["SELECT 1 /* a; b */;", "SELECT 2"]);
  });

  it("reads E'' strings with backslash escapes on PostgreSQL only", () => {
    expect(texts("SELECT E'a\\';b'; SELECT 2;", "postgres")).toEqual(["SELECT E'a\\';b';", "SELECT 2;"]);
    // in a standard string (and on SQLite) a backslash is just a character
    expect(texts("SELECT 'a\\'; SELECT 2;", "postgres")).toEqual(["SELECT 'a\\';", "SELECT 2;"]);
    expect(texts("SELECT E'a\\'; SELECT 2;", "sqlite")).toEqual(["SELECT E'a\\';", "SELECT 2;"]);
    // a name ending in e before a quote is not an E'' prefix
    expect(texts("SELECT name'x'; SELECT 2;", "postgres")).toEqual(["SELECT name'x';", "SELECT 2;"]);
  });

  it("reads $tag$ dollar quotes on PostgreSQL, and $1 as a parameter", () => {
    const fn = "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; SELECT 2; $body$ LANGUAGE sql;";
    expect(texts(`${fn} SELECT f();`)).toEqual([fn, "SELECT f();"]);
    expect(texts("SELECT $$a;b$$; SELECT 2;")).toEqual(["SELECT $$a;b$$;", "SELECT 2;"]);
    expect(texts("SELECT $1; SELECT 2;")).toEqual(["SELECT $1;", "SELECT 2;"]);
    // on SQLite, $name is a parameter: no dollar quoting
    expect(texts("SELECT $a$; SELECT 2;", "sqlite")).toEqual(["SELECT $a$;", "SELECT 2;"]);
  });

  it("nests /* */ comments on PostgreSQL but not on SQLite, as each engine does", () => {
    expect(texts("SELECT 1 /* a /* b */ c; */; SELECT 2;", "postgres")).toEqual([
      "SELECT 1 /* a /* b */ c; */;",
      "SELECT 2;",
    ]);
    expect(texts("SELECT 1 /* a /* b */; SELECT 2;", "sqlite")).toEqual(["SELECT 1 /* a /* b */;", "SELECT 2;"]);
  });

  it("reads `` and [] quoted names on SQLite", () => {
    expect(texts("SELECT [a;b], `c;d` FROM t; SELECT 2;", "sqlite")).toEqual([
      "SELECT [a;b], `c;d` FROM t;",
      "SELECT 2;",
    ]);
  });

  it("keeps a SQLite trigger body in one statement, CASE … END inside it included", () => {
    const trigger = [
      "CREATE TEMP TRIGGER IF NOT EXISTS log_price AFTER UPDATE ON products",
      "BEGIN",
      "  INSERT INTO log VALUES (NEW.id, CASE WHEN NEW.price_cents > OLD.price_cents THEN 'up' ELSE 'down' END);",
      "  UPDATE products SET archived = FALSE WHERE id = NEW.id;",
      "END;",
    ].join("\n");
    expect(texts(`${trigger}\nSELECT 1;`, "sqlite")).toEqual([trigger, "SELECT 1;"]);
    // BEGIN as a transaction is a statement of its own
    expect(texts("BEGIN; SELECT 1; END;", "sqlite")).toEqual(["BEGIN;", "SELECT 1;", "END;"]);
  });

  it("keeps a PostgreSQL BEGIN ATOMIC body in one statement", () => {
    const fn =
      "CREATE OR REPLACE FUNCTION two() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;";
    expect(texts(`${fn} SELECT two();`)).toEqual([fn, "SELECT two();"]);
    expect(texts("BEGIN; SELECT 1; COMMIT;")).toEqual(["BEGIN;", "SELECT 1;", "COMMIT;"]);
  });

  it("keeps an unterminated string or comment to the end of the text", () => {
    expect(texts("SELECT 'open; SELECT 2;")).toEqual(["SELECT 'open; SELECT 2;"]);
    expect(texts("SELECT 1; SELECT /* open; x")).toEqual(["SELECT 1;", "SELECT /* open; x"]);
  });

  it("counts offsets in UTF-16 units", () => {
    const sql = "SELECT '😀'; SELECT 'é';";
    const spans = splitStatements(sql, "postgres");
    expect(spans.map((s) => [s.start, s.end])).toEqual([
      [0, 12],
      [13, 24],
    ]);
  });
});

// ── Properties ───────────────────────────────────────────────────────────────────────────────────

/** Pieces that may hold a `;` the splitter must not split on, per dialect. */
const piece = (dialect: TSqlDialect) =>
  fc.oneof(
    fc.constantFrom("SELECT", "x", "1", "+", "(", ")", ",", "FROM t", "WHERE", "a.b", "*", "=", "é", "😀"),
    fc.string({ maxLength: 8 }).map((s) => `'${s.replaceAll("'", "''")}'`),
    fc.string({ maxLength: 8 }).map((s) => `"${s.replaceAll('"', '""')}"`),
    fc.string({ maxLength: 8 }).map((s) => `/* ${s.replaceAll("*/", "").replaceAll("/*", "")} */`),
    fc.string({ maxLength: 8 }).map((s) => `-- ${s.replaceAll("\n", " ").replaceAll("\r", " ")}\n`),
    ...(dialect === "postgres"
      ? [fc.string({ maxLength: 8 }).map((s) => `$q$${s.replaceAll("$", "")}$q$`)]
      : [fc.string({ maxLength: 8 }).map((s) => `[${s.replaceAll("]", "")}]`)]),
  );

/** A statement that starts with a word (never a comment) so its text is predictable. */
const statement = (dialect: TSqlDialect) =>
  fc.array(piece(dialect), { maxLength: 8 }).map((parts) => `SELECT ${parts.join(" ")}`.trimEnd());

describe("splitStatements (properties)", () => {
  for (const dialect of ["sqlite", "postgres"] as const) {
    it(`${dialect}: joined statements split back into the same statements`, () => {
      fc.assert(
        fc.property(
          fc.array(statement(dialect), { minLength: 1, maxLength: 6 }),
          fc.constantFrom(";", ";\n", " ;\n\n", ";  -- end\n"),
          (stmts, sep) => {
            // a statement ending in a -- comment needs its newline before the `;`
            const closed = stmts.map((s) => (/--[^\n]*$/.test(s) ? `${s}\n` : s));
            const sql = closed.map((s) => s + sep).join("");
            const spans = splitStatements(sql, dialect);
            expect(spans.map((s) => s.text)).toEqual(closed.map((s) => `${s}${sep.startsWith(" ;") ? " ;" : ";"}`));
          },
        ),
        propertyOptions(),
      );
    });

    it(`${dialect}: any text gives ordered, non-empty spans that are slices of it`, () => {
      fc.assert(
        fc.property(
          fc.string({
            maxLength: 80,
            unit: fc.constantFrom("a", ";", "'", '"', "-", "/", "*", "$", "\n", " ", "[", "]", "`", "e", "\\"),
          }),
          (sql) => {
            const spans = splitStatements(sql, dialect);
            let last = 0;
            for (const s of spans) {
              expect(s.start).toBeGreaterThanOrEqual(last);
              expect(s.end).toBeGreaterThan(s.start);
              expect(sql.slice(s.start, s.end)).toBe(s.text);
              expect(s.text.trim()).toBe(s.text);
              last = s.end;
            }
          },
        ),
        propertyOptions(),
      );
    });
  }
});

describe("commandOf", () => {
  it.each([
    ["CREATE TABLE t (id INT)", "CREATE TABLE"],
    ["create unique index i on t(x)", "CREATE INDEX"],
    ["CREATE OR REPLACE VIEW v AS SELECT 1", "CREATE VIEW"],
    ["CREATE MATERIALIZED VIEW m AS SELECT 1", "CREATE MATERIALIZED VIEW"],
    ["DROP TABLE IF EXISTS t", "DROP TABLE"],
    ["-- note\nINSERT INTO t VALUES (1)", "INSERT"],
    ["ROLLBACK TO SAVEPOINT s", "ROLLBACK TO SAVEPOINT"],
    ["ROLLBACK", "ROLLBACK"],
    ["END", "COMMIT"],
    ["START TRANSACTION", "BEGIN"],
    ["WITH x AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM x)", "DELETE"],
    ["WITH x AS (INSERT INTO t VALUES (1) RETURNING id) UPDATE u SET n = 1", "UPDATE"],
    ["SAVEPOINT s", "SAVEPOINT"],
    // objects of several words keep them all, as psql's command tags do
    ["ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting", "ALTER DEFAULT PRIVILEGES"],
    ["DROP MATERIALIZED VIEW IF EXISTS m", "DROP MATERIALIZED VIEW"],
    ["ALTER MATERIALIZED VIEW m RENAME TO n", "ALTER MATERIALIZED VIEW"],
    ["CREATE FOREIGN TABLE f (id int) SERVER s", "CREATE FOREIGN TABLE"],
    ["CREATE FOREIGN DATA WRAPPER w", "CREATE FOREIGN DATA WRAPPER"],
    ["CREATE TEXT SEARCH CONFIGURATION c (COPY = english)", "CREATE TEXT SEARCH CONFIGURATION"],
    ["CREATE CONSTRAINT TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()", "CREATE TRIGGER"],
    ["CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'", "CREATE FUNCTION"],
    ["", "STATEMENT"],
  ])("%s -> %s", (sql, command) => {
    expect(commandOf(sql)).toBe(command);
  });
});
