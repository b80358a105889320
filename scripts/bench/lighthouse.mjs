// Lighthouse alone against a running server: median of N runs per page and preset, with the metrics
// and the audits behind the performance score, so a change can be checked without `npm run bench`.
//
//   node scripts/bench/lighthouse.mjs http://127.0.0.1:3000 [--runs=3] [--presets=desktop,mobile]
//        [--pages=home,lesson,dashboard] [--out=<dir for the JSON reports>]
//
// The pages and presets are those of `npm run bench` (part d); the scores are comparable with its
// report only on an equally idle machine (Lighthouse simulates the network but measures the CPU).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CATEGORIES, median, runLighthouse } from "../lib/lighthouse.mjs";

const PAGES = { home: "/", lesson: "/tracks/sql/migrations-basics", dashboard: "/dashboard" };
const METRICS = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "total-blocking-time",
  "cumulative-layout-shift",
  "speed-index",
];

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const origin = process.argv[2];
if (!origin || !/^https?:\/\//.test(origin)) {
  console.error(
    "usage: node scripts/bench/lighthouse.mjs <origin> [--runs=3] [--presets=desktop,mobile] [--pages=home,lesson,dashboard] [--out=dir]",
  );
  process.exit(2);
}
const runs = Number(arg("runs", "3"));
const presets = arg("presets", "desktop,mobile").split(",");
const pages = arg("pages", Object.keys(PAGES).join(",")).split(",");
const out = arg("out", fs.mkdtempSync(path.join(os.tmpdir(), "lnv-lighthouse-")));
fs.mkdirSync(out, { recursive: true });

const rows = [];
for (const page of pages) {
  if (!PAGES[page]) throw new Error(`unknown page ${page} (one of ${Object.keys(PAGES).join(", ")})`);
  for (const preset of presets) {
    const reports = [];
    for (let i = 0; i < runs; i++)
      reports.push(runLighthouse(origin + PAGES[page], preset, path.join(out, `${page}-${preset}-${i}.json`)));
    const row = { page, preset };
    for (const c of CATEGORIES) row[c] = median(reports.map((r) => r.categories[c].score));
    for (const m of METRICS) row[m] = median(reports.map((r) => r.audits[m].numericValue));
    rows.push(row);
    // The run with the median performance score explains it: its metric scores and failing audits.
    const byScore = [...reports].sort((a, b) => a.categories.performance.score - b.categories.performance.score);
    const mid = byScore[Math.floor(byScore.length / 2)];
    const metrics = METRICS.map(
      (m) => `${m.replace(/-(.)[a-z]*/g, "$1").slice(0, 4)} ${mid.audits[m].displayValue} (${mid.audits[m].score})`,
    ).join(", ");
    console.log(
      `${page} ${preset}: performance ${row.performance} [${reports.map((r) => r.categories.performance.score).join(" ")}]; ${metrics}`,
    );
    const failing = Object.values(mid.audits)
      .filter(
        (a) =>
          typeof a.score === "number" && a.score < 1 && a.scoreDisplayMode !== "informative" && !METRICS.includes(a.id),
      )
      .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ""}`);
    if (failing.length > 0) console.log(`  audits below 1: ${failing.join("; ")}`);
    const lcp = mid.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node;
    if (lcp) console.log(`  LCP element: ${lcp.snippet.slice(0, 140)}`);
  }
}

const f = (ms) => Math.round(ms);
console.log(
  `\n| Page | preset | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | SI ms |`,
);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const r of rows) {
  console.log(
    `| ${r.page} | ${r.preset} | ${r.performance} | ${r.accessibility} | ${r["best-practices"]} | ${r.seo} | ${f(r["first-contentful-paint"])} | ${f(r["largest-contentful-paint"])} | ${f(r["total-blocking-time"])} | ${r["cumulative-layout-shift"].toFixed(3)} | ${f(r["speed-index"])} |`,
  );
}
console.log(`\nmedian of ${runs} runs; reports in ${out}`);
