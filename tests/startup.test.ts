import { describe, expect, it } from "vitest";
import { runNode } from "./helpers/env";

/** `npm start` must refuse a bad configuration with one line, a non-zero exit and no stack trace. */
describe("npm start refuses bad configuration", () => {
  it("DATABASE_URL pointing at nothing", () => {
    const r = runNode(["scripts/start.mjs"], {
      DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing",
      AUTH_SECRET: "x".repeat(32),
      APP_URL: "https://learn.example",
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^npm start: cannot reach PostgreSQL at 127\.0\.0\.1:1\/nothing/);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
  });

  it("production database without AUTH_SECRET names the variable", () => {
    const r = runNode(["scripts/start.mjs"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing", AUTH_SECRET: "" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/AUTH_SECRET is not set/);
  });

  it("DATABASE_URL that is not a PostgreSQL URL", () => {
    const r = runNode(["scripts/start.mjs"], { DATABASE_URL: "mysql://x@127.0.0.1/db", AUTH_SECRET: "x".repeat(32), APP_URL: "https://learn.example" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/DATABASE_URL must start with postgres:\/\//);
  });

  it("production database without APP_URL names the variable (links in mail come only from it)", () => {
    const r = runNode(["scripts/start.mjs"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing", AUTH_SECRET: "x".repeat(32), APP_URL: "" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^npm start: APP_URL is not set/);
  });

  it("an APP_URL with a path, or a TRUSTED_PROXIES it cannot read, names the variable", () => {
    const path = runNode(["scripts/start.mjs"], { DATABASE_URL: "", APP_URL: "https://learn.example/app", TRUSTED_PROXIES: "" });
    expect(path.status).toBe(1);
    expect(path.stderr.trim().split("\n")).toHaveLength(1);
    expect(path.stderr).toMatch(/APP_URL must be an origin only/);
    const proxies = runNode(["scripts/start.mjs"], { DATABASE_URL: "", APP_URL: "", TRUSTED_PROXIES: "nginx" });
    expect(proxies.status).toBe(1);
    expect(proxies.stderr.trim().split("\n")).toHaveLength(1);
    expect(proxies.stderr).toMatch(/TRUSTED_PROXIES: "nginx" is not an address/);
  });
});
