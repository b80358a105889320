import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper without types
import { createTestDatabase, dropTestDatabase } from "../../scripts/lib/testdb.mjs";
// @ts-expect-error plain ESM helper without types
import { startTopology } from "../../scripts/lib/topology.mjs";
import { Client, mutation, signUp } from "./helpers";

/**
 * Issue 16, item 1: the production topology (deploy/nginx.conf.template, scripts/lib/topology.mjs):
 * nginx in front of two app instances on one PostgreSQL database. Whatever one instance does, the
 * other sees: nothing lives in an instance but its caches of immutable things.
 */
type Topology = {
  origin: string;
  outbox: string;
  freshSeconds: number;
  instances: { origin: string }[];
  restarts: number[];
  kill(index: number, signal?: string): void;
  waitForInstance(index: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

const BASE = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.RELIABILITY_PORT ?? 5100);
const WHAT_IS_SQL = "5579713f-b343-4292-bf07-f28fcda488bd";
const root = path.resolve(import.meta.dirname, "../..");

let topology: Topology;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createTestDatabase(BASE, "topo");
  const migrated = spawnSync(process.execPath, ["--experimental-wasm-modules", "--no-warnings", "scripts/migrate.mjs", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  expect(migrated.status, migrated.stderr).toBe(0);
  topology = await startTopology({
    instances: 2,
    databaseUrl,
    port: PORT,
    dir: fs.mkdtempSync(path.join(os.tmpdir(), "lnv-topology-")),
    freshSeconds: 3,
  });
}, 240_000);

afterAll(async () => {
  await topology?.stop();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

describe("two app instances on one database behind nginx", () => {
  it("progress written through A reads back through B", async () => {
    const a = new Client(topology.instances[0]!.origin);
    await signUp(a, topology.outbox);
    const write = await a.post("/api/v1/progress/sync", { mutations: [mutation(WHAT_IS_SQL, { kind: "confidence", rating: 4 })] });
    expect(write.status, write.text).toBe(200);
    const b = a.at(topology.instances[1]!.origin);
    const read = await b.get("/api/v1/progress");
    expect(read.status).toBe(200);
    expect(read.json.lessons.find((l: { lessonId: string }) => l.lessonId === WHAT_IS_SQL)).toMatchObject({ confidence: 4 });
  });

  it("a session made on A works on B, and signing out on B ends it on A", async () => {
    const a = new Client(topology.instances[0]!.origin);
    const user = await signUp(a, topology.outbox);
    const b = a.at(topology.instances[1]!.origin);
    expect((await b.get("/api/v1/me")).json.user?.email).toBe(user.email);
    const cookies = new Map(a.cookies);
    expect((await b.post("/api/v1/auth/sign-out", {})).status).toBe(200);
    const replay = new Client(topology.instances[0]!.origin, a.ip);
    replay.cookies = cookies;
    expect((await replay.get("/api/v1/me/export")).status).toBe(401);
  });

  it("a rate limit reached on A holds on B", async () => {
    const a = new Client(topology.instances[0]!.origin);
    for (let i = 0; i < 5; i++) {
      const res = await a.post("/api/v1/auth/sign-in", { email: `nobody-${i}-${a.ip}@reliability.test`, password: "wrong-password-1" });
      expect(res.status).toBe(401);
    }
    const b = new Client(topology.instances[1]!.origin, a.ip);
    const sixth = await b.post("/api/v1/auth/sign-in", { email: `nobody-6-${a.ip}@reliability.test`, password: "wrong-password-1" });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("nginx serves pages from its cache, build files and lab files from disk, and the API from the instances", async () => {
    const nginx = new Client(topology.origin);
    const first = await nginx.get("/tracks/sql/what-is-sql");
    expect(first.status).toBe(200);
    const second = await nginx.get("/tracks/sql/what-is-sql");
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(second.text).toBe(first.text);
    const chunk = /\/_next\/static\/[^"]+\.js/.exec(first.text)![0];
    const js = await nginx.get(chunk);
    expect(js.status).toBe(200);
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const api = await nginx.get("/api/v1/me");
    expect(api.headers.get("x-cache")).toBeNull();
    expect(api.json).toEqual({ user: null });
  });

  it("a post made on A appears in the lesson's page through nginx's cache within the stated window, for readers without JavaScript", async () => {
    const a = new Client(topology.instances[0]!.origin);
    await signUp(a, topology.outbox);
    const nginx = new Client(topology.origin);
    const page = "/tracks/sql/what-is-sql";
    const before = await nginx.get(page);
    expect(before.status).toBe(200);
    expect(before.text).toContain("Past discussion is visible to everyone");
    const title = `Does ORDER BY come last? ${Date.now()}`;
    const posted = await a.post(`/api/v1/lessons/${WHAT_IS_SQL}/threads`, { title, body: "Asking for a friend." });
    expect(posted.status, posted.text).toBe(201);
    const postedAt = Date.now();
    // the window deploy/nginx.conf.template states: the page's freshness plus an instance's 2 s re-read
    const windowMs = (topology.freshSeconds + 2) * 1000;
    let seenAt = 0;
    await expect
      .poll(
        async () => {
          const res = await nginx.get(page);
          if (res.text.includes(title.replace(/\?/g, "?"))) seenAt ||= Date.now();
          return seenAt > 0;
        },
        { timeout: windowMs + 3000, interval: 200 },
      )
      .toBe(true);
    console.log(`new thread in the cached page after ${seenAt - postedAt} ms (window ${windowMs} ms)`);
    expect(seenAt - postedAt).toBeLessThanOrEqual(windowMs + 500);
    // the same bytes for everyone: a signed-in reader gets the cached page too
    const signedIn = await a.at(topology.origin).get(page);
    expect(signedIn.headers.get("x-cache")).toMatch(/HIT|STALE|UPDATING/);
  });

  it("an instance that dies is started again, and nginx routes around it meanwhile", async () => {
    const before = topology.restarts[0]!;
    topology.kill(0, "SIGKILL");
    const nginx = new Client(topology.origin);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await nginx.get("/api/v1/tracks")).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await expect.poll(() => topology.restarts[0]!, { timeout: 10_000 }).toBeGreaterThan(before);
    await topology.waitForInstance(0);
    expect((await new Client(topology.instances[0]!.origin).get("/api/health")).status).toBe(200);
  });
});
