// How `npm test` judges one stage's report, as plain functions (scripts/lib/test-report.test.ts).
// A stage's count must not shrink without anyone noticing (ADR 016):
//   - a stage that ran zero tests fails;
//   - a skipped test fails unless scripts/lib/allowed-skips.mjs names it, with a reason;
//   - a stage that crashed (no report, a file that did not load, an error outside any test, a
//     non-zero exit with nothing failed) fails and names what did not run.
// Only node: built-ins here: scripts/test.mjs imports this before anything else is installed.
import path from "node:path";

/**
 * @typedef {"passed" | "failed" | "skipped" | "notRun"} TOutcome
 * @typedef {{ file: string, title: string, outcome: TOutcome }} TTestOutcome
 * @typedef {{
 *   tests: TTestOutcome[],
 *   fileErrors: { file: string, message: string }[],
 *   errors: string[],
 *   notRunFiles: string[],
 *   exitCode: number | null,
 *   reported: boolean,
 * }} TStageRun
 * @typedef {{ stage: string, file: string, test: string, reason: string, onlyOn?: "pglite" | "postgresql" }} TAllowedSkip
 * @typedef {{ passed: number, failed: number, skipped: number, problems: string[], allowed: string[] }} TVerdict
 */

const rel = (root, file) => (path.isAbsolute(file) ? path.relative(root, file) : file).split(path.sep).join("/");

/** The first line of an error message, without terminal colours. */
function firstLine(message) {
  return String(message ?? "").replace(/\x1b\[[0-9;]*m/g, "").trim().split("\n")[0] ?? "";
}

/**
 * Vitest's JSON report (`--reporter=json`) as outcomes. `listed` is `vitest list --filesOnly --json`:
 * a listed file missing from the report did not run.
 * @param {any} report  null when the run left no report
 * @param {number | null} exitCode
 * @param {string[]} listed  absolute or root-relative file names
 * @param {string} root
 * @returns {TStageRun}
 */
export function fromVitest(report, exitCode, listed, root) {
  const files = (listed ?? []).map((f) => rel(root, f));
  if (!report) return { tests: [], fileErrors: [], errors: [], notRunFiles: files, exitCode, reported: false };
  const tests = [];
  const fileErrors = [];
  const seen = new Set();
  for (const file of report.testResults ?? []) {
    const name = rel(root, file.name);
    seen.add(name);
    const results = file.assertionResults ?? [];
    // A file that failed outside any test (an import error, a throwing beforeAll with no tests): its message is the only trace.
    if (file.status === "failed" && !results.some((a) => a.status === "failed")) {
      fileErrors.push({ file: name, message: firstLine(file.message) || "failed outside any test" });
    }
    for (const a of results) {
      const outcome =
        a.status === "passed" ? "passed" : a.status === "failed" ? "failed" : ["skipped", "pending", "todo", "disabled"].includes(a.status) ? "skipped" : "notRun";
      tests.push({ file: name, title: a.fullName ?? a.title, outcome });
    }
  }
  return { tests, fileErrors, errors: [], notRunFiles: files.filter((f) => !seen.has(f)), exitCode, reported: true };
}

/** Every test of a Playwright JSON report (suites nest), with its project. */
function playwrightTests(report) {
  const out = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) out.push({ file: spec.file ?? suite.file, title: [...titles, spec.title].join(" › "), test: t });
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const s of report?.suites ?? []) walk(s, []);
  return out;
}

/**
 * Playwright's JSON report as outcomes. A test with no result did not run (the run stopped first);
 * one whose result says skipped was skipped by the spec. `listed` is `playwright test --list
 * --reporter=json` (null when listing failed too): listed tests missing from the report did not run.
 * @param {any} report
 * @param {number | null} exitCode
 * @param {any} listed
 * @param {string} testDir  the folder spec paths are relative to
 * @param {string} root
 * @returns {TStageRun}
 */
export function fromPlaywright(report, exitCode, listed, testDir, root) {
  const name = (e) => `${rel(root, path.join(testDir, e.file))}${e.test.projectName && e.test.projectName !== "desktop" ? ` [${e.test.projectName}]` : ""}`;
  const key = (e) => `${e.file}\u0000${e.title}\u0000${e.test.projectName}`;
  const ran = playwrightTests(report);
  const tests = ran.map((e) => {
    const results = e.test.results ?? [];
    const last = results.at(-1)?.status;
    /** @type {TOutcome} */
    let outcome;
    if (results.length === 0) outcome = "notRun";
    else if (last === "skipped") outcome = "skipped";
    else if (e.test.status === "expected" || e.test.status === "flaky") outcome = "passed";
    else outcome = "failed"; // unexpected: failed, timed out or interrupted
    return { file: name(e), title: e.title, outcome };
  });
  const inReport = new Set(ran.map(key));
  for (const e of playwrightTests(listed)) {
    if (!inReport.has(key(e))) tests.push({ file: name(e), title: e.title, outcome: "notRun" });
  }
  const errors = (report?.errors ?? []).map((err) => firstLine(err.message));
  return { tests, fileErrors: [], errors, notRunFiles: [], exitCode, reported: Boolean(report) };
}

/** "a.spec.ts (3), b.spec.ts (1)": what did not run, by file. */
function byFile(entries) {
  const counts = new Map();
  for (const e of entries) counts.set(e.file, (counts.get(e.file) ?? 0) + 1);
  return [...counts].map(([file, n]) => `${file} (${n} ${n === 1 ? "test" : "tests"})`).join(", ");
}

/**
 * The verdict on one stage: counts for the summary line and one sentence per problem.
 * @param {string} stage  "unit tests", "integration tests", "e2e tests"
 * @param {TStageRun} run
 * @param {{ allowedSkips: TAllowedSkip[], database: "pglite" | "postgresql" }} context
 * @returns {TVerdict}
 */
export function judgeStage(stage, run, { allowedSkips, database }) {
  const problems = [];
  const allowed = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const notRun = [];
  for (const t of run.tests) {
    if (t.outcome === "passed") passed++;
    else if (t.outcome === "failed") failed++;
    else if (t.outcome === "notRun") notRun.push(t);
    else {
      const entry = allowedSkips.find((a) => a.stage === stage && a.file === t.file && a.test === t.title);
      if (entry && (!entry.onlyOn || entry.onlyOn === database)) {
        skipped++;
        allowed.push(`${t.file} › ${t.title}: ${entry.reason}`);
      } else {
        failed++;
        problems.push(
          entry
            ? `skipped on ${database}, but the allow-list lets it skip only on ${entry.onlyOn}: ${t.file} › ${t.title}`
            : `skipped and not on the allow-list (scripts/lib/allowed-skips.mjs): ${t.file} › ${t.title}`,
        );
      }
    }
  }
  for (const e of run.fileErrors) {
    failed++;
    problems.push(`${e.file} did not run: ${e.message}`);
  }
  for (const message of run.errors) {
    failed++;
    problems.push(`error outside any test: ${message}`);
  }
  const didNotRun = [...run.notRunFiles, ...(notRun.length ? [byFile(notRun)] : [])].filter(Boolean);
  if (!run.reported) {
    failed++;
    problems.push(`crashed without a report; did not run: ${didNotRun.join(", ") || "every test (nothing could be listed either)"}`);
  } else if (didNotRun.length) {
    failed++;
    problems.push(`crashed; did not run: ${didNotRun.join(", ")}`);
  } else if (passed + failed === 0) {
    failed++;
    problems.push("ran zero tests");
  } else if (run.exitCode !== 0 && failed === 0) {
    failed++;
    problems.push(`exited with code ${run.exitCode} although no test failed (an error outside the tests: see the output above)`);
  }
  return { passed, failed, skipped, problems, allowed };
}
