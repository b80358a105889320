// `npm test`: every check, from a fresh clone. Ends with one line "N passed, N failed".
//   typecheck · lint · unit (Vitest, includes content validation) · integration (Vitest, real database) · e2e (Playwright + Chromium)
// Database: TEST_DATABASE_URL=postgres://... runs integration and e2e tests on PostgreSQL, each in a
// fresh database created and dropped here; unset, they use embedded PGlite (in memory, and data/e2e-pglite wiped per run).
//   npm test -- --only=unit,integration     run a subset
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  SetupError,
  checkNode,
  ensureBuild,
  ensureInstall,
  ensurePrismaClient,
  ensureServerWorkers,
  log,
  root,
  run,
} from "./lib/setup.mjs";

const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const wants = (name) => !only || only.includes(name);
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-test-"));

function record(name, passed, failed, skipped = 0) {
  tally.passed += passed;
  tally.failed += failed;
  tally.skipped += skipped;
  if (failed) failures.push(`${name} (${failed} failed)`);
  log(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** A check that is one pass/fail (typecheck, lint). */
function single(name, command, args, env) {
  console.log(`\n── ${name} ──`);
  const r = run(command, args, { env });
  record(name, r.status === 0 ? 1 : 0, r.status === 0 ? 0 : 1);
}

function vitest(project, env = process.env) {
  console.log(`\n── ${project} tests (Vitest) ──`);
  const out = path.join(reportDir, `${project}.json`);
  const r = run(
    path.join(root, "node_modules/.bin/vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    { env },
  );
  const report = readJson(out);
  if (!report) return record(`${project} tests`, 0, 1);
  const failed = report.numFailedTests + (r.status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  record(`${project} tests`, report.numPassedTests, failed, report.numPendingTests + report.numTodoTests);
}

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(chromium)) return true;
  if (process.getuid?.() !== 0 || !fs.existsSync("/usr/bin/apt-get")) {
    console.error(`Chromium is missing at ${chromium} and cannot be installed here (needs root and apt-get).`);
    console.error("Install it with: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)");
    return false;
  }
  log("installing Debian's chromium for the browser tests (apt-get)");
  run("apt-get", ["update", "-qq"], { quiet: true });
  const r = run("apt-get", ["install", "-y", "-qq", "chromium"], { quiet: true });
  if (r.status !== 0 || !fs.existsSync(chromium)) {
    console.error(`apt-get install chromium failed:\n${r.stderr}`);
    return false;
  }
  return true;
}

async function e2e() {
  console.log("\n── end-to-end tests (Playwright, Chromium, next start) ──");
  if (!ensureChromium()) return record("e2e tests", 0, 1);
  await ensureBuild();
  const env = { ...process.env };
  let dropDatabase = null;
  if (process.env.TEST_DATABASE_URL) {
    const { createTestDatabase, dropTestDatabase } = await import("./lib/testdb.mjs");
    env.E2E_DATABASE_URL = await createTestDatabase(process.env.TEST_DATABASE_URL, "e2e");
    dropDatabase = () => dropTestDatabase(env.E2E_DATABASE_URL);
  }
  const out = path.join(reportDir, "e2e.json");
  env.PLAYWRIGHT_JSON_OUTPUT_NAME = out;
  try {
    const r = run(path.join(root, "node_modules/.bin/playwright"), ["test", "--reporter=list,json"], { env });
    const report = readJson(out);
    if (!report) return record("e2e tests", 0, 1);
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
    const crashed = r.status !== 0 && unexpected === 0 ? 1 : 0;
    record("e2e tests", expected + flaky, unexpected + crashed, skipped);
  } finally {
    await dropDatabase?.();
  }
}

async function main() {
  const started = performance.now();
  checkNode();
  await ensureInstall();
  await ensurePrismaClient();
  await ensureServerWorkers();
  const testEnv = { ...process.env, NODE_ENV: "test", NEXT_TELEMETRY_DISABLED: "1" };
  delete testEnv.DATABASE_URL; // never run tests against a configured (possibly real) database

  if (wants("typecheck")) single("typecheck", path.join(root, "node_modules/.bin/tsc"), ["--noEmit", "-p", "."], testEnv);
  if (wants("lint")) single("lint", path.join(root, "node_modules/.bin/eslint"), [".", "--max-warnings=0"], testEnv);
  if (wants("unit")) vitest("unit", testEnv);
  if (wants("integration")) vitest("integration", testEnv);
  if (wants("e2e")) {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    await e2e();
    if (saved) process.env.DATABASE_URL = saved;
  }

  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  console.log("");
  if (failures.length) console.log(`Failed: ${failures.join("; ")}`);
  console.log(`Finished in ${minutes} min${process.env.TEST_DATABASE_URL ? " (PostgreSQL)" : " (embedded PGlite)"}.`);
  console.log(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`);
  process.exitCode = tally.failed ? 1 : 0;
}

main()
  .catch((error) => {
    console.error(`npm test: ${error instanceof SetupError ? error.message : (error?.stack ?? error)}`);
    console.log(`${tally.passed} passed, ${tally.failed + 1} failed`);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(reportDir, { recursive: true, force: true }));
