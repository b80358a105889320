import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "./load";

/** The real content must load and validate: a broken lesson file fails `npm test` here. */
describe("content/", () => {
  const tracks = loadContent(path.resolve(import.meta.dirname, "../../content"));

  it("has the SQL track with 36 ordered steps and migrations-basics at step 31", () => {
    const sql = tracks.find((t) => t.slug === "sql")!;
    expect(sql.lessons).toHaveLength(36);
    const migrations = sql.lessons[30]!;
    expect(migrations.folder).toBe("migrations-basics");
    expect(migrations.step).toBe(31);
    expect(migrations.versions.map((v) => v.version)).toEqual(["v20260312", "v20260528"]);
  });

  it("has at least six lessons written in full", () => {
    const written = tracks.flatMap((t) => t.lessons).filter((l) => l.versions.length > 0);
    expect(written.length).toBeGreaterThanOrEqual(6);
  });

  it("gives every lesson a unique stable id", () => {
    const ids = tracks.flatMap((t) => t.lessons.map((l) => l.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
