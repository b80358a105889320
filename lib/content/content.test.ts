import path from "node:path";
import { describe, expect, it } from "vitest";
import { search } from "@/lib/domain/search";
import { catalogTracks } from "./catalog";
import { searchDocuments } from "./index";
import { currentVersion, loadContent } from "./load";

/** The real content must load and validate: a broken lesson file fails `npm test` here. */
describe("content/", () => {
  const tracks = loadContent(path.resolve(import.meta.dirname, "../../content"));

  it("has the SQL track with 36 ordered steps and migrations-basics at step 31", () => {
    const sql = tracks.find((t) => t.slug === "sql")!;
    expect(sql.lessons).toHaveLength(36);
    const migrations = sql.lessons[30]!;
    expect(migrations.folder).toBe("migrations-basics");
    expect(migrations.step).toBe(31);
    expect(migrations.versions.map((v) => v.version)).toEqual(["v20260312", "v20260528", "v20261202"]);
  });

  it("has at least six lessons written in full", () => {
    const written = tracks.flatMap((t) => t.lessons).filter((l) => l.versions.length > 0);
    expect(written.length).toBeGreaterThanOrEqual(6);
  });

  // Issue 12: steps 1–12 of the SQL track carry exercises; later steps follow in the content issue.
  it("gives each sql_sandbox lesson of SQL steps 1–12 three exercises on both engines, one of them medium or hard", () => {
    const sql = tracks.find((t) => t.slug === "sql")!;
    const missing = sql.lessons
      .filter((l) => l.step <= 12 && currentVersion(l)?.mode === "sql_sandbox")
      .flatMap((l) => {
        const both = l.exercises.filter((x) => x.engines.includes("sqlite") && x.engines.includes("postgres"));
        const problems = [];
        if (both.length < 3) problems.push(`${l.folder}: ${both.length} exercises on both engines, needs 3`);
        if (!l.exercises.some((x) => x.difficulty !== "easy")) problems.push(`${l.folder}: no medium or hard exercise`);
        return problems;
      });
    expect(missing).toEqual([]);
  });

  // Issue 15: every later step too, with a hard one; a task about one engine's catalog or functions counts for that
  // engine. The hard one may be engine-specific (isolation-levels' queue claim needs PostgreSQL's SKIP LOCKED).
  it("gives each sql_sandbox lesson of SQL steps 13–36 three exercises on each engine, and a hard one", () => {
    const sql = tracks.find((t) => t.slug === "sql")!;
    const missing = sql.lessons
      .filter((l) => l.step >= 13 && currentVersion(l)?.mode === "sql_sandbox")
      .flatMap((l) =>
        (["sqlite", "postgres"] as const).flatMap((engine) => {
          const on = l.exercises.filter((x) => x.engines.includes(engine));
          const problems = [];
          if (on.length < 3) problems.push(`${l.folder}: ${on.length} exercises on ${engine}, needs 3`);
          return problems;
        }).concat(l.exercises.some((x) => x.difficulty === "hard") ? [] : [`${l.folder}: no hard exercise`]),
      );
    expect(missing).toEqual([]);
  });

  it("splits the SQL track into parts, each closed by a capstone of 3 to 5 exercises on both engines, one of them hard", () => {
    const sql = tracks.find((t) => t.slug === "sql")!;
    expect(sql.parts.flatMap((p) => p.lessons)).toEqual(sql.lessons.map((l) => l.folder));
    for (const part of sql.parts) {
      const exercises = part.capstone?.exercises ?? [];
      expect(exercises.length, `capstones/${part.slug}.yaml`).toBeGreaterThanOrEqual(3);
      expect(exercises.length, `capstones/${part.slug}.yaml`).toBeLessThanOrEqual(5);
      expect(exercises.every((x) => x.engines.length === 2), `capstones/${part.slug}.yaml: both engines`).toBe(true);
      expect(exercises.some((x) => x.difficulty === "hard"), `capstones/${part.slug}.yaml: a hard exercise`).toBe(true);
    }
  });

  // Issue 15: the PostgreSQL track runs on PGlite only, and every lesson with a lab has practice.
  it("has the PostgreSQL track on PostgreSQL only, and gives each of its sql_sandbox lessons three exercises, one of them hard", () => {
    const pg = tracks.find((t) => t.slug === "postgresql")!;
    expect(pg.title).toBe("PostgreSQL in practice");
    expect(pg.engines).toEqual(["postgres"]);
    const missing = pg.lessons
      .filter((l) => currentVersion(l)?.mode === "sql_sandbox")
      .flatMap((l) => {
        const problems = [];
        if (l.exercises.length < 3) problems.push(`${l.folder}: ${l.exercises.length} exercises, needs 3`);
        if (!l.exercises.some((x) => x.difficulty === "hard")) problems.push(`${l.folder}: no hard exercise`);
        if (l.exercises.some((x) => x.engines.join() !== "postgres")) problems.push(`${l.folder}: an exercise not on PostgreSQL alone`);
        return problems;
      });
    expect(missing).toEqual([]);
  });

  it("lists the tracks in track.yaml order, SQL first, and search and the catalog see both", () => {
    expect(tracks.map((t) => t.slug)).toEqual(["sql", "postgresql"]);
    expect(catalogTracks().map((t) => [t.slug, t.lessonCount])).toEqual([
      ["sql", 36],
      ["postgresql", 12],
    ]);
    const found = new Set(search(searchDocuments(), "index", 100).map((h) => h.key.split("/")[0]));
    expect(found).toEqual(new Set(["sql", "postgresql"]));
    expect(search(searchDocuments(), "containment jsonb").map((h) => h.key)).toContain("postgresql/jsonb-and-arrays");
  });

  it("gives every lesson a unique stable id", () => {
    const ids = tracks.flatMap((t) => t.lessons.map((l) => l.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
