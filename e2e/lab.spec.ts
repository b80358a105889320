import type { Locator, Page, Request } from "@playwright/test";
import { expect, expectNoA11yViolations, test, useTheme } from "./fixtures";

/**
 * The SQL lab in the browser (issue 12): examples run and edited on SQLite and PostgreSQL in Web
 * Workers, Stop, Reset, errors marked in the editor, exercises graded on a hidden variant, offline
 * reloads, and nothing of the lab loaded before the first Run. Each test starts in a fresh browser
 * context, so every engine load here is a cold one.
 */
const SELECT_BASICS = "/tracks/sql/select-basics";
const TRANSACTIONS = "/tracks/sql/transactions";
const FIRST_EXAMPLE = "SELECT name, category, price_cents\nFROM products;";

const panel = (page: Page, n: number) => page.getByRole("region", { name: `SQL lab, example ${n}` });
const exercisePanel = (page: Page, n: number) => page.getByRole("region", { name: `SQL lab, exercise ${n}` });
const editorOf = (p: Locator) => p.getByRole("textbox");

/** Replaces the editor's text by typing, as a learner would. */
async function typeInto(page: Page, p: Locator, text: string) {
  await editorOf(p).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await editorOf(p).pressSequentially(text);
}

/**
 * Opens a lesson and waits until its Run and Edit buttons answer at once. They are in the static HTML;
 * a press before the lab listens is kept and answered later (its own test below), so the other tests
 * wait here to see each press answered as it is made.
 */
async function gotoLesson(page: Page, url: string) {
  await page.goto(url);
  await page.locator("html[data-lab-ready]").waitFor({ state: "attached" });
}

/** Opens select-basics and its first example in the lab, as a learner would; returns the lab's panel. */
async function openFirstExample(page: Page) {
  await gotoLesson(page, SELECT_BASICS);
  await page.getByRole("button", { name: "Edit example 1", exact: true }).click();
  return panel(page, 1);
}

const LAB_FILE = /\/lab\/|\.wasm|lab-sw\.js/;

/** A first Run downloads and starts an engine; on a loaded two-core CI machine that can take a while. */
const COLD = { timeout: 30_000 };
const COLD_PG = { timeout: 60_000 };

test.describe("the SQL lab", () => {
  test("runs an example on SQLite: a grid with the columns, the rows and the row count", async ({ page }) => {
    await gotoLesson(page, SELECT_BASICS);
    await page.getByRole("button", { name: "Run example 1", exact: true }).click();
    const lab = panel(page, 1);
    const grid = lab.getByRole("table", { name: /^Result: 10 rows, (under )?[\d.]+ m?s$/ });
    await expect(grid).toBeVisible(COLD);
    await expect(grid.getByRole("columnheader")).toHaveText(["name", "category", "price_cents"]);
    await expect(grid.getByRole("row")).toHaveCount(11);
    await expect(grid.getByRole("row").nth(1)).toContainText("SQL Pocket Guide");
    await expect(lab).toContainText(/Ran on SQLite in \d+ ms\./);
    // The editor holds the example exactly as the lesson shows it.
    await expect(editorOf(lab)).toHaveText(FIRST_EXAMPLE.replace("\n", ""));
    expect(await page.evaluate(() => document.querySelector("[data-lab-panel='1'] .cm-content")?.textContent)).toBe(
      FIRST_EXAMPLE.replace("\n", ""),
    );
    // The live region says the same for screen readers.
    await expect(lab.getByRole("status")).toHaveText("1 statement ran: 10 rows.");
  });

  test("a Run pressed before the page's JavaScript has started is answered once it starts", async ({ page }) => {
    // Hold back every script file of the page, as a slow phone's network would.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_next\/static\/chunks\/.*\.js(\?|$)/, async (route) => {
      await held;
      await route.continue();
    });
    // The HTML arrives whole; the scripts it names wait (DOMContentLoaded itself waits for deferred ones).
    await page.goto(SELECT_BASICS, { waitUntil: "commit" });
    const run = page.getByRole("button", { name: "Run example 1", exact: true });
    await run.click();
    // Kept, not lost: the button says it is busy, and no lab exists yet.
    await expect(run).toHaveAttribute("aria-busy", "true");
    expect(await page.locator("html[data-lab-ready]").count()).toBe(0);
    release();
    const grid = panel(page, 1).getByRole("table", { name: /^Result: 10 rows/ });
    await expect(grid).toBeVisible(COLD);
    await expect(run).not.toHaveAttribute("aria-busy");
  });

  test("an edit into an error shows the engine's message and marks the place in the editor; later statements still run", async ({ page }) => {
    const lab = await openFirstExample(page);
    await expect(editorOf(lab)).toBeFocused();
    await typeInto(page, lab, "SELECT nme FROM products;\nSELECT COUNT(*) AS n FROM products;");
    await page.keyboard.press("ControlOrMeta+Enter");
    const error = lab.locator(".lab-error");
    await expect(error).toContainText("Statement 1: error (line 1, column 8)", COLD);
    await expect(error).toContainText("no such column: nme");
    await expect(lab.locator(".cm-lab-error")).toHaveText("nme");
    await expect(lab.getByRole("table", { name: /^Statement 2: 1 row/ })).toContainText("10");
    await expect(lab.getByRole("status")).toHaveText("2 statements ran: Error: no such column: nme; 1 row.");
  });

  test("Reset brings back the example's text and the dataset", async ({ page }) => {
    const lab = await openFirstExample(page);
    await typeInto(page, lab, "DELETE FROM products WHERE category = 'books';\nSELECT COUNT(*) AS n FROM products;");
    await lab.getByRole("button", { name: "Run", exact: true }).click();
    await expect(lab.locator(".lab-changes")).toContainText("DELETE: 2 rows affected", COLD);
    await expect(lab.getByRole("table", { name: /^Statement 2: 1 row/ }).getByRole("cell")).toHaveText("8");

    await lab.getByRole("button", { name: "Reset", exact: true }).click();
    await expect(lab.locator(".lab-notice")).toHaveText(
      "Reset: the example's text and the shop dataset are back, for every example on SQLite.",
    );
    await expect(editorOf(lab)).toHaveText(FIRST_EXAMPLE.replace("\n", ""));
    await lab.getByRole("button", { name: "Run", exact: true }).click();
    await expect(lab.getByRole("table", { name: /^Result: 10 rows/ })).toBeVisible();
  });

  test("the dialect switch runs the same example on PostgreSQL", async ({ page }) => {
    test.setTimeout(120_000);
    const lab = await openFirstExample(page);
    await lab.getByRole("radio", { name: "PostgreSQL" }).check();
    await lab.getByRole("button", { name: "Run", exact: true }).click();
    await expect(lab.getByText(/Downloading PostgreSQL|Compiling PostgreSQL|Starting PostgreSQL/)).toBeVisible();
    await expect(lab.getByRole("table", { name: /^Result: 10 rows/ })).toBeVisible(COLD_PG);
    await expect(lab).toContainText(/Ran on PostgreSQL in \d+ ms\./);
    // PostgreSQL reports its own error message and position.
    await typeInto(page, lab, "SELECT price_cents FROM products WHERE nme = 'x';");
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect(lab.locator(".lab-error")).toContainText('column "nme" does not exist');
    await expect(lab.locator(".cm-lab-error")).toHaveText("nme");
  });

  test("a PostgreSQL-only example opens on PostgreSQL and offers no switch", async ({ page }) => {
    test.setTimeout(120_000);
    await gotoLesson(page, "/tracks/sql/creating-tables");
    const block = page.locator("[data-lab-block][data-sql-tag='postgres']").first();
    const n = Number(await block.getAttribute("data-lab-block"));
    await block.getByRole("button", { name: `Run example ${n}`, exact: true }).click();
    const lab = panel(page, n);
    await expect(lab.getByText("Runs on PostgreSQL only")).toBeVisible();
    await expect(lab.getByRole("radio")).toHaveCount(0);
    await expect(lab.getByRole("table").first()).toBeVisible(COLD_PG);
    await expect(lab.locator(".lab-error")).toHaveCount(0);
  });

  test("a `fails` example presents its error as the lesson's point, and the statements after it still run", async ({ page }) => {
    await gotoLesson(page, TRANSACTIONS);
    await page.getByRole("button", { name: "Run example 2", exact: true }).click();
    const lab = panel(page, 2);
    const error = lab.locator(".lab-error");
    await expect(error).toHaveCount(1, COLD);
    await expect(error).toContainText("This is the error this example is about");
    await expect(error).toContainText("UNIQUE constraint failed: products.id");
    // SQLite keeps the transaction after the failed INSERT: the SELECT and COMMIT after it ran.
    const changes = lab.locator(".lab-changes");
    await expect(changes.filter({ hasText: "COMMIT: done" })).toHaveCount(1);
    await expect(changes.filter({ hasText: "UPDATE: 1 row affected" })).toHaveCount(2);
  });

  test("Stop ends a runaway recursive query; the engine restarts for the next run", async ({ page }) => {
    const lab = await openFirstExample(page);
    await typeInto(page, lab, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)\nSELECT COUNT(*) FROM n;");
    await lab.getByRole("button", { name: "Run", exact: true }).click();
    await expect(lab.getByText("Running…")).toBeVisible(COLD);
    const stop = lab.getByRole("button", { name: "Stop", exact: true });
    await expect(stop).toHaveAttribute("aria-disabled", "false");
    await stop.click();
    await expect(lab.locator(".lab-notice")).toHaveText("Stopped. SQLite was restarted: the next run loads the dataset again.");
    await expect(lab.getByRole("status")).toHaveText("Stopped. SQLite was restarted.");
    await expect(stop).toHaveAttribute("aria-disabled", "true");

    await typeInto(page, lab, "SELECT COUNT(*) AS n FROM products;");
    await lab.getByRole("button", { name: "Run", exact: true }).click();
    await expect(lab.getByRole("table", { name: /^Result: 1 row/ }).getByRole("cell")).toHaveText("10");
  });

  test("examples share the lesson's database: a later example sees what an earlier one created", async ({ page }) => {
    await gotoLesson(page, "/tracks/sql/views");
    // Example 2 queries the view example 1 creates; opening 2 first runs 1 before it.
    await page.getByRole("button", { name: "Run example 2", exact: true }).click();
    const lab = panel(page, 2);
    await expect(lab.getByText(/First ran the earlier example of this lesson/)).toBeVisible(COLD);
    await expect(lab.getByRole("table", { name: /^Result: 3 rows/ })).toBeVisible();
  });

  test("after a client-side move to the next lesson, its examples run on their own fresh database", async ({ page }) => {
    const first = await openFirstExample(page);
    await typeInto(page, first, "DELETE FROM products;");
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect(first.locator(".lab-changes")).toContainText("DELETE: 10 rows affected", COLD);

    await page.getByRole("link", { name: /Next · step 4/ }).click();
    await expect(page).toHaveURL(/\/tracks\/sql\/where-filtering$/);
    await page.getByRole("button", { name: "Run example 1", exact: true }).click();
    const next = panel(page, 1);
    await expect(editorOf(next)).toContainText("WHERE price_cents < 1000;");
    await expect(next.getByRole("table", { name: /^Result: 3 rows/ })).toBeVisible(COLD);
  });

  test("the lesson page loads no engine, worker or editor file before the first Run", async ({ page }) => {
    const before: Request[] = [];
    page.on("request", (r) => before.push(r));
    await page.goto(SELECT_BASICS, { waitUntil: "networkidle" });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState("networkidle");
    expect(before.map((r) => r.url()).filter((u) => LAB_FILE.test(u))).toEqual([]);
    const scriptsBefore = new Set(before.filter((r) => r.resourceType() === "script").map((r) => r.url()));
    for (const url of scriptsBefore) {
      const body = await (await page.request.get(url)).text();
      expect(body, url).not.toContain("cm-content"); // CodeMirror's editing surface
      expect(body, url).not.toContain("sqlite3.wasm");
    }

    const after: string[] = [];
    page.on("request", (r) => after.push(r.url()));
    await page.getByRole("button", { name: "Run example 1", exact: true }).click();
    await expect(panel(page, 1).getByRole("table")).toBeVisible(COLD);
    expect(after.some((u) => /\/lab\/[0-9a-f]{12}\/sqlite-worker\.js$/.test(u))).toBe(true);
    expect(after.some((u) => /\/lab\/[0-9a-f]{12}\/sqlite3\.wasm\.gz$/.test(u))).toBe(true);
    expect(after.some((u) => /postgres|pglite/.test(u))).toBe(false);
    const newScripts = after.filter((u) => u.includes("/_next/static/") && !scriptsBefore.has(u));
    const bodies = await Promise.all(newScripts.map(async (u) => (await page.request.get(u)).text()));
    expect(bodies.some((b) => b.includes("cm-content"))).toBe(true);
  });

  test("learner SQL never leaves the browser", async ({ page }) => {
    const marker = `lab-marker-${Date.now()}`;
    const sent: string[] = [];
    page.on("request", (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ""}`));
    const lab = await openFirstExample(page);
    await typeInto(page, lab, `SELECT '${marker}' AS m;`);
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect(lab.getByRole("table").getByRole("cell")).toHaveText(marker, COLD);
    await page.getByRole("button", { name: "Write your query for exercise 1" }).click();
    const ex = exercisePanel(page, 1);
    await editorOf(ex).pressSequentially(`SELECT '${marker}' AS category;`);
    await ex.getByRole("button", { name: "Check", exact: true }).click();
    await expect(ex.getByText("Not yet", { exact: true })).toBeVisible();
    expect(sent.filter((s) => s.includes(marker))).toEqual([]);
    expect(sent.filter((s) => s.startsWith("POST") && !s.includes("/api/v1/progress/sync") && !s.includes("/api/csp-report"))).toEqual([]);
  });

  test("result cells are text: markup in a value is shown, not rendered", async ({ page }) => {
    const lab = await openFirstExample(page);
    await typeInto(page, lab, `SELECT '<img src=x onerror="window.__pwned=1"><b>bold</b>' AS html;`);
    await page.keyboard.press("ControlOrMeta+Enter");
    const cell = lab.getByRole("table").getByRole("cell");
    await expect(cell).toHaveText('<img src=x onerror="window.__pwned=1"><b>bold</b>', COLD);
    await expect(cell.locator("img, b")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test.describe("the lab's files and policy", () => {
  test("pages allow same-origin workers only; the lab's workers may compile WebAssembly, never eval; engine files are immutable", async ({
    page,
    request,
  }) => {
    const res = await request.get(SELECT_BASICS);
    const pageCsp = res.headers()["content-security-policy"]!;
    expect(pageCsp).toContain("worker-src 'self'");
    expect(pageCsp).not.toContain("unsafe-eval");

    const workers: string[] = [];
    page.on("request", (r) => r.url().endsWith("-worker.js") && workers.push(r.url()));
    await gotoLesson(page, SELECT_BASICS);
    await page.getByRole("button", { name: "Run example 1", exact: true }).click();
    await expect(panel(page, 1).getByRole("table")).toBeVisible(COLD);
    const [worker] = workers;
    const version = /\/lab\/([0-9a-f]{12})\//.exec(worker!)![1];
    for (const file of ["sqlite-worker.js", "sqlite3.wasm.gz", "postgres-worker.js", "pglite.wasm.gz", "pgdata.tar.gz"]) {
      const head = await request.head(`/lab/${version}/${file}`);
      expect(head.status(), file).toBe(200);
      expect(head.headers()["cache-control"], file).toBe("public, max-age=31536000, immutable");
      const csp = head.headers()["content-security-policy"]!;
      expect(csp, file).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, file).not.toContain("'unsafe-eval'");
    }
    const sw = await request.head("/lab-sw.js");
    expect(sw.headers()["cache-control"]).toBe("no-cache");
  });
});

test.describe("exercises", () => {
  const EXERCISE = "Write your query for exercise 1"; // select-basics: each category once

  test("a wrong answer gets the difference and its feedback; a hard-coded one fails on the variant; a right one counts on the track page", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await gotoLesson(page, SELECT_BASICS);
    await expect(page.getByRole("heading", { name: /Exercise 1\. Each category once/ })).toBeVisible();
    await page.getByRole("button", { name: EXERCISE }).click();
    const ex = exercisePanel(page, 1);
    const verdict = ex.locator(".lab-verdict");

    await editorOf(ex).pressSequentially("SELECT category FROM products;");
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect(verdict).toContainText("Not yet", COLD);
    await expect(verdict).toContainText("6 extra rows.");
    await expect(verdict).toContainText("One row per product, so each category appears as often as it has products.");
    const extra = verdict.getByRole("table", { name: /^Extra in your result: 6 rows, the first 5 shown/ });
    await expect(extra.getByRole("row")).toHaveCount(6);
    await expect(ex.getByRole("status")).toContainText("Not yet. 6 extra rows.");

    // Typing the visible answer in: right here, wrong on the hidden second version of the data.
    await typeInto(
      page,
      ex,
      "SELECT 'books' AS category UNION SELECT 'electronics' UNION SELECT 'kitchen' UNION SELECT 'stationery';",
    );
    await ex.getByRole("button", { name: "Check", exact: true }).click();
    await expect(verdict).toContainText("Not yet: right here, wrong on other data");
    await expect(verdict).toContainText("hidden version of the dataset");

    // Two failed checks: a solution may be shown; hints one at a time.
    await ex.getByRole("button", { name: "Show a hint (1 of 2)" }).click();
    await expect(ex.getByRole("list", { name: "Hints" }).getByRole("listitem")).toHaveCount(1);
    await ex.getByRole("button", { name: "Show another hint (2 of 2)" }).click();
    await expect(ex.getByRole("list", { name: "Hints" }).getByRole("listitem")).toHaveCount(2);
    await expect(ex.getByRole("list", { name: "Hints" }).locator("code").first()).toHaveText("SELECT category");
    await ex.getByRole("button", { name: "Show a solution" }).click();
    await expect(ex.locator(".lab-solution pre")).toContainText("SELECT DISTINCT category");

    await typeInto(page, ex, "SELECT DISTINCT category FROM products ORDER BY 1;");
    await ex.getByRole("button", { name: "Check", exact: true }).click();
    await expect(verdict).toContainText("Solved");
    await expect(verdict).toContainText("Correct: 4 rows as expected");

    await expect(page.getByTestId("exercise-solved-distinct-categories")).toHaveText("✓ Solved on SQLite");
    await page.goto("/tracks/sql");
    await expect(page.getByTestId("track-exercises")).toHaveText(/^1 of \d+ exercises solved \(incl\. capstones\)$/);
    await expect(page.getByRole("listitem").filter({ hasText: "Select basics" }).getByTestId("lesson-exercises")).toHaveText(
      /^1 of \d+ exercises solved$/,
    );
  });

  test("an exercise is checked on PostgreSQL too", async ({ page }) => {
    test.setTimeout(120_000);
    await gotoLesson(page, SELECT_BASICS);
    await page.getByRole("button", { name: EXERCISE }).click();
    const ex = exercisePanel(page, 1);
    await ex.getByRole("radio", { name: "PostgreSQL" }).check();
    await editorOf(ex).pressSequentially("SELECT DISTINCT category FROM products;");
    await ex.getByRole("button", { name: "Check", exact: true }).click();
    await expect(ex.locator(".lab-verdict")).toContainText("Solved", COLD_PG);
    await expect(ex).toContainText("Counted in your progress (on PostgreSQL).");
  });
});

test.describe("the lab offline and by keyboard", () => {
  test("after the first Run, the lesson reloads and runs again without a network", async ({ context, page }) => {
    test.setTimeout(90_000);
    await gotoLesson(page, SELECT_BASICS);
    await page.getByRole("button", { name: "Run example 1", exact: true }).click();
    await expect(panel(page, 1).getByRole("table")).toBeVisible(COLD);
    // The service worker controls the page once it has claimed it.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() => page.evaluate(async () => (await caches.open("lnv-lab-pages")).match(location.pathname).then((r) => r !== undefined)))
      .toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Select basics" })).toBeVisible();
    await page.getByRole("button", { name: "Run example 1", exact: true }).click();
    await expect(panel(page, 1).getByRole("table", { name: /^Result: 10 rows/ })).toBeVisible();
    await context.setOffline(false);
  });

  test("the panel works by keyboard alone, and the editor lets focus go with Esc then Tab", async ({ page }) => {
    await gotoLesson(page, SELECT_BASICS);
    const run = page.getByRole("button", { name: "Run example 1", exact: true });
    await run.focus();
    await page.keyboard.press("Enter");
    const lab = panel(page, 1);
    await expect(lab.getByRole("table", { name: /^Result: 10 rows/ })).toBeVisible(COLD);

    await page.getByRole("button", { name: "Edit example 1", exact: true }).focus();
    await page.keyboard.press("Tab"); // into the panel: the first radio of the engine switch
    await expect(lab.getByRole("radio", { name: "SQLite" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(editorOf(lab)).toBeFocused();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("Tab"); // Tab indents inside the editor
    await expect(editorOf(lab)).toBeFocused();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab"); // Esc then Tab leaves it
    await expect(lab.getByRole("button", { name: "Run", exact: true })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(lab.getByRole("button", { name: "Reset", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(lab.locator(".lab-notice")).toContainText("Reset: the example's text and the shop dataset are back");
  });

  for (const theme of ["light", "dark"] as const) {
    test(`axe finds nothing with the lab open (${theme})`, async ({ page }) => {
      test.setTimeout(60_000);
      await useTheme(page, theme);
      const lab = await openFirstExample(page);
      await typeInto(page, lab, "SELECT nme FROM products;\nSELECT name, price_cents FROM products WHERE price_cents > 4000;");
      await page.keyboard.press("ControlOrMeta+Enter");
      await expect(lab.locator(".lab-error")).toBeVisible(COLD);
      await page.getByRole("button", { name: "Write your query for exercise 1" }).click();
      const ex = exercisePanel(page, 1);
      await editorOf(ex).pressSequentially("SELECT category FROM products;");
      await ex.getByRole("button", { name: "Check", exact: true }).click();
      await expect(ex.locator(".lab-verdict")).toContainText("Not yet");
      await ex.getByRole("button", { name: "Show a hint (1 of 2)" }).click();
      await expectNoA11yViolations(page);
    });
  }

  test("usable on a phone: the panel fits the screen @mobile", async ({ page }) => {
    await gotoLesson(page, SELECT_BASICS);
    await page.getByRole("button", { name: "Run example 1", exact: true }).click();
    const lab = panel(page, 1);
    await expect(lab.getByRole("table", { name: /^Result: 10 rows/ })).toBeVisible(COLD);
    const box = (await lab.boundingBox())!;
    const width = page.viewportSize()!.width;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expect(lab.getByRole("button", { name: "Run", exact: true })).toBeInViewport();
  });
});
