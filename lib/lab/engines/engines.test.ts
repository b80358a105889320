import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TLabDatabase, TLabEngine, TStatementResult } from "../types";
import { postgresForNode, postgresImage, sqliteForNode } from "./node";

/**
 * The two adapters on real engines (SQLite Wasm and PGlite), loaded with the shop dataset: rows,
 * "n rows affected", several statements, an error in the middle with later statements still
 * running, the transactions lesson's savepoint example, and where errors are.
 */
const SHOP = fs.readFileSync(path.resolve(import.meta.dirname, "../../../content/sql/datasets/shop.sql"), "utf8");

const dbs = {} as Record<TLabEngine, TLabDatabase>;
beforeAll(async () => {
  const [sqlite, postgres] = await Promise.all([
    sqliteForNode(SHOP),
    postgresImage(SHOP).then((image) => postgresForNode(image)),
  ]);
  dbs.sqlite = sqlite;
  dbs.postgres = postgres;
}, 120_000);
afterAll(async () => {
  await Promise.all(Object.values(dbs).map((db) => db?.close()));
});

/** What a result says, without timings. */
function shape(r: TStatementResult) {
  const { ms: _ms, ...rest } = r;
  return rest;
}

describe.each(["sqlite", "postgres"] as const)("%s adapter", (engine) => {
  const run = (sql: string, stopAfterError?: boolean) => dbs[engine].run(sql, { stopAfterError });

  it("returns rows with column names, values converted, and the statement's place in the text", async () => {
    const sql = "SELECT id, name, city FROM customers WHERE id IN (3, 7) ORDER BY id;";
    const [r] = await run(sql);
    expect(shape(r!)).toEqual({
      kind: "rows",
      columns: ["id", "name", "city"],
      rows: [
        [3, "Chen Wei", null],
        [7, "Gustav Berg", "Oslo"],
      ],
      sql,
      start: 0,
      end: sql.length,
    });
    expect(r!.ms).toBeGreaterThanOrEqual(0);
  });

  it("returns an empty result set as rows, not as a change", async () => {
    const [r] = await run("SELECT id FROM customers WHERE id = 99");
    expect(shape(r!)).toMatchObject({ kind: "rows", columns: ["id"], rows: [] });
  });

  it("reports rows affected by INSERT/UPDATE/DELETE, and a command for DDL and transaction control", async () => {
    const results = await run(
      [
        "BEGIN;",
        "CREATE TABLE scratch (id INTEGER PRIMARY KEY, v TEXT);",
        "INSERT INTO scratch (id, v) VALUES (1, 'a'), (2, 'b'), (3, 'c');",
        "UPDATE scratch SET v = 'z' WHERE id >= 2;",
        "DELETE FROM scratch WHERE id = 99;",
        "ROLLBACK;",
      ].join("\n"),
    );
    expect(results.map((r) => (r.kind === "changes" ? [r.command, r.rowsAffected] : r.kind))).toEqual([
      ["BEGIN", 0],
      ["CREATE TABLE", 0],
      ["INSERT", 3],
      ["UPDATE", 2],
      ["DELETE", 0],
      ["ROLLBACK", 0],
    ]);
  });

  it("keeps running after an error, and locates the error in the whole text", async () => {
    const sql = "SELECT COUNT(*) AS n FROM orders;\nSELECT nme FROM customers;\nSELECT COUNT(*) AS n FROM products;";
    const results = await run(sql);
    expect(results.map((r) => r.kind)).toEqual(["rows", "error", "rows"]);
    const [first, error, last] = results;
    expect(first).toMatchObject({ rows: [[12]] });
    expect(last).toMatchObject({ rows: [[10]] });
    expect(error).toMatchObject({ kind: "error", sql: "SELECT nme FROM customers;", start: 34, end: 60 });
    if (error!.kind !== "error") throw new Error("expected an error");
    expect(error!.message).toMatch(/nme/);
    // both engines point at the unknown column
    expect(error!.position).toBe(sql.indexOf("nme"));
  });

  it("stops after the first error when asked to", async () => {
    const results = await run("SELECT 1; SELECT FROM WHERE; SELECT 3;", true);
    expect(results.map((r) => r.kind)).toEqual(["rows", "error"]);
  });

  it("locates a syntax error, counting UTF-16 units after non-ASCII text", async () => {
    const sql = "SELECT 'café 😀' AS x;\nSELECT 1 FROM FROM customers;";
    const results = await run(sql);
    expect(results.map((r) => r.kind)).toEqual(["rows", "error"]);
    expect(results[0]).toMatchObject({ rows: [["café 😀"]] });
    const error = results[1]!;
    if (error.kind !== "error") throw new Error("expected an error");
    // both name the second FROM
    expect(error.position).toBe(sql.lastIndexOf("FROM"));
    expect(error.start).toBe(sql.indexOf("SELECT 1"));
  });

  it("runs the transactions lesson's savepoint example: the failed INSERT is undone, the UPDATE kept until ROLLBACK", async () => {
    const results = await run(
      [
        "BEGIN;",
        "UPDATE products SET price_cents = 1099 WHERE id = 4;",
        "SAVEPOINT before_insert;",
        "-- fails: duplicate primary key",
        "INSERT INTO products (id, name, category, price_cents) VALUES (4, 'USB-C Cable 2m', 'electronics', 1299);",
        "ROLLBACK TO SAVEPOINT before_insert;",
        "SELECT price_cents FROM products WHERE id = 4;   -- 1099 in both engines",
        "RELEASE SAVEPOINT before_insert;",
        "ROLLBACK;",
        "SELECT price_cents FROM products WHERE id = 4;",
      ].join("\n"),
    );
    expect(results.map((r) => r.kind)).toEqual([
      "changes",
      "changes",
      "changes",
      "error",
      "changes",
      "rows",
      "changes",
      "changes",
      "rows",
    ]);
    expect(results[1]).toMatchObject({ command: "UPDATE", rowsAffected: 1 });
    const insert = results[3]!;
    if (insert.kind !== "error") throw new Error("expected an error");
    expect(insert.sql.startsWith("INSERT INTO products")).toBe(true);
    expect(insert.message).toMatch(
      engine === "sqlite"
        ? /UNIQUE constraint failed: products\.id/
        : /duplicate key value violates unique constraint "products_pkey"/,
    );
    expect(results[4]).toMatchObject({ command: "ROLLBACK TO SAVEPOINT" });
    expect(results[5]).toMatchObject({ rows: [[1099]] });
    expect(results[8]).toMatchObject({ rows: [[999]] });
  });

  it("shows what each engine does after an error inside a transaction (the lesson's `fails` block)", async () => {
    const results = await run(
      [
        "BEGIN;",
        "UPDATE products SET price_cents = 1099 WHERE id = 4;",
        "INSERT INTO products (id, name, category, price_cents) VALUES (4, 'USB-C Cable 2m', 'electronics', 1299);",
        "SELECT price_cents FROM products WHERE id = 4;",
        "COMMIT;",
        "SELECT price_cents FROM products WHERE id = 4;",
        "UPDATE products SET price_cents = 999 WHERE id = 4;",
      ].join("\n"),
    );
    if (engine === "postgres") {
      expect(results.map((r) => r.kind)).toEqual([
        "changes",
        "changes",
        "error",
        "error",
        "changes",
        "rows",
        "changes",
      ]);
      expect(results[3]).toMatchObject({ message: expect.stringMatching(/current transaction is aborted/) });
      expect(results[5]).toMatchObject({ rows: [[999]] });
    } else {
      expect(results.map((r) => r.kind)).toEqual(["changes", "changes", "error", "rows", "changes", "rows", "changes"]);
      expect(results[3]).toMatchObject({ rows: [[1099]] });
      expect(results[5]).toMatchObject({ rows: [[1099]] });
    }
  });

  it("gives dates and exact numbers as text, booleans as the engine stores them", async () => {
    const [r] = await run(
      "SELECT created_at, archived, price_cents / 100.0 AS price FROM customers JOIN products ON products.id = customers.id WHERE customers.id = 1;",
    );
    if (r!.kind !== "rows") throw new Error("expected rows");
    const [createdAt, archived, price] = r!.rows[0]!;
    expect(createdAt).toBe("2025-11-03");
    if (engine === "postgres") {
      expect(archived).toBe(false);
      expect(price).toBe("19.9900000000000000");
    } else {
      expect(archived).toBe(0);
      expect(price).toBe(19.99);
    }
  });

  it("keeps two columns of the same name apart", async () => {
    const [r] = await run("SELECT o.id, c.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = 4;");
    expect(r).toMatchObject({ columns: ["id", "id"], rows: [[4, 3]] });
  });

  it("returns nothing for text that holds no statement", async () => {
    expect(await run("  -- only a comment\n/* and another */  ")).toEqual([]);
  });
});

describe("sqlite adapter: SQLite specifics", () => {
  it("runs a trigger whose body holds several statements", async () => {
    const results = await dbs.sqlite.run(
      [
        "CREATE TEMP TABLE price_log (product_id INTEGER, direction TEXT);",
        "CREATE TEMP TRIGGER log_price AFTER UPDATE OF price_cents ON products",
        "BEGIN",
        "  INSERT INTO price_log VALUES (NEW.id, CASE WHEN NEW.price_cents > OLD.price_cents THEN 'up' ELSE 'down' END);",
        "END;",
        "UPDATE products SET price_cents = price_cents + 1 WHERE id = 1;",
        "UPDATE products SET price_cents = price_cents - 1 WHERE id = 1;",
        "SELECT direction FROM price_log ORDER BY rowid;",
        "DROP TABLE price_log;",
      ].join("\n"),
    );
    expect(results.map((r) => r.kind)).toEqual(["changes", "changes", "changes", "changes", "rows", "changes"]);
    expect(results[1]).toMatchObject({ command: "CREATE TRIGGER" });
    expect(results[2]).toMatchObject({ rowsAffected: 1 });
    expect(results[4]).toMatchObject({ rows: [["up"], ["down"]] });
  });

  it("gives blobs as X'…' text and large integers as text", async () => {
    const [r] = await dbs.sqlite.run("SELECT X'0aff', 9007199254740993, 42;");
    expect(r).toMatchObject({ rows: [["X'0AFF'", "9007199254740993", 42]] });
  });
});

describe("postgres adapter: PostgreSQL specifics", () => {
  it("runs a function whose dollar-quoted body holds semicolons", async () => {
    const results = await dbs.postgres.run(
      "CREATE FUNCTION pg_temp.twice(x int) RETURNS int AS $$ SELECT x * 2; $$ LANGUAGE sql;\nSELECT pg_temp.twice(21) AS answer;",
    );
    expect(results.map((r) => r.kind)).toEqual(["changes", "rows"]);
    expect(results[0]).toMatchObject({ command: "CREATE FUNCTION" });
    expect(results[1]).toMatchObject({ columns: ["answer"], rows: [[42]] });
  });

  it("gives int8 as a number while exact, and arrays, json and timestamps as PostgreSQL prints them", async () => {
    const [r] = await dbs.postgres.run(
      "SELECT COUNT(*), 9007199254740993::int8, ARRAY[1, 2], '{\"a\": 1}'::jsonb, TIMESTAMP '2026-01-02 03:04:05', DATE '2026-01-02' + 1;",
    );
    expect(r).toMatchObject({
      rows: [[1, "9007199254740993", "{1,2}", '{"a": 1}', "2026-01-02 03:04:05", "2026-01-03"]],
    });
  });
});
