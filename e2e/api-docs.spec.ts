import { expect, expectNoA11yViolations, test, useTheme } from "./fixtures";

/** The API reference (/api/docs) and the document it renders (/api/v1/openapi.json). */
test.describe("API reference", () => {
  for (const theme of ["light", "dark"] as const) {
    test(`renders every section, accessible in the ${theme} theme, under the pages' CSP`, async ({ page }) => {
      // every operation of the API on one page: axe alone takes most of 30 s on a busy 2-core machine
      test.slow();
      await useTheme(page, theme);
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      const res = await page.goto("/api/docs");
      expect(res?.status()).toBe(200);
      expect(res?.headers()["content-security-policy"]).toContain("script-src");
      await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 3, name: "POST /api/v1/progress/sync" })).toBeVisible();
      if (theme === "dark") await expect(page.locator("html")).toHaveClass(/dark/);
      await expectNoA11yViolations(page);
      expect(errors).toEqual([]);
    });
  }

  test("links the OpenAPI 3.1 document, which lists the routes", async ({ page, request }) => {
    await page.goto("/api/docs");
    const href = await page.getByRole("link", { name: "/api/v1/openapi.json" }).getAttribute("href");
    const res = await request.get(href!);
    expect(res.status()).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toContain("/api/v1/threads/{id}/posts");
  });
});
