import type { Page } from "@playwright/test";
import { LESSONS, createThread, openQueueItem, queuedPostIds, reply, unique } from "./discussion-helpers";
import {
  apiContext,
  expect,
  expectNoA11yViolations,
  MODERATOR,
  signedInContext,
  signedInLearner,
  signedUpApi,
  test,
  useTheme,
  type TApiFixtures,
} from "./fixtures";

/**
 * Moderators keep the discussion healthy (issue 6). Other specs report posts and moderate at the
 * same time, so every queue item and audit row is found by this test's own ids and names, on
 * whichever page holds it.
 */

const LESSON = LESSONS.moderation;

async function reportedReply({ playwright, baseURL }: TApiFixtures) {
  const { user: author, api: authorApi } = await signedUpApi({ playwright, baseURL }, "spammer");
  const authorId = author.id;
  const title = `Cheap SQL certificates ${unique()}`;
  const { threadId } = await createThread(authorApi, LESSON.id, title, "Where do I get one?");
  const text = `Buy them at spam.example ${unique()}`;
  const replyId = await reply(authorApi, threadId, text);
  const { api: reporter } = await signedUpApi({ playwright, baseURL }, "reporter");
  expect(
    (
      await reporter.post(`/api/v1/posts/${replyId}/reports`, { data: { reason: "OTHER", note: "advertising" } })
    ).status(),
  ).toBe(201);
  return { author, authorId, authorApi, title, threadId, replyId, text };
}

/** The audit rows of one action, found through the page's filter, that mention `target`. */
async function auditRows(page: Page, action: string, target: string) {
  await page.getByLabel("Action").selectOption(action);
  await page.getByRole("button", { name: "Apply" }).click();
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: action, exact: true }) }).filter({ hasText: target });
}

test.describe("a moderator", () => {
  test("hides a reported post, locks the thread and bans the author, who can no longer post", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    // a long journey (20-odd page steps): under a loaded CI machine it overran 30 s without failing anything
    test.slow();
    const seed = await reportedReply({ playwright, baseURL });
    // the author is signed in in a browser too, before the ban
    const authorContext = await signedInContext(browser, baseURL, seed.author);

    const modContext = await signedInContext(browser, baseURL, MODERATOR);
    const mod = await modContext.newPage();
    const item = await openQueueItem(mod, seed.replyId);
    await expect(item.getByRole("heading", { level: 2 })).toHaveText(`1 report on a reply in “${seed.title}”`);
    await expect(item).toContainText(seed.text);
    await expect(item).toContainText("Other (say what) — “advertising”");
    await expect(item).toContainText(seed.author.name);
    await expect(item.getByRole("link", { name: "Filtering with WHERE" })).toHaveAttribute(
      "href",
      `${LESSON.path}#thread-${seed.threadId}`,
    );

    await item.getByRole("button", { name: "Hide post" }).click();
    await expect(mod.getByRole("status").filter({ hasText: "Post hidden." })).toBeVisible();
    // hiding answered the report: the post left the queue (every page of it)
    await expect(item).toHaveCount(0);
    expect(await queuedPostIds(modContext.request)).not.toContain(seed.replyId);

    // readers no longer see the reply
    const guest = await browser.newPage();
    await guest.goto(LESSON.path);
    await guest.getByRole("button", { name: seed.title }).click();
    await expect(guest.getByText("Where do I get one?")).toBeVisible();
    await expect(guest.getByText(seed.text)).toHaveCount(0);

    // the moderator sees it marked, and locks the thread from the lesson page
    await mod.goto(LESSON.path);
    await mod.getByRole("button", { name: seed.title }).click();
    const thread = mod.locator(`#thread-${seed.threadId}`);
    await expect(thread.locator(`#post-${seed.replyId}`)).toContainText("Hidden from readers");
    await thread.getByRole("button", { name: "Lock thread" }).click();
    await expect(thread.getByText("Locked", { exact: true })).toBeVisible();
    await expect(thread.getByText("This thread is locked: no new replies.")).toBeVisible();

    // ban from the queue: report another of the author's posts to get it there
    const second = await reply(
      seed.authorApi,
      (await createThread(seed.authorApi, LESSON.id, `More spam ${unique()}`)).threadId,
      `spam again ${unique()}`,
    );
    const { api: reporter } = await signedUpApi({ playwright, baseURL }, "reporter2");
    expect((await reporter.post(`/api/v1/posts/${second}/reports`, { data: { reason: "SPAM" } })).status()).toBe(201);
    const banItem = await openQueueItem(mod, second);
    await banItem.getByRole("button", { name: "Ban author" }).click();
    await banItem.getByRole("button", { name: "Yes, ban" }).click();
    await expect(banItem.getByText(/reason: Give a reason/)).toBeVisible();
    await banItem.getByLabel(/^Reason/).fill("Advertising, twice");
    await banItem.getByRole("button", { name: "Ban author" }).click();
    await banItem.getByRole("button", { name: "Yes, ban" }).click();
    await expect(mod.getByRole("status").filter({ hasText: `${seed.author.name} is banned.` })).toBeVisible();
    await expect(banItem).toContainText("Banned");

    // the banned author can no longer post: the page offers sign-in, the API says why
    const authorPage = await authorContext.newPage();
    await authorPage.goto(LESSON.path);
    await expect(
      authorPage.getByRole("region", { name: "Discussion" }).getByRole("link", { name: "log in" }),
    ).toBeVisible();
    await expect(authorPage.getByRole("button", { name: "Start a thread" })).toHaveCount(0);
    const attempt = await authorContext.request.post(`/api/v1/lessons/${LESSON.id}/threads`, {
      data: { title: "I am back again", body: "buy now" },
    });
    expect(attempt.status()).toBe(403);
    expect((await attempt.json()).error.message).toMatch(/suspended/);
    const signIn = await (await apiContext(playwright, baseURL)).post("/api/v1/auth/sign-in", { data: seed.author });
    expect(signIn.status()).toBe(403);

    // every step is in the audit log: this test's rows, by the moderator, found by their targets
    await mod.goto("/mod/audit");
    for (const [action, target] of [
      ["post.hide", seed.title],
      ["thread.lock", seed.title],
      ["user.ban", `User: ${seed.author.name}`],
    ] as const) {
      const rows = await auditRows(mod, action, target);
      await expect(rows).toHaveCount(1);
      await expect(rows).toContainText(MODERATOR.name);
    }
    // the ban's row carries its reason; the moderator filter narrows to one moderator's actions
    await mod.getByLabel("Moderator").selectOption({ label: MODERATOR.name });
    const bans = await auditRows(mod, "user.ban", `User: ${seed.author.name}`);
    await expect(bans).toContainText("Advertising, twice");
    await expect(mod.getByRole("row").filter({ hasText: "thread.lock" })).toHaveCount(0);
    await authorContext.close();
    await modContext.close();
    await guest.close();
  });

  test("signed-out visitors and learners see “Moderators only”", async ({ page, browser, playwright, baseURL }) => {
    for (const path of ["/mod", "/mod/audit"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Moderators only" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Sign in" }).last()).toHaveAttribute(
        "href",
        `/login?next=${encodeURIComponent(path)}`,
      );
    }
    const { context } = await signedInLearner({ browser, playwright, baseURL });
    const learnerPage = await context.newPage();
    for (const path of ["/mod", "/mod/audit"]) {
      await learnerPage.goto(path);
      await expect(learnerPage.getByText("Your account does not have the moderator role")).toBeVisible();
    }
    await context.close();
  });

  for (const theme of ["light", "dark"] as const) {
    test(`/mod and /mod/audit have no axe violations (${theme})`, async ({ browser, playwright, baseURL }) => {
      // several full axe passes: on two loaded cores one takes up to ~10 s, more than a third of the default 30 s
      test.slow();
      const seed = await reportedReply({ playwright, baseURL });
      const context = await signedInContext(browser, baseURL, MODERATOR);
      const page = await context.newPage();
      await useTheme(page, theme);
      const item = await openQueueItem(page, seed.replyId);
      await item.getByRole("button", { name: "Remove post" }).click();
      await expect(item.getByRole("button", { name: "Yes, remove" })).toBeVisible();
      await expectNoA11yViolations(page);
      await page.goto("/mod/audit");
      await expect(page.getByRole("table")).toBeVisible();
      await expectNoA11yViolations(page);
      await page.goto("/mod");
      await context.close();

      const anonymousContext = await browser.newContext();
      const anonymous = await anonymousContext.newPage();
      await useTheme(anonymous, theme);
      await anonymous.goto("/mod");
      await expect(anonymous.getByRole("heading", { name: "Moderators only" })).toBeVisible();
      await expectNoA11yViolations(anonymous);
      await anonymousContext.close();
    });
  }
});
