import type { APIRequestContext } from "@playwright/test";
import { gzippedBytes, scriptSources } from "../scripts/lib/page-scripts.mjs";
import { expect, expectNoA11yViolations, test, useTheme } from "./fixtures";

/** Gzipped bytes of the scripts a page makes a browser download. */
async function scriptBytes(request: APIRequestContext, path: string): Promise<number> {
  let total = 0;
  for (const src of scriptSources(await (await request.get(path)).text())) total += gzippedBytes(await (await request.get(src)).body());
  return total;
}

test.describe("site shell", () => {
  test("home has the header, skip link and footer @mobile", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Learn Netverks" })).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await skip.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    await expect(page.getByRole("contentinfo")).toBeVisible();
  });

  test("dark theme is applied before first paint and persists", async ({ page }) => {
    await useTheme(page, "dark");
    // Record the <html> class as soon as the document exists, before any stylesheet or React.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { __firstClass: string }).__firstClass = document.documentElement.className;
      });
    });
    await page.goto("/");
    expect(await page.evaluate(() => (window as unknown as { __firstClass: string }).__firstClass)).toContain("dark");
    await page.getByRole("button", { name: "Light" }).click();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await expect(page.getByRole("button", { name: "Light" })).toHaveAttribute("aria-pressed", "true");
  });

  test("system theme follows the operating system", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.emulateMedia({ colorScheme: "light" });
    await expect(page.locator("html")).not.toHaveClass(/dark/);
  });

  test("unknown page shows the 404 page in the site design", async ({ page }) => {
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Learn Netverks" })).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test("health reports the database", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ok");
    expect(["pglite", "postgresql"]).toContain(body.db);
    expect(body.migrations.applied).toBeGreaterThan(0);
  });

  for (const theme of ["light", "dark"] as const) {
    test(`home has no axe violations (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto("/");
      await expectNoA11yViolations(page);
    });
  }

  test("no page carries much JavaScript beyond the framework's own (the 404 page's)", async ({ request }) => {
    // The lesson page is about 12 KB over the floor; the sign-in pages once carried the 220 KB
    // common-password list because a form imported the password limits from the module holding it.
    const floor = await scriptBytes(request, "/no-such-page-floor");
    for (const path of ["/", "/tracks/sql", "/tracks/sql/select-basics", "/login", "/signup", "/forgot-password", "/account", "/dashboard", "/search?q=join"]) {
      const over = (await scriptBytes(request, path)) - floor;
      expect(over, `${path}: ${(over / 1024).toFixed(1)} KiB of gzipped JavaScript over the framework's`).toBeLessThan(40 * 1024);
    }
  });
});

