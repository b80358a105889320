// SQL lab budgets, measured against a running production server (starts none).
//   npm run bench:lab -- [baseUrl] [--runs=N]        e.g. http://127.0.0.1:3000
// Prints, on the lesson /tracks/sql/select-basics:
//   - the lesson page's JavaScript before the first Run (gzip -9 of each <script src>; budget 160 KB);
//   - the lab chunk loaded on the first Run (editor, panels), gzip;
//   - time from clicking Run to the first result in the DOM: SQLite cold (new browser profile: no HTTP
//     cache, no Cache Storage; budget 1 s) and warm (the same page again; budget 50 ms), PostgreSQL cold
//     (budget 4 s), and both engines again in a second page of the same profile (files from the cache);
//   - each engine's files: raw, gzip -9, brotli 11 (what a CDN could serve) and the bytes this server sends.
// Times are taken in the page: from the click event to the DOM commit that shows the result.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliCompressSync, constants, gunzipSync, gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

const args = process.argv.slice(2);
const base = args.find((a) => !a.startsWith("--")) ?? "http://127.0.0.1:3000";
const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? 3);
const LESSON = "/tracks/sql/select-basics";
const root = path.resolve(import.meta.dirname, "../..");

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
const ms = (n) => `${Math.round(n)} ms`;
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) =>
  brotliCompressSync(b, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
  }).length;
/** Bytes on the wire for a GET (fetch would decompress them). */
function servedBytes(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { "Accept-Encoding": "gzip, br" } }, (res) => {
        let n = 0;
        res.on("data", (chunk) => (n += chunk.length));
        res.on("end", () => resolve(n));
      })
      .on("error", reject);
  });
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s.at(-1) };
};
const show = (label, xs, budget) => {
  const { min, median, max } = stats(xs);
  console.log(
    `${label}: median ${ms(median)} (min ${ms(min)}, max ${ms(max)}, ${xs.length} runs)${budget ? `   budget ${ms(budget)}: ${median <= budget ? "met" : "NOT met"}` : ""}`,
  );
};

// ── JavaScript before the first Run ─────────────────────────────────────────────────────────────
async function scriptsOf(pagePath) {
  const html = await (await fetch(base + pagePath)).text();
  return [
    ...new Set(
      [...html.matchAll(/<script([^>]+)>/g)]
        .filter((m) => !/nomodule/i.test(m[1]))
        .map((m) => /src="([^"]+)"/.exec(m[1])?.[1])
        .filter(Boolean),
    ),
  ];
}
async function gzBytes(urls) {
  let total = 0;
  for (const u of urls) total += gz(Buffer.from(await (await fetch(new URL(u, base))).arrayBuffer()));
  return total;
}
const pageScripts = await scriptsOf(LESSON);
const pageJs = await gzBytes(pageScripts);
console.log(
  `lesson page JS before the first Run: ${pageScripts.length} files, ${kb(pageJs)} gzipped (budget 160 KB = ${kb(160_000)}: ${pageJs <= 160_000 ? "met" : "NOT met"})`,
);

// ── Run → first result, in Chromium ─────────────────────────────────────────────────────────────
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

/** Arms the page: the click's time, and the time the panel's output shows a new run. */
async function arm(page) {
  await page.evaluate(() => {
    const w = window;
    w.__labClick = null;
    w.__labDone = null;
    document.addEventListener("click", () => (w.__labClick = performance.now()), { capture: true, once: true });
    const seen = new Set(
      [...document.querySelectorAll("[data-lab-run]")].map(
        (e) => `${e.closest("[data-lab-panel]")?.getAttribute("data-lab-panel")}:${e.getAttribute("data-lab-run")}`,
      ),
    );
    const observer = new MutationObserver(() => {
      for (const e of document.querySelectorAll("[data-lab-run]")) {
        const key = `${e.closest("[data-lab-panel]")?.getAttribute("data-lab-panel")}:${e.getAttribute("data-lab-run")}`;
        if (!seen.has(key) && e.querySelector("table")) {
          w.__labDone = performance.now();
          observer.disconnect();
        }
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-lab-run"],
    });
  });
}
async function elapsed(page) {
  await page.waitForFunction(() => window.__labDone !== null, null, { timeout: 120_000 });
  return page.evaluate(() => window.__labDone - window.__labClick);
}

/** Opens the second example's panel, switches it to PostgreSQL and times one run (ms). */
async function runSecondExampleOnPostgres(page) {
  await page.getByRole("button", { name: "Edit example 2", exact: true }).click();
  const pg = page.locator("[data-lab-panel='2']");
  await pg.getByRole("radio", { name: "PostgreSQL" }).check();
  await arm(page);
  await pg.getByRole("button", { name: "Run", exact: true }).click();
  return elapsed(page);
}

const results = { sqliteCold: [], sqliteWarm: [], sqliteCached: [], pgCold: [], pgCached: [] };
let labChunk = 0;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
  const page = await context.newPage();
  const scripts = [];
  page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
  await page.goto(base + LESSON, { waitUntil: "networkidle" });
  const before = new Set(scripts);
  const run = page.getByRole("button", { name: "Run example 1", exact: true });
  await run.scrollIntoViewIfNeeded();
  await arm(page);
  await run.click();
  results.sqliteCold.push(await elapsed(page));
  if (i === 0) labChunk = await gzBytes(scripts.filter((u) => !before.has(u) && u.includes("/_next/static/")));
  const panelRun = page.locator("[data-lab-panel='1']").getByRole("button", { name: "Run", exact: true });
  for (let k = 0; k < 5; k++) {
    await arm(page);
    await panelRun.click();
    results.sqliteWarm.push(await elapsed(page));
  }
  // PostgreSQL, cold in this profile: a second example's panel switched to PostgreSQL.
  results.pgCold.push(await runSecondExampleOnPostgres(page));

  // A second page in the same profile: engine files from the cache, engines started again.
  const again = await context.newPage();
  await again.goto(base + LESSON, { waitUntil: "networkidle" });
  await arm(again);
  await again.getByRole("button", { name: "Run example 1", exact: true }).click();
  results.sqliteCached.push(await elapsed(again));
  results.pgCached.push(await runSecondExampleOnPostgres(again));
  await context.close();
}
await browser.close();

console.log(`lab chunk loaded on the first Run (editor, panels, engine clients): ${kb(labChunk)} gzipped`);
show("SQLite, Run to first result, cold (new profile)", results.sqliteCold, 1000);
show("SQLite, Run to first result, warm (same page)", results.sqliteWarm, 50);
show("PostgreSQL, Run to first result, cold (new profile)", results.pgCold, 4000);
show("SQLite, first Run in a second page (files cached)", results.sqliteCached);
show("PostgreSQL, first Run in a second page (files cached)", results.pgCached);

// ── Engine files ────────────────────────────────────────────────────────────────────────────────
const version = fs.readdirSync(path.join(root, "public", "lab")).find((d) => /^[0-9a-f]{12}$/.test(d));
const dir = path.join(root, "public", "lab", version);
const ENGINES = {
  SQLite: ["sqlite-worker.js", "sqlite3.wasm.gz"],
  PostgreSQL: ["postgres-worker.js", "pglite.wasm.gz", "initdb.wasm.gz", "pglite.data.gz", "pgdata.tar.gz"],
};
console.log(
  `\nengine files (public/lab/${version}); "served" = bytes this server sends with Accept-Encoding: gzip, br`,
);
for (const [engine, files] of Object.entries(ENGINES)) {
  const sum = { raw: 0, gzip: 0, brotli: 0, served: 0 };
  for (const f of files) {
    const stored = fs.readFileSync(path.join(dir, f));
    // .gz files are stored compressed; pgdata.tar.gz is a gzip'd tar PGlite reads as it is.
    const raw = f.endsWith(".gz") ? gunzipSync(stored) : stored;
    const served = await servedBytes(`${base}/lab/${version}/${f}`);
    const row = { raw: raw.length, gzip: gz(raw), brotli: br(raw), served };
    for (const k of Object.keys(sum)) sum[k] += row[k];
    console.log(
      `  ${f.padEnd(20)} raw ${mb(row.raw).padStart(10)}  gzip ${mb(row.gzip).padStart(10)}  brotli ${mb(row.brotli).padStart(10)}  served ${mb(row.served).padStart(10)}`,
    );
  }
  console.log(
    `  ${engine.padEnd(20)} raw ${mb(sum.raw).padStart(10)}  gzip ${mb(sum.gzip).padStart(10)}  brotli ${mb(sum.brotli).padStart(10)}  served ${mb(sum.served).padStart(10)}`,
  );
}
