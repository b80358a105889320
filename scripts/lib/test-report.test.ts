import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import vitestConfig from "../../vitest.config";
import { ALLOWED_SKIPS } from "./allowed-skips.mjs";
import { fromPlaywright, fromVitest, judgeStage, type TAllowedSkip } from "./test-report.mjs";

/**
 * How `npm test` judges a stage (ADR 016): the count cannot shrink silently. The pure judging is
 * checked on hand-written reports in the tools' JSON shapes; the last two tests run the real Vitest
 * and Playwright with this repository's configs on a temporary file holding a `.only`.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const PG = { allowedSkips: [] as TAllowedSkip[], database: "postgresql" as const };

/** A Vitest JSON report: one entry per file, each with [title, status] pairs. */
function vitestReport(files: Record<string, [string, string][]>, fileStatus: Record<string, { status: string; message: string }> = {}) {
  return {
    testResults: Object.entries(files).map(([name, tests]) => ({
      name: path.join(ROOT, name),
      status: fileStatus[name]?.status ?? (tests.some(([, s]) => s === "failed") ? "failed" : "passed"),
      message: fileStatus[name]?.message ?? "",
      assertionResults: tests.map(([fullName, status]) => ({ fullName, title: fullName, status })),
    })),
  };
}

/** A Playwright JSON report: specs under one file suite; `results` empty means the test never started. */
function playwrightReport(specs: { file: string; title: string; status: string; results: string[]; project?: string }[], errors: string[] = []) {
  const files = [...new Set(specs.map((s) => s.file))];
  return {
    errors: errors.map((message) => ({ message })),
    suites: files.map((file) => ({
      title: file,
      file,
      specs: [],
      suites: [
        {
          title: "a journey",
          file,
          specs: specs
            .filter((s) => s.file === file)
            .map((s) => ({
              title: s.title,
              file,
              tests: [{ projectName: s.project ?? "desktop", status: s.status, results: s.results.map((status) => ({ status })) }],
            })),
        },
      ],
    })),
  };
}

describe("judging a Vitest stage", () => {
  const listed = ["lib/a.test.ts", "lib/b.test.ts"].map((f) => path.join(ROOT, f));

  it("counts passed and failed tests of a clean run", () => {
    const report = vitestReport({ "lib/a.test.ts": [["a 1", "passed"], ["a 2", "failed"]], "lib/b.test.ts": [["b 1", "passed"]] });
    expect(judgeStage("unit tests", fromVitest(report, 1, listed, ROOT), PG)).toEqual({
      passed: 2,
      failed: 1,
      skipped: 0,
      problems: [],
      allowed: [],
    });
  });

  it("fails a stage that ran zero tests", () => {
    const verdict = judgeStage("unit tests", fromVitest({ testResults: [] }, 0, [], ROOT), PG);
    expect(verdict).toMatchObject({ passed: 0, failed: 1, problems: ["ran zero tests"] });
  });

  it("fails a skipped or todo test that the allow-list does not name, naming it", () => {
    const report = vitestReport({ "lib/a.test.ts": [["a 1", "passed"], ["a 2", "skipped"], ["a 3", "todo"]], "lib/b.test.ts": [["b 1", "passed"]] });
    const verdict = judgeStage("unit tests", fromVitest(report, 0, listed, ROOT), PG);
    expect(verdict).toMatchObject({ passed: 2, failed: 2, skipped: 0 });
    expect(verdict.problems).toEqual([
      "skipped and not on the allow-list (scripts/lib/allowed-skips.mjs): lib/a.test.ts › a 2",
      "skipped and not on the allow-list (scripts/lib/allowed-skips.mjs): lib/a.test.ts › a 3",
    ]);
  });

  it("lets an allowed skip through, with its reason, only on the database the list allows", () => {
    const allowedSkips: TAllowedSkip[] = [{ stage: "integration tests", file: "lib/a.test.ts", test: "a 2", reason: "needs PostgreSQL", onlyOn: "pglite" }];
    const report = vitestReport({ "lib/a.test.ts": [["a 1", "passed"], ["a 2", "skipped"]], "lib/b.test.ts": [["b 1", "passed"]] });
    const run = fromVitest(report, 0, listed, ROOT);
    expect(judgeStage("integration tests", run, { allowedSkips, database: "pglite" })).toEqual({
      passed: 2,
      failed: 0,
      skipped: 1,
      problems: [],
      allowed: ["lib/a.test.ts › a 2: needs PostgreSQL"],
    });
    expect(judgeStage("integration tests", run, { allowedSkips, database: "postgresql" }).problems).toEqual([
      "skipped on postgresql, but the allow-list lets it skip only on pglite: lib/a.test.ts › a 2",
    ]);
    // the same title in another stage is not covered
    expect(judgeStage("unit tests", run, { allowedSkips, database: "pglite" }).failed).toBe(1);
  });

  it("fails a file that did not load, naming it and its error", () => {
    const report = vitestReport(
      { "lib/a.test.ts": [["a 1", "passed"]], "lib/b.test.ts": [] },
      { "lib/b.test.ts": { status: "failed", message: "\u001b[31mError: Cannot find module './gone'\u001b[39m\n    at x" } },
    );
    const verdict = judgeStage("unit tests", fromVitest(report, 1, listed, ROOT), PG);
    expect(verdict).toMatchObject({ passed: 1, failed: 1 });
    expect(verdict.problems).toEqual(["lib/b.test.ts did not run: Error: Cannot find module './gone'"]);
  });

  it("a crash without a report names every listed file as not run", () => {
    const verdict = judgeStage("unit tests", fromVitest(null, 1, listed, ROOT), PG);
    expect(verdict).toMatchObject({ passed: 0, failed: 1 });
    expect(verdict.problems).toEqual(["crashed without a report; did not run: lib/a.test.ts, lib/b.test.ts"]);
  });

  it("a listed file missing from the report (a worker that died) is named", () => {
    const report = vitestReport({ "lib/a.test.ts": [["a 1", "passed"]] });
    const verdict = judgeStage("unit tests", fromVitest(report, 1, listed, ROOT), PG);
    expect(verdict).toMatchObject({ passed: 1, failed: 1, problems: ["crashed; did not run: lib/b.test.ts"] });
  });

  it("a non-zero exit with every test passed is a failure (an error outside the tests)", () => {
    const report = vitestReport({ "lib/a.test.ts": [["a 1", "passed"]], "lib/b.test.ts": [["b 1", "passed"]] });
    const verdict = judgeStage("unit tests", fromVitest(report, 1, listed, ROOT), PG);
    expect(verdict).toMatchObject({ passed: 2, failed: 1 });
    expect(verdict.problems[0]).toMatch(/^exited with code 1 although no test failed/);
  });
});

describe("judging a Playwright stage", () => {
  const testDir = path.join(ROOT, "e2e");

  it("counts outcomes per project, and a test skipped by its spec needs the allow-list", () => {
    const report = playwrightReport([
      { file: "a.spec.ts", title: "one", status: "expected", results: ["passed"] },
      { file: "a.spec.ts", title: "one", status: "expected", results: ["passed"], project: "mobile" },
      { file: "a.spec.ts", title: "two", status: "unexpected", results: ["timedOut"] },
      { file: "b.spec.ts", title: "three", status: "skipped", results: ["skipped"] },
    ]);
    const verdict = judgeStage("e2e tests", fromPlaywright(report, 1, null, testDir, ROOT), PG);
    expect(verdict).toMatchObject({ passed: 2, failed: 2, skipped: 0 });
    expect(verdict.problems).toEqual([
      "skipped and not on the allow-list (scripts/lib/allowed-skips.mjs): e2e/b.spec.ts › a journey › three",
    ]);
  });

  it("tests that never started (the server died) are named by file", () => {
    const report = playwrightReport([
      { file: "a.spec.ts", title: "one", status: "expected", results: ["passed"] },
      { file: "a.spec.ts", title: "two", status: "skipped", results: [] },
      { file: "b.spec.ts", title: "three", status: "skipped", results: [] },
      { file: "b.spec.ts", title: "four", status: "skipped", results: [], project: "mobile" },
    ]);
    const verdict = judgeStage("e2e tests", fromPlaywright(report, 1, null, testDir, ROOT), PG);
    expect(verdict).toMatchObject({ passed: 1, failed: 1 });
    expect(verdict.problems).toEqual([
      "crashed; did not run: e2e/a.spec.ts (1 test), e2e/b.spec.ts (1 test), e2e/b.spec.ts [mobile] (1 test)",
    ]);
  });

  it("an error before any test (a web server that did not start, a .only) fails and names the listed tests", () => {
    const listed = playwrightReport([
      { file: "a.spec.ts", title: "one", status: "skipped", results: [] },
      { file: "a.spec.ts", title: "two", status: "skipped", results: [] },
    ]);
    const report = { ...playwrightReport([]), errors: [{ message: "Error: Timed out waiting 180000ms from config.webServer." }] };
    const verdict = judgeStage("e2e tests", fromPlaywright(report, 1, listed, testDir, ROOT), PG);
    expect(verdict.failed).toBe(2);
    expect(verdict.problems).toEqual([
      "error outside any test: Error: Timed out waiting 180000ms from config.webServer.",
      "crashed; did not run: e2e/a.spec.ts (2 tests)",
    ]);
    const noReport = judgeStage("e2e tests", fromPlaywright(null, 1, listed, testDir, ROOT), PG);
    expect(noReport.problems).toEqual(["crashed without a report; did not run: e2e/a.spec.ts (2 tests)"]);
  });
});

describe("the allow-list", () => {
  it("gives a reason for every entry and names files that exist", () => {
    expect(ALLOWED_SKIPS.length).toBeGreaterThan(0);
    for (const entry of ALLOWED_SKIPS) {
      expect(entry.reason.length, entry.test).toBeGreaterThan(20);
      expect(fs.existsSync(path.join(ROOT, entry.file)), entry.file).toBe(true);
      expect(fs.readFileSync(path.join(ROOT, entry.file), "utf8")).toContain(entry.test.split(" ").slice(-6).join(" "));
    }
  });
});

/** Runs a tool of this repository from its root, as `npm test` does. */
function runTool(bin: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(path.join(ROOT, "node_modules/.bin", bin), args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env, FORCE_COLOR: "0" },
    timeout: 60_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe("a focused test makes the real tools fail with this repository's configs", { timeout: 60_000 }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-only-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("Vitest (the unit project's settings) refuses it.only, and the stage fails", () => {
    const projects = (vitestConfig.test?.projects ?? []) as { test: { name: string; allowOnly?: boolean } }[];
    expect(projects.map((p) => [p.test.name, p.test.allowOnly])).toEqual([
      ["unit", false],
      ["integration", false],
      ["reliability", false],
    ]);
    // globals: the temp folder is outside the repository, so the file cannot import "vitest"
    fs.writeFileSync(path.join(tmp, "focused.test.ts"), 'it.only("focused", () => {});\nit("left out", () => {});\n');
    fs.writeFileSync(
      path.join(tmp, "vitest.config.mts"),
      `import config from ${JSON.stringify(path.join(ROOT, "vitest.config.ts"))};
const unit = config.test.projects.find((p) => p.test.name === "unit");
export default { test: { ...unit.test, name: "only-check", include: ["*.test.ts"], globals: true } };
`,
    );
    const out = path.join(tmp, "vitest.json");
    const r = runTool("vitest", ["run", "--config", path.join(tmp, "vitest.config.mts"), "--root", tmp, "--reporter=json", `--outputFile.json=${out}`]);
    expect(r.status, r.output).not.toBe(0);
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(JSON.stringify(report)).toContain("Unexpected .only modifier");
    const verdict = judgeStage("unit tests", fromVitest(report, r.status, [path.join(tmp, "focused.test.ts")], tmp), PG);
    expect(verdict.passed).toBe(0);
    expect(verdict.failed).toBe(2); // the focused test, and the one it would have skipped
  });

  it("Playwright (playwright.config.ts) refuses test.only before running anything, and the stage fails", () => {
    const playwrightTest = path.join(ROOT, "node_modules/@playwright/test");
    fs.writeFileSync(
      path.join(tmp, "focused.spec.ts"),
      `import { test } from ${JSON.stringify(playwrightTest)};\ntest.only("focused", () => {});\ntest("left out", () => {});\n`,
    );
    // The repository's config with the specs' folder moved and no server to start.
    fs.writeFileSync(
      path.join(tmp, "playwright.config.ts"),
      `import config from ${JSON.stringify(path.join(ROOT, "playwright.config.ts"))};
export default { ...config, testDir: ${JSON.stringify(tmp)}, webServer: undefined, outputDir: ${JSON.stringify(path.join(tmp, "results"))} };
`,
    );
    const out = path.join(tmp, "playwright.json");
    const r = runTool("playwright", ["test", "--config", path.join(tmp, "playwright.config.ts"), "--reporter=json"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    expect(r.status, r.output).not.toBe(0);
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    const verdict = judgeStage("e2e tests", fromPlaywright(report, r.status, null, tmp, tmp), PG);
    expect(verdict.passed).toBe(0);
    expect(verdict.failed).toBeGreaterThan(0);
    expect(verdict.problems.join("\n")).toMatch(/focused with '\.only' is not allowed due to the 'forbidOnly' option/);
  });
});
