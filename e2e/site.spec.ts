import { expect, expectNoA11yViolations, test, useTheme } from "./fixtures";

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
});
