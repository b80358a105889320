// Lighthouse from node_modules against a running server, with Debian's Chromium: the runner that
// `npm run bench` (part d) and `scripts/bench/lighthouse.mjs` share.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./setup.mjs";

const CHROME = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

/**
 * One Lighthouse run of `url` with the desktop preset or the default mobile one; writes the JSON
 * report to `out` and returns it parsed. Throws when Lighthouse or the page failed `attempts` times.
 */
export function runLighthouse(url, preset, out, attempts = 2) {
  const args = [
    path.join(root, "node_modules/lighthouse/cli/index.js"),
    url,
    "--quiet",
    "--output=json",
    `--output-path=${out}`,
    `--only-categories=${CATEGORIES.join(",")}`,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic",
    ...(preset === "desktop" ? ["--preset=desktop"] : ["--form-factor=mobile"]),
  ];
  const r = spawnSync(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME }, encoding: "utf8", timeout: 180_000 });
  if (!fs.existsSync(out)) throw new Error(`lighthouse ${url} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const report = JSON.parse(fs.readFileSync(out, "utf8"));
  // A trace that Chromium failed to record (NO_NAVSTART, NO_FCP on a busy machine) is worth one more try.
  if (report.runtimeError && attempts > 1) return runLighthouse(url, preset, out, attempts - 1);
  if (report.runtimeError) throw new Error(`lighthouse ${url}: ${report.runtimeError.message}`);
  if (r.status !== 0) throw new Error(`lighthouse ${url} exited ${r.status}`);
  return report;
}

/** The four category scores of a report. */
export const categoryScores = (report) => Object.fromEntries(Object.entries(report.categories).map(([k, v]) => [k, v.score]));

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
