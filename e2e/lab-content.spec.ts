import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, expectNoA11yViolations, signedInLearner, test, useTheme } from "./fixtures";

/**
 * The SQL lab's data side as a learner meets it (issue 12): solved exercises counted on the track
 * page and the dashboard, and two-session timelines as readable, accessible tables.
 */
type TTrack = {
  lessons: { id: string; slug: string; title: string; published: boolean }[];
  parts: { capstone: { exerciseCount: number } | null }[];
};

/** Every exercise of the SQL track, by lesson, from the content API; `total` counts the capstones' too. */
async function trackExercises(request: APIRequestContext) {
  const track = (await (await request.get("/api/v1/tracks/sql")).json()) as TTrack;
  const lessons = await Promise.all(
    track.lessons
      .filter((l) => l.published)
      .map(async (l) => {
        const body = (await (await request.get(`/api/v1/tracks/sql/lessons/${l.slug}/exercises`)).json()) as {
          exercises: { id: string }[];
        };
        return { ...l, exerciseIds: body.exercises.map((x) => x.id) };
      }),
  );
  const inLessons = lessons.reduce((n, l) => n + l.exerciseIds.length, 0);
  const inCapstones = track.parts.reduce((n, p) => n + (p.capstone?.exerciseCount ?? 0), 0);
  return { lessons, inLessons, inCapstones, total: inLessons + inCapstones };
}

test.describe("solved exercises", () => {
  test("a solve synced from another device is counted on the track page, in the lesson's row and on the dashboard", async ({
    browser,
    baseURL,
    playwright,
  }) => {
    const { context } = await signedInLearner({ browser, playwright, baseURL }, "solver");
    const { lessons, inLessons, inCapstones, total } = await trackExercises(context.request);
    expect(inLessons).toBeGreaterThanOrEqual(36);
    expect(inCapstones).toBeGreaterThanOrEqual(5);
    const nullHandling = lessons.find((l) => l.slug === "null-handling")!;
    const res = await context.request.post("/api/v1/progress/sync", {
      data: {
        mutations: [
          {
            id: randomUUID(),
            kind: "exercise",
            lessonId: nullHandling.id,
            exerciseId: nullHandling.exerciseIds[0],
            engine: "postgres",
            clientTime: new Date().toISOString(),
          },
        ],
      },
    });
    expect(res.status(), await res.text()).toBe(200);

    const page = await context.newPage();
    await page.goto("/tracks/sql");
    await expect(page.getByTestId("track-exercises")).toHaveText(`1 of ${total} exercises solved (incl. capstones)`);
    const row = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: nullHandling.title, exact: true }) });
    await expect(row.getByTestId("lesson-exercises")).toHaveText(
      `1 of ${nullHandling.exerciseIds.length} exercises solved`,
    );
    // a lesson without exercises (a reading lesson) shows no count
    const reading = lessons.find((l) => l.slug === "production-checklist")!;
    await expect(
      page
        .getByRole("listitem")
        .filter({ has: page.getByRole("link", { name: reading.title, exact: true }) })
        .getByTestId("lesson-exercises"),
    ).toHaveCount(0);

    await page.goto("/dashboard");
    // the dashboard lists every track: read the SQL track's line
    const sqlTrack = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "SQL", exact: true }) });
    await expect(sqlTrack.getByTestId("dashboard-exercises")).toHaveText(
      ` · 1 of ${total} exercises solved (incl. capstones: 0 of ${inCapstones})`,
    );
    await context.close();
  });

  test("the track page's static HTML says how many exercises each lesson has, and a guest sees none solved", async ({
    page,
    request,
  }) => {
    const { total } = await trackExercises(request);
    const html = await (await request.get("/tracks/sql")).text();
    expect(html).toContain(`${total} exercises (incl. capstones)`);
    await page.goto("/tracks/sql");
    await expect(page.getByTestId("track-exercises")).toHaveText(`0 of ${total} exercises solved (incl. capstones)`);
  });
});

test.describe("two-session timelines", () => {
  // a long lesson page: axe needs more than the default 30 s on a busy two-core machine
  test.describe.configure({ timeout: 90_000 });

  for (const theme of ["light", "dark"] as const) {
    test(`read as a table with a caption and headers, with no axe violations (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto("/tracks/sql/isolation-levels");
      const tables = page.locator("figure.timeline table");
      expect(await tables.count()).toBeGreaterThanOrEqual(7);
      const lostUpdate = page.getByRole("table").filter({ hasText: "the application plans 999 + 100 too" });
      await expect(lostUpdate.locator("caption")).toHaveText(/Timeline on PostgreSQL: two sessions, A and B/);
      await expect(lostUpdate.getByRole("columnheader")).toHaveText(["Step", "Session A", "Session B"]);
      // the waiting step, and where it finishes
      await expect(lostUpdate.getByRole("row", { name: /^6 / })).toContainText("Waits for session A…");
      const released = lostUpdate.getByRole("row", { name: /^7 / }).locator("td.timeline-released");
      await expect(released).toContainText("The waiting statement finishes:");
      await expect(released.locator("samp")).toHaveText("UPDATE 1");
      await expectNoA11yViolations(page);
    });
  }

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 412, height: 915 } });

    test("stack each step with its session's label on a phone @mobile", async ({ page }) => {
      await page.goto("/tracks/sql/transactions");
      const timeline = page.locator("figure.timeline").first();
      await timeline.scrollIntoViewIfNeeded();
      const waiting = timeline.locator("tbody tr").nth(4);
      await expect(waiting.locator("td:not(.timeline-idle) .timeline-who")).toBeVisible();
      await expect(waiting.locator("td:not(.timeline-idle) .timeline-who")).toHaveText("Session B");
      await expect(waiting.locator("td.timeline-idle")).toBeHidden();
      // cards fit the screen: no sideways scrolling
      const overflow = await timeline.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await expectNoA11yViolations(page);
    });
  });
});
