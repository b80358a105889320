// `npm test`: every check, from a fresh clone. Ends with one line "N passed, N failed".
//   typecheck · lint · unit (Vitest, includes content validation) · integration (Vitest, real database) · e2e (Playwright + Chromium)
//   · reliability (the production topology: nginx, several instances, PostgreSQL; only with TEST_DATABASE_URL)
// Database: TEST_DATABASE_URL=postgres://... runs integration and e2e tests on PostgreSQL, each in a
// fresh database created and dropped here; unset, they use embedded PGlite (in memory, and data/e2e-pglite wiped per run).
//   npm test -- --only=unit,integration     run a subset
// A stage fails when it ran zero tests, skipped a test that scripts/lib/allowed-skips.mjs does not
// name, or crashed; a crash names what did not run (scripts/lib/test-report.mjs, ADR 016).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SetupError, ensureBuild, ensureCheckoutReady, log, root, run } from "./lib/setup.mjs";
import { ALLOWED_SKIPS } from "./lib/allowed-skips.mjs";
import { fromPlaywright, fromVitest, judgeStage } from "./lib/test-report.mjs";

const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const wants = (name) => !only || only.includes(name);
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const problems = [];
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-test-"));

function record(name, passed, failed, skipped = 0) {
  tally.passed += passed;
  tally.failed += failed;
  tally.skipped += skipped;
  if (failed) failures.push(`${name} (${failed} failed)`);
  log(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
}

const database = process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";

/** Records a stage from its judged report, printing each problem and each allowed skip. */
function recordVerdict(name, run) {
  const verdict = judgeStage(name, run, { allowedSkips: ALLOWED_SKIPS, database });
  for (const line of verdict.allowed) console.log(`  skipped (allowed): ${line}`);
  for (const problem of verdict.problems) {
    console.error(`  ${name}: ${problem}`);
    problems.push(`${name}: ${problem}`);
  }
  record(name, verdict.passed, verdict.failed, verdict.skipped);
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
  const name = `${project} tests`;
  console.log(`\n── ${name} (Vitest) ──`);
  const bin = path.join(root, "node_modules/.bin/vitest");
  // The files the project should run, so that a crash can name the ones that did not.
  const list = run(bin, ["list", "--filesOnly", "--json", "--project", project], { env, quiet: true });
  let listed = [];
  try {
    listed = JSON.parse(list.stdout).map((f) => f.file);
  } catch {
    console.error(`  could not list the ${project} test files: ${list.stderr.trim().split("\n")[0] ?? ""}`);
  }
  const out = path.join(reportDir, `${project}.json`);
  const r = run(bin, ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], { env });
  recordVerdict(name, fromVitest(readJson(out), r.status, listed, root));
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

/** nginx for the reliability tests' topology (Debian's nginx-light), installed like Chromium. */
function ensureNginx() {
  if (fs.existsSync(process.env.NGINX_PATH ?? "/usr/sbin/nginx")) return true;
  if (process.getuid?.() !== 0 || !fs.existsSync("/usr/bin/apt-get")) {
    console.error("nginx is missing and cannot be installed here (needs root and apt-get): sudo apt-get install -y nginx-light");
    return false;
  }
  log("installing Debian's nginx-light for the reliability tests (apt-get)");
  run("apt-get", ["update", "-qq"], { quiet: true });
  const r = run("apt-get", ["install", "-y", "-qq", "nginx-light"], { quiet: true });
  if (r.status !== 0) console.error(`apt-get install nginx-light failed:\n${r.stderr}`);
  return r.status === 0;
}

/**
 * The production topology under faults (tests/reliability, issue 16): nginx in front of several
 * instances on a PostgreSQL server. Embedded PGlite serves one process, so without TEST_DATABASE_URL
 * this stage does not run, and says so.
 */
async function reliability(env) {
  if (!process.env.TEST_DATABASE_URL) {
    log("reliability tests: not run: they need a PostgreSQL server (TEST_DATABASE_URL; .ci/run sets it)");
    return;
  }
  if (!ensureNginx()) return record("reliability tests", 0, 1);
  try {
    await ensureBuild();
  } catch (error) {
    console.error(`  reliability tests: ${error instanceof SetupError ? error.message : String(error)}`);
    return record("reliability tests", 0, 1);
  }
  vitest("reliability", env);
}

/** Every test Playwright would run (`--list` starts no server); null if even listing fails (e.g. a `.only`). */
function listPlaywright(env) {
  const out = path.join(reportDir, "e2e-list.json");
  run(path.join(root, "node_modules/.bin/playwright"), ["test", "--list", "--reporter=json"], {
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    quiet: true,
  });
  const listed = readJson(out);
  return listed?.errors?.length ? null : listed;
}

async function e2e() {
  const name = "e2e tests";
  console.log("\n── end-to-end tests (Playwright, Chromium, next start) ──");
  const env = { ...process.env };
  const listed = listPlaywright(env);
  const testDir = path.join(root, "e2e");
  const judge = (report, status) => {
    const result = fromPlaywright(report, status, listed, testDir, root);
    // Nothing could be listed (a `.only` stops listing too) and nothing ran: name the spec files.
    if (!listed && !result.tests.length) {
      result.notRunFiles = fs.readdirSync(testDir).filter((f) => f.endsWith(".spec.ts")).map((f) => `e2e/${f}`);
    }
    recordVerdict(name, result);
  };
  const crashed = (why) => {
    console.error(`  ${name}: ${why}`);
    judge(null, 1);
  };
  if (!ensureChromium()) return crashed("no Chromium");
  try {
    await ensureBuild();
  } catch (error) {
    return crashed(error instanceof SetupError ? error.message : String(error));
  }
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
    judge(readJson(out), r.status);
  } finally {
    await dropDatabase?.();
  }
}

async function main() {
  const started = performance.now();
  await ensureCheckoutReady();
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
  if (wants("reliability")) await reliability(testEnv);

  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  console.log("");
  if (problems.length) console.log(`Problems:\n${problems.map((p) => `  ${p}`).join("\n")}`);
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
