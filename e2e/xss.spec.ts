import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { LESSONS, createThread, eachQueuePage, json, reply, unique } from "./discussion-helpers";
import { MODERATOR, apiContext, apiSignIn, apiSignUp, expect, newLearner, test } from "./fixtures";

/**
 * Every vector of e2e/data/xss-vectors.txt (OWASP XSS Filter Evasion Cheat Sheet plus markdown
 * forms) and every string of e2e/data/naughty-strings.json (big-list-of-naughty-strings, MIT) is
 * posted through the API, then rendered in Chromium: on the lesson page for a guest, in the
 * moderation queue and in the notification bell. Zero executions: no dialog, no hooked call, no
 * CSP violation, and no script, event handler or javascript: URL in any rendered post.
 */

const DATA = path.join(import.meta.dirname, "data");
const VECTORS = fs
  .readFileSync(path.join(DATA, "xss-vectors.txt"), "utf8")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("%%"))
  .map((line) => line.replace(/\\n/g, "\n"));
const NAUGHTY: string[] = JSON.parse(fs.readFileSync(path.join(DATA, "naughty-strings.json"), "utf8"));

/** Posts per thread: one page of replies (REPLIES_PAGE_SIZE is 50). */
const PER_THREAD = 45;

type Probe = { hooked: string[]; csp: string[]; sentinels: number };

/**
 * Runs before any page script: flags alert/confirm/prompt/print calls and CSP violations. Violations
 * caused by the test's own sentinel (see `settle`) are counted apart.
 */
async function armPage(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    const probe: Probe = { hooked: [], csp: [], sentinels: 0 };
    (window as unknown as { __xss: Probe }).__xss = probe;
    for (const name of ["alert", "confirm", "prompt", "print"] as const) {
      const original = window[name].bind(window);
      Object.defineProperty(window, name, {
        configurable: false,
        value: (...args: unknown[]) => {
          probe.hooked.push(`${name}(${args.map(String).join(",")})`);
          return (original as (...a: unknown[]) => unknown)(...args);
        },
      });
    }
    document.addEventListener("securitypolicyviolation", (e) => {
      if (e.target instanceof Element && e.target.hasAttribute("data-xss-sentinel")) probe.sentinels++;
      else probe.csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return dialogs;
}

/** Pokes every element inside rendered posts with the events handlers would listen to. */
async function poke(page: Page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll(".post-body *")) {
      for (const type of [
        "mouseover",
        "mouseenter",
        "pointerover",
        "focus",
        "animationstart",
        "toggle",
        "load",
        "error",
      ]) {
        el.dispatchEvent(new Event(type, { bubbles: false }));
      }
    }
  });
  await settle(page);
}

/**
 * Waits until everything the poke set off has been reported, without a fixed sleep. Handlers run
 * inside dispatchEvent and the hooks record synchronously; CSP violations arrive later, as events in
 * the order they happened. So the page triggers one violation of its own (an inline handler outside
 * any post, which the CSP blocks) and the test polls until that one is reported: every violation
 * before it has been reported by then.
 */
async function settle(page: Page) {
  const before = await page.evaluate(() => {
    const probe = (window as unknown as { __xss: Probe }).__xss;
    const sentinel = document.createElement("button");
    sentinel.hidden = true;
    sentinel.setAttribute("data-xss-sentinel", "");
    sentinel.setAttribute("onclick", "void 0");
    document.body.append(sentinel);
    sentinel.click();
    return probe.sentinels;
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __xss: Probe }).__xss.sentinels), { message: "the sentinel's CSP violation" })
    .toBeGreaterThan(before);
  await page.evaluate(() => document.querySelectorAll("[data-xss-sentinel]").forEach((el) => el.remove()));
}

/** What must never be found inside rendered posts. */
async function dangerousMarkup(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const bodies = [...document.querySelectorAll(".post-body")];
    for (const body of bodies) {
      for (const el of [body, ...body.querySelectorAll("*")]) {
        const tag = el.tagName.toLowerCase();
        if (
          [
            "script",
            "iframe",
            "object",
            "embed",
            "img",
            "svg",
            "math",
            "style",
            "link",
            "meta",
            "base",
            "form",
            "input",
            "button",
            "textarea",
            "select",
            "video",
            "audio",
            "source",
            "frame",
            "frameset",
            "applet",
            "template",
          ].includes(tag)
        ) {
          found.push(`<${tag}>`);
        }
        for (const attr of el.getAttributeNames()) {
          if (
            attr.startsWith("on") ||
            ["style", "src", "srcdoc", "formaction", "action", "xlink:href", "background", "dynsrc", "lowsrc"].includes(
              attr,
            )
          )
            found.push(`${tag}[${attr}]`);
        }
        if (tag === "a") {
          const href = el.getAttribute("href") ?? "";
          const protocol = (el as HTMLAnchorElement).protocol;
          if (!["http:", "https:", "mailto:"].includes(protocol)) found.push(`a[href=${href}]`);
          if (el.getAttribute("rel") !== "nofollow ugc noopener") found.push(`a[rel=${el.getAttribute("rel")}]`);
          if (el.hasAttribute("target")) found.push("a[target]");
        }
      }
    }
    return { bodies: bodies.length, found };
  });
}

async function expectNoExecution(page: Page, dialogs: string[]) {
  await poke(page);
  const probe = await page.evaluate(() => (window as unknown as { __xss: Probe }).__xss);
  expect(dialogs, "dialogs opened").toEqual([]);
  expect(probe.hooked, "alert/confirm/prompt/print called").toEqual([]);
  expect(probe.csp, "CSP violations").toEqual([]);
  const { bodies, found } = await dangerousMarkup(page);
  expect(found, "dangerous markup inside rendered posts").toEqual([]);
  return bodies;
}

async function postAll(posters: APIRequestContext[], items: { title: string; bodies: string[] }[]) {
  const threadIds: string[] = [];
  await Promise.all(
    items.map(async (item, i) => {
      const api = posters[i % posters.length]!;
      const { threadId } = await createThread(api, LESSONS.xss.id, item.title, item.bodies[0]!);
      threadIds[i] = threadId;
      // Replies come from another poster, so the thread's author is notified of each.
      const replier = posters[(i + 1) % posters.length]!;
      for (const body of item.bodies.slice(1)) await reply(replier, threadId, body);
    }),
  );
  return threadIds;
}

test.describe("XSS: hostile posts render as inert text", () => {
  test.setTimeout(240_000);

  test(`${VECTORS.length} filter-evasion vectors and ${NAUGHTY.length} naughty strings never execute`, async ({
    playwright,
    baseURL,
    browser,
  }) => {
    expect(VECTORS.length).toBeGreaterThan(150);
    const posters: APIRequestContext[] = [];
    for (let i = 0; i < 6; i++) {
      const api = await apiContext(playwright, baseURL);
      await apiSignUp(api, newLearner("xss"));
      posters.push(api);
    }
    // Each vector is a post of its own (a line after it keeps "the same text twice" from matching
    // two vectors that differ only in case); titles carry vectors too.
    const vectorPosts = VECTORS.map((v, i) => `${v}\n\nvector ${i + 1}`);
    const naughtyPosts: string[] = [];
    for (let i = 0; i < NAUGHTY.length; i += 25)
      naughtyPosts.push(`${NAUGHTY.slice(i, i + 25).join("\n\n")}\n\nnaughty batch ${i / 25 + 1}`);
    const items: { title: string; bodies: string[] }[] = [];
    const titles = VECTORS.filter((v) => v.trim().length >= 5 && v.length <= 110 && !v.includes("\n"));
    for (let i = 0; i < vectorPosts.length; i += PER_THREAD) {
      items.push({
        title: `${titles[items.length % titles.length]} ${unique()}`,
        bodies: vectorPosts.slice(i, i + PER_THREAD),
      });
    }
    items.push({ title: `Naughty strings ${NAUGHTY[30]} ${unique()}`, bodies: naughtyPosts });
    const threadIds = await postAll(posters, items);

    // 1. The lesson page, as a guest, every thread open.
    const guest = await browser.newContext({ baseURL });
    const page = await guest.newPage();
    const dialogs = await armPage(page);
    await page.goto(LESSONS.xss.path);
    const threads = page.getByRole("list", { name: "Threads" });
    await expect(threads.locator(":scope > li")).toHaveCount(threadIds.length);
    for (const id of threadIds) await page.locator(`#thread-${id}-title button`).click();
    const expected = vectorPosts.length + naughtyPosts.length;
    await expect(page.locator(".post-body")).toHaveCount(expected, { timeout: 30_000 });
    expect(await expectNoExecution(page, dialogs)).toBe(expected);
    // the vectors are there, as text
    await expect(page.getByText("<script>alert('XSS')</script>", { exact: true })).toBeVisible();
    await guest.close();

    // 2. The moderation queue, with reported vector posts. Other specs report posts too, so the
    // queue is read page by page until each of this spec's reported posts has been seen rendered.
    const reporter = await apiContext(playwright, baseURL);
    await apiSignUp(reporter, newLearner("reporter"));
    const first = await json(await reporter.get(`/api/v1/threads/${threadIds[0]}`));
    const posts: { id: string; bodyHtml: string }[] = [first.post, ...first.post.replies].slice(0, 20);
    // each post ends with its "vector N" line
    const reported = new Map(posts.map((p) => [p.id, new RegExp(`${p.bodyHtml.match(/vector \d+/g)!.at(-1)}\\b`)]));
    expect(reported.size).toBe(20);
    for (const id of reported.keys())
      expect((await reporter.post(`/api/v1/posts/${id}/reports`, { data: { reason: "ABUSE" } })).status()).toBe(201);
    const mod = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "10.200.0.1" } });
    await apiSignIn(mod.request, MODERATOR);
    const modPage = await mod.newPage();
    const modDialogs = await armPage(modPage);
    await expect(async () => {
      const seen = new Set<string>();
      await eachQueuePage(modPage, async () => {
        await expectNoExecution(modPage, modDialogs);
        for (const [id, label] of reported) {
          const item = modPage.locator(`article[data-post-id="${id}"]`);
          if ((await item.count()) === 0) continue;
          await expect(item.locator(".post-body")).toContainText(label);
          seen.add(id);
        }
      });
      expect([...reported.keys()].filter((id) => !seen.has(id)), "reported posts not seen in the queue").toEqual([]);
    }).toPass({ timeout: 60_000 });
    await mod.close();

    // 3. The notification bell of a thread author (excerpts of the vector replies).
    const author = await browser.newContext({ baseURL });
    const cookies = await posters[0]!.storageState();
    await author.addCookies(cookies.cookies);
    const authorPage = await author.newPage();
    const authorDialogs = await armPage(authorPage);
    await authorPage.goto(LESSONS.xss.path);
    await authorPage.getByRole("button", { name: /^Notifications: \d+ unread$/ }).click();
    await expect(authorPage.getByRole("region", { name: "Notifications" }).getByRole("listitem").first()).toBeVisible();
    await expectNoExecution(authorPage, authorDialogs);
    await author.close();
  });
});
