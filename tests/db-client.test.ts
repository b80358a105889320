import { describe, expect, it } from "vitest";
import { databaseKind, databaseReady, db, statementName } from "@/lib/db/client";

describe("the database client", () => {
  it.runIf(process.env.DATABASE_URL)("on PostgreSQL, statements run as named prepared statements on the pooled connection", async () => {
    await databaseReady();
    expect(databaseKind()).toBe("postgresql");
    const rows = await db().$queryRaw<{ name: string }[]>`SELECT name FROM pg_prepared_statements WHERE name LIKE 'lnv\\_%'`;
    // the query above was itself prepared under its name before it ran
    expect(rows.length).toBeGreaterThan(0);
    const again = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'lnv\\_%'`;
    expect(again[0]!.n).toBeGreaterThan(0);
  });

  // last: it fills the process's cap
  it("names each SQL text's prepared statement once, by its hash, and stops naming after the cap", () => {
    const a = statementName("SELECT 1 /* a */");
    expect(a).toMatch(/^lnv_[0-9a-f]{24}$/);
    expect(statementName("SELECT 1 /* a */")).toBe(a);
    expect(statementName("SELECT 1 /* b */")).not.toBe(a);
    let last: string | undefined = "";
    for (let i = 0; i < 1100 && last !== undefined; i++) last = statementName(`SELECT ${i} /* cap */`);
    expect(last).toBeUndefined(); // past the cap: sent unnamed
    expect(statementName("SELECT 1 /* a */")).toBe(a); // names already given keep working
  });
});
