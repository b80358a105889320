// Lesson page budgets, measured against a running server (default: starts none).
//   node scripts/bench/lesson-page.mjs [baseUrl]      e.g. http://127.0.0.1:3000
// Prints: gzipped JavaScript each page loads (budget 160 KB for the lesson page), the same for a
// page with no client components of its own (the framework floor, the bound), the ratio between
// them, whether two visitors get byte-identical HTML and the Cache-Control, and the cumulative
// layout shift measured in Chromium (layout-shift entries, as Lighthouse counts them).
import { gzippedBytes, scriptSources } from "../lib/page-scripts.mjs";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const LESSON = "/tracks/sql/migrations-basics";
const FLOOR = "/no-such-page-floor"; // the 404 page: layout only

async function scriptBytes(path) {
  const srcs = scriptSources(await (await fetch(base + path)).text());
  let gz = 0;
  let raw = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += body.length;
    gz += gzippedBytes(body);
  }
  return { files: srcs.length, raw, gz };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const lesson = await scriptBytes(LESSON);
const floor = await scriptBytes(FLOOR);
console.log(
  `lesson page JS: ${lesson.files} files, ${kb(lesson.raw)} raw, ${kb(lesson.gz)} gzipped (budget 160 KB = ${kb(160_000)})`,
);
console.log(`framework floor (404 page, layout only): ${kb(floor.gz)} gzipped`);
console.log(
  `lesson / floor: ${(lesson.gz / floor.gz).toFixed(3)}   lesson - floor: ${kb(lesson.gz - floor.gz)}   within budget: ${lesson.gz <= 160_000}`,
);

const [a, b] = await Promise.all([
  fetch(base + LESSON, { headers: { "User-Agent": "visitor-a", Cookie: "a=1" } }),
  fetch(base + LESSON, { headers: { "User-Agent": "visitor-b" } }),
]);
const same = (await a.text()) === (await b.text());
console.log(`HTML identical for two visitors: ${same}; Cache-Control: ${a.headers.get("cache-control")}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
for (const [label, viewport] of [
  ["desktop", { width: 1350, height: 940 }],
  ["mobile", { width: 412, height: 823 }],
]) {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(base + LESSON, { waitUntil: "networkidle" });
  for (let y = 0; y < 12; y++) {
    await page.mouse.wheel(0, 1200);
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(500);
  console.log(`CLS (${label}, load + scroll to the end): ${(await page.evaluate(() => window.__cls)).toFixed(4)}`);
  await page.close();
}
await browser.close();
