import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export { expect };

/** Runs axe (WCAG 2.x A/AA) on the page and fails listing each violation. */
export async function expectNoA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, "axe violations").toEqual([]);
}

/** Sets the stored theme before any page script runs. */
export async function useTheme(page: Page, theme: "light" | "dark") {
  // Only when nothing is stored yet, so a choice made during the test survives reloads.
  await page.addInitScript((t) => {
    if (!localStorage.getItem("theme")) localStorage.setItem("theme", t);
  }, theme);
}

export const test = base;
