import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import initSqlJs from "sql.js";
import { describe, expect, it } from "vitest";
import { loadContent } from "./load";

/**
 * Every dataset under content/<track>/datasets/ must run unchanged on the track's engines
 * (docs/CONTENT.md): on a track with both, SQLite and PostgreSQL must give the same tables with the
 * same rows, since the lessons quote numbers from them and the SQL lab loads them. A dataset's
 * hidden variant (<name>.variant.sql, run after <name>.sql to grade exercises) must do the same,
 * and must change the data. SQLite here is sql.js (SQLite compiled to wasm); PostgreSQL is PGlite.
 * A PostgreSQL-only track (track.yaml `engines: [postgres]`) is checked on PGlite alone.
 */
const CONTENT = path.resolve(import.meta.dirname, "../../content");
const datasets = loadContent(CONTENT).flatMap((track) =>
  track.datasets.map((d) => ({ file: path.join(track.slug, "datasets", `${d.name}.sql`), engines: track.engines })),
);

type Snapshot = Record<string, string[]>;

/** One value as text: booleans as 0/1 (SQLite stores TRUE as 1), dates as ISO text. */
function normalise(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  // PGlite parses DATE to a Date at midnight UTC; SQLite keeps the literal 'YYYY-MM-DD'
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, "");
  // jsonb and arrays (PostgreSQL-only datasets)
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Every table's rows as sorted lines of normalised values. */
async function inPostgres(sql: string): Promise<Snapshot> {
  const pg = new PGlite();
  try {
    await pg.exec(sql);
    const tables = await pg.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    const out: Snapshot = {};
    for (const { table_name } of tables.rows) {
      const rows = await pg.query<Record<string, unknown>>(`SELECT * FROM "${table_name}"`);
      out[table_name] = rows.rows.map((r) => Object.values(r).map(normalise).join("|")).sort();
    }
    return out;
  } finally {
    await pg.close();
  }
}

async function inSqlite(sql: string): Promise<Snapshot> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.exec(sql);
    const names = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values.map((v) => String(v[0])) ?? [];
    const out: Snapshot = {};
    for (const name of names) {
      const result = db.exec(`SELECT * FROM "${name}"`)[0];
      out[name] = (result?.values ?? []).map((r) => r.map(normalise).join("|")).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

describe("datasets", () => {
  it("exist", () => {
    expect(datasets.length).toBeGreaterThan(0);
  });

  for (const { file, engines } of datasets) {
    const variantFile = path.join(CONTENT, file.replace(/\.sql$/, ".variant.sql"));
    const hasVariant = fs.existsSync(variantFile);
    const read = () => fs.readFileSync(path.join(CONTENT, file), "utf8");
    const withVariant = () => `${read()}\n;\n${fs.readFileSync(variantFile, "utf8")}`;

    if (engines.includes("sqlite")) {
      it(`${file} runs unchanged on SQLite and PostgreSQL and gives the same rows`, async () => {
        const sql = read();
        const [sqlite, postgres] = await Promise.all([inSqlite(sql), inPostgres(sql)]);
        expect(Object.keys(sqlite).length).toBeGreaterThan(0);
        expect(Object.values(sqlite).every((rows) => rows.length > 0)).toBe(true);
        expect(sqlite).toEqual(postgres);
      }, 60_000);

      if (hasVariant) {
        it(`${file} with its hidden variant runs on both engines, gives the same rows, and differs from the dataset`, async () => {
          const [sqlite, postgres, original] = await Promise.all([inSqlite(withVariant()), inPostgres(withVariant()), inSqlite(read())]);
          expect(sqlite).toEqual(postgres);
          expect(Object.keys(sqlite)).toEqual(Object.keys(original));
          expect(sqlite).not.toEqual(original);
        }, 60_000);
      }
    } else {
      it(`${file} runs on PostgreSQL (PGlite) and fills every table; with its hidden variant it differs`, async () => {
        const [original, variant] = await Promise.all([inPostgres(read()), hasVariant ? inPostgres(withVariant()) : null]);
        expect(Object.keys(original).length).toBeGreaterThan(0);
        expect(Object.entries(original).filter(([, rows]) => rows.length === 0).map(([t]) => t), "empty tables").toEqual([]);
        if (variant) {
          expect(Object.keys(variant)).toEqual(Object.keys(original));
          expect(variant).not.toEqual(original);
        }
      }, 120_000);
    }
  }
});
