import { describe, expect, it, vi } from "vitest";

describe("GET /api/health with the database down", () => {
  it("answers 503 with a JSON error and no internals", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/nothing");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toEqual({
      status: "unavailable",
      error: { code: "DATABASE_UNAVAILABLE", message: "The database cannot be reached." },
    });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(errors).toHaveBeenCalled();
  });
});
