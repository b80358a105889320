import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * Two tracks (issue 15): the home page lists the SQL track and "PostgreSQL in practice" in their
 * track.yaml order, search finds lessons of both, the new track's page lists its twelve steps, and
 * its lab opens on PostgreSQL with no engine switch.
 */
const PG_LESSON = "/tracks/postgresql/jsonb-and-arrays";

const panel = (page: Page, n: number) => page.getByRole("region", { name: `SQL lab, example ${n}` });

test.describe("two tracks", () => {
  test("the home page lists both tracks, SQL first, and leads to the PostgreSQL track's steps", async ({ page }) => {
    await page.goto("/");
    const cards = page.locator("#tracks li");
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(0).getByRole("heading", { level: 3 })).toHaveText("SQL");
    await expect(cards.nth(1).getByRole("heading", { level: 3 })).toHaveText("PostgreSQL in practice");
    await expect(cards.nth(1)).toContainText("12 lessons");

    await cards.nth(1).getByRole("link", { name: "See all 12 steps" }).click();
    await expect(page).toHaveURL("/tracks/postgresql");
    await expect(page.getByRole("heading", { level: 1, name: "PostgreSQL in practice" })).toBeVisible();
    const steps = page.getByRole("list", { name: "PostgreSQL in practice lessons" }).getByRole("listitem");
    await expect(steps).toHaveCount(12);
    await expect(steps.nth(0)).toContainText("jsonb and arrays");
    await expect(steps.nth(11)).toContainText("Operating PostgreSQL");
    // all twelve are written
    await expect(page.getByText("Coming soon")).toHaveCount(0);

    await page.getByRole("link", { name: "jsonb and arrays" }).click();
    await expect(page).toHaveURL(PG_LESSON);
    await expect(page.getByRole("heading", { level: 1, name: "jsonb and arrays" })).toBeVisible();
    await expect(page.locator("header").filter({ hasText: "Step 1/12" })).toBeVisible();
  });

  test("search finds lessons of both tracks and names each one's track", async ({ page }) => {
    await page.goto("/search?q=index");
    const results = page.getByRole("listitem");
    await expect(results.filter({ hasText: "Index basics" }).getByText(/^SQL · step \d+/)).toBeVisible();
    await expect(results.filter({ hasText: "jsonb and arrays" }).getByText(/^PostgreSQL in practice · step 1/)).toBeVisible();

    await page.goto("/search?q=containment");
    await page.getByRole("listitem").filter({ hasText: "jsonb and arrays" }).getByRole("link", { name: "jsonb and arrays" }).click();
    await expect(page).toHaveURL(PG_LESSON);
  });

  test("the PostgreSQL track's lab opens on PostgreSQL with no engine switch, and labels a failing block without 'both engines'", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(PG_LESSON);
    await expect(page.getByText("Fails on purpose", { exact: true })).toBeVisible();
    await expect(page.getByText(/both engines/)).toHaveCount(0);
    await page.getByRole("button", { name: "Run example 1", exact: true }).click();
    const lab = panel(page, 1);
    await expect(lab.getByText("Runs on PostgreSQL only")).toBeVisible();
    await expect(lab.getByRole("radio")).toHaveCount(0);
    const grid = lab.getByRole("table").first();
    await expect(grid).toBeVisible({ timeout: 60_000 });
    await expect(grid.getByRole("columnheader")).toHaveText(["as_json", "as_jsonb"]);
    await expect(lab).toContainText(/Ran on PostgreSQL in \d+ ms\./);
    await expect(lab).toContainText("platform dataset");
  });
});
