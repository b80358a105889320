import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { migrationNames } from "./helpers/env";

describe("GET /api/health", () => {
  it("reports the database kind and the applied migrations", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toEqual({
      status: "ok",
      db: process.env.DATABASE_URL ? "postgresql" : "pglite",
      migrations: { applied: migrationNames().length, latest: migrationNames().at(-1) },
    });
  });
});
