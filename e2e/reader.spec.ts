import { expect, expectNoA11yViolations, test, useTheme } from "./fixtures";

const LESSON = "/tracks/sql/migrations-basics";

test.describe("an anonymous reader", () => {
  test("opens the SQL track, goes to step 31 and sees every part of the lesson", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "See all 36 steps" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "SQL" })).toBeVisible();
    // the outline is split into the track's parts, each a heading, and each part ends with its capstone
    await expect(page.getByRole("heading", { level: 2, name: "In production" })).toBeVisible();
    const steps = page.getByRole("listitem").filter({ hasText: /^Step \d+/ });
    await expect(steps).toHaveCount(36);
    await expect(steps.nth(30)).toContainText("Step 31");
    await expect(page.getByRole("list", { name: "In production lessons" }).getByRole("listitem").first()).toContainText(
      "Step 31",
    );
    await expect(page.getByRole("link", { name: /^Capstone: / })).toHaveCount(5);
    await page.getByRole("link", { name: "Migrations basics" }).click();

    await expect(page).toHaveURL(LESSON);
    await expect(page.getByRole("heading", { level: 1, name: "Migrations basics" })).toBeVisible();
    const header = page.locator("header").filter({ hasText: "Step 31/36" });
    await expect(header).toContainText("86% through track");
    await expect(header).toContainText("migrations-basics");
    await expect(header).toContainText("Last reviewed December 2, 2026");
    await expect(header).toContainText("Content v20261202");
    await expect(header).toContainText("sql_sandbox");
    await expect(header).toContainText("SQL sandbox");
    await expect(header).toContainText(/~\d+ min/);
    await expect(header).toContainText("Advanced");
    await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "86");

    await expect(page.getByRole("heading", { name: "This lesson" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Why migrations" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Safe migration habits" })).toBeVisible();
    // SQL is highlighted at build time: coloured spans in the HTML, no highlighter in the browser.
    await expect(page.locator("pre.shiki span[style*='--shiki-light']").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Important interview questions and answers" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Self-check" })).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Tip" })).toContainText("Tip:");
    await expect(page.getByRole("heading", { name: "Interview prep" })).toBeVisible();
    await expect(page.getByText("Can you explain this lesson in 30 seconds without reading notes?")).toBeVisible();
    await expect(page.getByTestId("confidence-status")).toHaveText("Not saved yet.");
    await expect(page.getByRole("heading", { name: "Check yourself" })).toBeVisible();
    await expect(page.getByText("Multiple choice — immediate feedback.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Discussion", exact: true })).toBeVisible();
    await expect(
      page.getByText("Past discussion is visible to everyone. Only logged-in users can post comments and replies."),
    ).toBeVisible();
    await expect(page.getByText("Backward compatible?")).toBeVisible();
    await expect(page.getByText("Lock during ALTER?")).toBeVisible();
    await expect(page.getByText("to post comments and sync lesson progress across devices.")).toBeVisible();
    // no spec posts on this lesson (LESSONS.empty in e2e/discussion-helpers.ts refuses to)
    await expect(page.getByText("No discussion yet. Be the first to ask a question.")).toBeVisible();
    await expect(page.getByRole("link", { name: /Previous · step \d+/ })).toBeVisible();
  });

  test("self-check answers and prep cards reveal on demand", async ({ page }) => {
    await page.goto(LESSON);
    const check = page.locator("#self-check ~ ol details").first();
    await expect(check.locator("summary + p")).toBeHidden();
    await check.locator("summary").click();
    await expect(check.locator("summary + p")).toBeVisible();

    const card = page.locator("details", { hasText: "Add NOT NULL safely?" });
    await expect(card.getByText("Reveal answer")).toBeVisible();
    await expect(card.getByText(/backfill in batches/)).toBeHidden();
    // keyboard: focus the card's summary and press Enter
    await card.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(card.getByText(/backfill in batches/)).toBeVisible();
  });

  test("answers the quiz wrong, then right, and reads the feedback", async ({ page }) => {
    await page.goto(LESSON);
    const question = page.locator("[data-question='applied-table']");
    await question.getByRole("button", { name: /compares file modification times/ }).click();
    await expect(question).toContainText("Not quite. Read why, then try another answer.");
    await expect(question.getByRole("button", { name: /compares file modification times/ })).toContainText(
      "(incorrect)",
    );
    await question.getByRole("button", { name: /reads a table in the database/ }).click();
    await expect(question).toContainText("Correct, after 2 tries.");
    await expect(question.getByRole("button", { name: /reads a table in the database/ })).toContainText("(correct)");
  });

  test("rates confidence and the rating survives a reload", async ({ page }) => {
    await page.goto(LESSON);
    await page.getByText("Mostly", { exact: true }).click();
    await expect(page.getByTestId("confidence-status")).toHaveText("Saved in this browser.");
    await page.reload();
    await expect(page.getByRole("radio", { name: "Mostly" })).toBeChecked();
    await expect(page.getByTestId("confidence-status")).toHaveText("Saved in this browser.");
  });

  test("jumps to another lesson and moves with previous / next", async ({ page }) => {
    await page.goto(LESSON);
    await page.getByText("Jump", { exact: true }).click();
    await page
      .getByRole("navigation", { name: "Jump to a SQL lesson" })
      .getByRole("link", { name: "3. SELECT basics" })
      .click();
    await expect(page).toHaveURL("/tracks/sql/select-basics");
    await expect(page.getByText("Step 3/36")).toBeVisible();
    await page.getByRole("link", { name: /Next · step 4/ }).click();
    await expect(page).toHaveURL("/tracks/sql/where-filtering");
  });

  test("opens the older version, labelled, with what changed and a link to the current one", async ({ page }) => {
    await page.goto(LESSON);
    await page.getByRole("navigation", { name: "Versions" }).getByRole("link", { name: "v20260312" }).click();
    await expect(page).toHaveURL(`${LESSON}/v/v20260312`);
    const note = page.getByRole("note", { name: "Version notice" });
    await expect(note).toContainText("You are reading an older version: v20260312");
    await expect(note).toContainText("Added section: Safe migration habits");
    await expect(page.getByText("Content v20260312")).toBeVisible();
    await note.getByRole("link", { name: "v20261202" }).click();
    await expect(page).toHaveURL(LESSON);
  });

  test("searches and sees highlighted snippets", async ({ page }) => {
    await page.goto("/search");
    await page.getByRole("searchbox", { name: "Search titles, summaries and lesson text" }).fill("backfill");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=backfill/);
    const result = page.getByRole("listitem").filter({ hasText: "Migrations basics" });
    await expect(result.locator("mark").first()).toHaveText(/backfill/i);
    await result.getByRole("link", { name: "Migrations basics" }).click();
    await expect(page).toHaveURL(LESSON);

    await page.goto("/search?q=zzzqqq");
    await expect(page.getByText("No lessons match “zzzqqq”.")).toBeVisible();
  });

  // A lesson listed in the outline but not written yet is a 404 too: every SQL lesson is written, so
  // tests/lesson-pages.test.ts proves that with a fixture track against the lesson pages' code.
  test("unknown track, lesson and version are 404 pages", async ({ page }) => {
    for (const url of ["/tracks/cobol", "/tracks/sql/no-such-lesson", `${LESSON}/v/v19990101`]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
    }
  });

  test("lesson page works on a phone @mobile", async ({ page }) => {
    await page.goto(LESSON);
    await expect(page.getByRole("heading", { level: 1, name: "Migrations basics" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  for (const theme of ["light", "dark"] as const) {
    test(`no axe violations on home, track, lesson, older version and search (${theme})`, async ({ page }) => {
      // several full axe passes: on two loaded cores one takes up to ~10 s, more than a third of the default 30 s
      test.slow();
      await useTheme(page, theme);
      for (const url of ["/", "/tracks/sql", LESSON, `${LESSON}/v/v20260312`, "/search?q=join"]) {
        await page.goto(url);
        // open the disclosure widgets so their content is checked too
        await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
        await expectNoA11yViolations(page);
      }
    });
  }

  test("lesson HTML is the same for two visitors and may be cached by shared caches", async ({
    playwright,
    baseURL,
  }) => {
    const a = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { "User-Agent": "visitor-a", Cookie: "x=1" },
    });
    const b = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "User-Agent": "visitor-b" } });
    const [ra, rb] = await Promise.all([a.get(LESSON), b.get(LESSON)]);
    expect(await ra.text()).toBe(await rb.text());
    expect(ra.headers()["cache-control"]).toMatch(/s-maxage=\d+/);
    await a.dispose();
    await b.dispose();
  });
});
