import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
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

// ── Mail ──────────────────────────────────────────────────────────────────────────────────────────

/** Where the e2e server writes mail (it has no SMTP_URL): one .txt file per message. */
export const OUTBOX = process.env.E2E_OUTBOX_DIR ?? path.resolve(import.meta.dirname, "../data/e2e-outbox");

/** The texts of the mails sent to `email` (oldest first), optionally only those whose subject matches. */
export function mailsTo(email: string, subject?: RegExp, dir = OUTBOX): string[] {
  const safe = email.replace(/[^a-z0-9@._-]/gi, "_");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(`-${safe}.txt`))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .filter((text) => !subject || subject.test(/^Subject: (.*)$/m.exec(text)?.[1] ?? ""));
}

/** Waits for a mail to `email` (mail leaves after the response) and returns the newest one's text. */
export async function waitForMail(email: string, subject?: RegExp, dir = OUTBOX): Promise<string> {
  let texts: string[] = [];
  await expect.poll(() => (texts = mailsTo(email, subject, dir)).length, { message: `a mail to ${email} in ${dir}`, timeout: 10_000 }).toBeGreaterThan(0);
  return texts.at(-1)!;
}

/** The first link in a mail whose path starts with `pathPrefix`, e.g. "/reset-password". */
export function linkIn(mail: string, pathPrefix: string): URL {
  const escaped = pathPrefix.replace(/[/?]/g, "\\$&");
  const match = new RegExp(`https?://[^\\s/]+${escaped}\\S*`).exec(mail);
  expect(match, `a link to ${pathPrefix} in:\n${mail}`).toBeTruthy();
  return new URL(match![0]);
}

/**
 * In a browser that has just submitted the sign-up form: the page says to check the inbox; the
 * mailed link is opened and the account created by pressing the button, as a person would.
 */
export async function confirmSignUpInBrowser(page: Page, email: string) {
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const link = linkIn(await waitForMail(email, /Confirm/), "/signup/confirm");
  await page.goto(link.pathname + link.search);
  await page.getByRole("button", { name: "Create my account" }).click();
}

/**
 * Creates an account as a person would: sign-up answers 202 without saying whether the address is
 * new, the confirmation link arrives by mail, and confirming it creates the account and signs in.
 */
export async function apiSignUp(request: APIRequestContext, user: { name: string; email: string; password: string }) {
  const res = await request.post("/api/v1/auth/sign-up", { data: user });
  if (res.status() === 201) return (await res.json()).user as { id: string; email: string; name: string; role: string };
  expect(res.status(), await res.text()).toBe(202);
  const link = linkIn(await waitForMail(user.email, /Confirm/), "/signup/confirm");
  const confirmed = await request.post("/api/v1/auth/confirm", { data: { token: link.searchParams.get("token") } });
  expect(confirmed.status(), await confirmed.text()).toBe(201);
  return (await confirmed.json()).user as { id: string; email: string; name: string; role: string };
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

/** The test fixtures that API helpers take, passed on as the test received them: `{ playwright, baseURL }`. */
export type TApiFixtures = { playwright: PlaywrightWorkerArgs["playwright"]; baseURL: string | undefined };

/** A new learner signed up through the API (as apiSignUp does), and the API context signed in as them. */
export async function signedUpApi({ playwright, baseURL }: TApiFixtures, prefix?: string) {
  const user = newLearner(prefix);
  const api = await apiContext(playwright, baseURL);
  const { id } = await apiSignUp(api, user);
  return { user: { ...user, id }, api };
}

/**
 * A new learner, signed up through the API (as apiSignUp does), and a browser context signed in as
 * them. Takes the test's own fixtures: `signedInLearner({ browser, playwright, baseURL }, "poster")`.
 */
export async function signedInLearner(
  { browser, playwright, baseURL }: TApiFixtures & { browser: Browser },
  prefix?: string,
) {
  const { user } = await signedUpApi({ playwright, baseURL }, prefix);
  return { user, context: await signedInContext(browser, baseURL, user) };
}

/** A new learner who signed up through a fresh browser context's own requests, which signs that context in. */
export async function signedUpContext(browser: Browser, baseURL: string | undefined, prefix?: string) {
  const user = newLearner(prefix);
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": randomIp() } });
  const { id } = await apiSignUp(context.request, user);
  return { user: { ...user, id }, context };
}
