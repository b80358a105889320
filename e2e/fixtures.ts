import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser, BrowserContext, PlaywrightWorkerArgs } from "@playwright/test";
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

// ── Accounts ──────────────────────────────────────────────────────────────────────────────────────

/** Seeded by scripts/e2e-server.mjs with the user CLI. */
export const SEEDED_PASSWORD = "e2e-correct-horse-42";
export const ADMIN = { email: "admin@e2e.test", name: "Ada Admin", password: SEEDED_PASSWORD };
export const MODERATOR = { email: "mod@e2e.test", name: "Max Moderator", password: SEEDED_PASSWORD };

/** A distinct client address per test, so per-IP limits of one test do not hit another. */
export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]! || 1}`;
}

export function newLearner(prefix = "learner") {
  const id = randomBytes(4).toString("hex");
  return { name: `${prefix} ${id}`, email: `${prefix}-${id}@e2e.test`, password: `pw-${id}-${randomBytes(4).toString("hex")}` };
}

export async function apiContext(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, ip = randomIp()) {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": ip } });
}

export async function apiSignUp(request: APIRequestContext, user: { name: string; email: string; password: string }) {
  const res = await request.post("/api/v1/auth/sign-up", { data: user });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).user as { id: string; email: string; name: string; role: string };
}

export async function apiSignIn(request: APIRequestContext, user: { email: string; password: string }) {
  const res = await request.post("/api/v1/auth/sign-in", { data: { email: user.email, password: user.password } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).user as { id: string; email: string; name: string; role: string };
}

/** A browser context already signed in (cookies from the API sign-in). */
export async function signedInContext(browser: Browser, baseURL: string | undefined, user: { email: string; password: string }): Promise<BrowserContext> {
  const ip = randomIp();
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": ip } });
  await apiSignIn(context.request, user);
  return context;
}
