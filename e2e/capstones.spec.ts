import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { apiContext, apiSignUp, expect, expectNoA11yViolations, newLearner, signedInContext, test, useTheme } from "./fixtures";

/**
 * Capstones in the learner's path (issue 15): the last lesson of a part leads on to the part's
 * capstone with its exercise count, a solve shows there and on the dashboard (whose totals include
 * capstones), and the capstone page and the link pass axe in both themes and fit a phone.
 */
const CAPSTONE = "/tracks/sql/capstones/basics";
/** The last lesson of the SQL track's first part, "Basics" (steps 1–8). */
const LAST_OF_BASICS = "/tracks/sql/group-by-having";
const INSIDE_BASICS = "/tracks/sql/select-basics";

type TTrackDetail = {
  lessons: { slug: string; published: boolean }[];
  parts: { slug: string; title: string; capstone: { id: string; exerciseCount: number } | null }[];
};

/** The Basics capstone and the SQL track's exercise figures, from the content API. */
async function basics(request: APIRequestContext) {
  const track = (await (await request.get("/api/v1/tracks/sql")).json()) as TTrackDetail;
  const part = track.parts.find((p) => p.slug === "basics")!;
  const capstone = (await (await request.get(`${CAPSTONE.replace("/tracks", "/api/v1/tracks")}/exercises`)).json()) as {
    exercises: { id: string }[];
  };
  expect(capstone.exercises).toHaveLength(part.capstone!.exerciseCount);
  const inCapstones = track.parts.reduce((n, p) => n + (p.capstone?.exerciseCount ?? 0), 0);
  const perLesson = await Promise.all(
    track.lessons
      .filter((l) => l.published)
      .map(async (l) => ((await (await request.get(`/api/v1/tracks/sql/lessons/${l.slug}/exercises`)).json()) as { exercises: unknown[] }).exercises.length),
  );
  const inLessons = perLesson.reduce((a, b) => a + b, 0);
  return { id: part.capstone!.id, title: part.title, exerciseIds: capstone.exercises.map((x) => x.id), inCapstones, total: inLessons + inCapstones };
}

const capstoneCard = (page: Page) => page.getByRole("region", { name: /^Part capstone: / });

test.describe("a part's capstone in the learner's path", () => {
  test("the last lesson of a part links to its capstone with the exercise count; lessons inside the part do not", async ({ page, request }) => {
    const { exerciseIds, title } = await basics(request);
    // the static HTML already carries the link and the count, the same for every visitor
    const html = await (await request.get(LAST_OF_BASICS)).text();
    expect(html).toContain(`>Part capstone: ${title}</a>`);
    expect(html).toMatch(new RegExp(`data-testid="part-capstone-exercises">${exerciseIds.length} exercises<`));

    await page.goto(LAST_OF_BASICS);
    const card = capstoneCard(page);
    await expect(card.getByRole("link", { name: `Part capstone: ${title}` })).toHaveAttribute("href", CAPSTONE);
    await expect(card).toContainText("steps 1–8");
    // a guest's progress is this browser's: none solved yet
    await expect(card.getByTestId("part-capstone-exercises")).toHaveText(`0 of ${exerciseIds.length} exercises solved`);
    // "On this page" jumps to it
    await expect(page.getByRole("navigation", { name: "On this page" }).getByRole("link", { name: "Part capstone" })).toHaveAttribute(
      "href",
      "#part-capstone",
    );

    await page.goto(INSIDE_BASICS);
    await expect(page.getByRole("heading", { level: 1, name: "Select basics" })).toBeVisible();
    await expect(capstoneCard(page)).toHaveCount(0);
  });

  test("a signed-in learner's capstone solve shows on the link, the capstone page and the dashboard; the other track is untouched", async ({
    browser,
    baseURL,
    playwright,
  }) => {
    // sign-up by mail, 38 content requests and three pages: more than 30 s on two loaded cores
    test.slow();
    const user = newLearner("capstone");
    await apiSignUp(await apiContext(playwright, baseURL), user);
    const context = await signedInContext(browser, baseURL, user);
    const { id, title, exerciseIds, inCapstones, total } = await basics(context.request);
    const before = await (await context.request.get("/api/v1/progress/dashboard?tzOffset=0")).json();
    const res = await context.request.post("/api/v1/progress/sync", {
      data: {
        mutations: [
          { id: randomUUID(), kind: "exercise", lessonId: id, exerciseId: exerciseIds[0], engine: "postgres", clientTime: new Date().toISOString() },
        ],
      },
    });
    expect(res.status(), await res.text()).toBe(200);

    const page = await context.newPage();
    await page.goto(LAST_OF_BASICS);
    const card = capstoneCard(page);
    await expect(card.getByTestId("part-capstone-exercises")).toHaveText(`1 of ${exerciseIds.length} exercises solved`);

    // by keyboard: the link takes focus and Enter follows it
    const link = card.getByRole("link", { name: `Part capstone: ${title}` });
    await link.focus();
    await expect(link).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(CAPSTONE);
    await expect(page.getByRole("heading", { level: 1, name: `Capstone: ${title}` })).toBeVisible();
    await expect(page.getByTestId(`exercise-solved-${exerciseIds[0]}`)).toHaveText("✓ Solved on PostgreSQL");
    await expect(page.getByTestId(`exercise-solved-${exerciseIds[1]}`)).toHaveText("");

    await page.goto("/dashboard");
    const line = (name: string) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(line("SQL").getByTestId("dashboard-exercises")).toHaveText(
      ` · 1 of ${total} exercises solved (incl. capstones: 1 of ${inCapstones})`,
    );
    // the PostgreSQL track's figures are the same as before the solve: none solved
    type TTrackLine = { slug: string; title: string; exercises: { solved: number; total: number } };
    const pg = (before.tracks as TTrackLine[]).find((t) => t.slug === "postgresql")!;
    expect(pg.exercises.solved).toBe(0);
    expect(pg.exercises.total).toBeGreaterThan(0);
    const after = await (await context.request.get("/api/v1/progress/dashboard?tzOffset=0")).json();
    expect((after.tracks as TTrackLine[]).find((t) => t.slug === "postgresql")!.exercises).toEqual(pg.exercises);
    await expect(line(pg.title).getByTestId("dashboard-exercises")).toHaveText(new RegExp(`^ · 0 of ${pg.exercises.total} exercises? solved`));
    await context.close();
  });

  for (const theme of ["light", "dark"] as const) {
    test(`the capstone page with an exercise open, and the last lesson of a part, have no axe violations (${theme})`, async ({ page }) => {
      // an engine start and two full axe passes: more than the default 30 s on two loaded cores
      test.setTimeout(120_000);
      await useTheme(page, theme);
      await page.goto(CAPSTONE);
      await page.getByRole("button", { name: "Write your query for exercise 1" }).click();
      const ex = page.getByRole("region", { name: "SQL lab, exercise 1" });
      await ex.getByRole("textbox").pressSequentially("SELECT name FROM products;");
      await ex.getByRole("button", { name: "Check", exact: true }).click();
      await expect(ex.locator(".lab-verdict")).toContainText("Not yet", { timeout: 60_000 });
      await expectNoA11yViolations(page);

      await page.goto(LAST_OF_BASICS);
      await expect(capstoneCard(page).getByTestId("part-capstone-exercises")).toHaveText(/of \d+ exercises solved/);
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      await expectNoA11yViolations(page);
    });
  }

  test("the capstone page and the link fit a phone @mobile", async ({ page }) => {
    const width = page.viewportSize()!.width;
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(CAPSTONE);
    await expect(page.getByRole("heading", { level: 1, name: /^Capstone: / })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    const start = page.getByRole("button", { name: "Write your query for exercise 1" });
    await start.scrollIntoViewIfNeeded();
    await expect(start).toBeInViewport();

    await page.goto(LAST_OF_BASICS);
    const card = capstoneCard(page);
    await card.scrollIntoViewIfNeeded();
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await expect(card.getByRole("link", { name: /^Part capstone: / })).toBeInViewport();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});
