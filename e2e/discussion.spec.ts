import type { Page } from "@playwright/test";
import { LESSONS, createThread, json, reply, unique } from "./discussion-helpers";
import { expect, expectNoA11yViolations, signedInContext, signedInLearner, signedUpApi, test, useTheme } from "./fixtures";
import type { TApiFixtures } from "./fixtures";

/** The discussion under a lesson, as readers and learners use it (issue 6). */

const LESSON = LESSONS.journey;

async function seedThread({ playwright, baseURL }: TApiFixtures) {
  const { user: askerUser, api: asker } = await signedUpApi({ playwright, baseURL }, "asker");
  const { user: helperUser, api: helper } = await signedUpApi({ playwright, baseURL }, "helper");
  const title = `Why does SELECT * hurt? ${unique()}`;
  const { threadId, openingPostId } = await createThread(
    asker,
    LESSON.id,
    title,
    "My query is slow:\n\n```sql\nSELECT * FROM orders;\n```\n\nSee the [docs](https://www.postgresql.org/docs/current/sql-select.html).",
  );
  const answerId = await reply(helper, threadId, "It reads **every column**, even the ones you never use.");
  const nestedId = await reply(asker, threadId, "Thanks, that was it.", answerId);
  return { asker, askerUser, helper, helperUser, title, threadId, openingPostId, answerId, nestedId };
}

function discussion(page: Page) {
  return page.getByRole("region", { name: "Discussion" });
}

async function openThread(page: Page, title: string) {
  await discussion(page).getByRole("button", { name: title }).click();
  return threadArticle(page, title);
}

function threadArticle(page: Page, title: string) {
  return page.locator('article[id^="thread-"]').filter({ has: page.getByRole("heading", { name: title }) });
}

test.describe("reading the discussion", () => {
  test("an anonymous reader opens a thread and reads the posts, replies and code @mobile", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const seed = await seedThread({ playwright, baseURL });
    await page.goto(LESSON.path);
    const section = discussion(page);
    await expect(section.getByText("Past discussion is visible to everyone.", { exact: false })).toBeVisible();
    const signUp = section.getByRole("link", { name: "Sign up" });
    await expect(signUp).toHaveAttribute("href", `/signup?next=${encodeURIComponent(LESSON.path)}`);
    await expect(section.getByRole("link", { name: "log in" })).toHaveAttribute(
      "href",
      `/login?next=${encodeURIComponent(LESSON.path)}`,
    );
    await expect(section).toContainText("to post comments and sync lesson progress across devices.");
    await expect(section.getByRole("button", { name: "Start a thread" })).toHaveCount(0);

    const thread = await openThread(page, seed.title);
    await expect(thread.locator("pre code")).toHaveText("SELECT * FROM orders;");
    await expect(thread.getByRole("link", { name: "docs" })).toHaveAttribute("rel", "nofollow ugc noopener");
    const answer = thread.locator(`#post-${seed.answerId}`);
    await expect(answer.locator("strong")).toHaveText("every column");
    await expect(answer).toContainText(seed.helperUser.name);
    await expect(thread.locator(`#post-${seed.nestedId}`)).toContainText("Thanks, that was it.");
    // nested one level below the answer
    await expect(thread.locator(`li:has(> #post-${seed.answerId}) ul #post-${seed.nestedId}`)).toBeVisible();
    // guests read but cannot act
    await expect(thread.getByRole("button", { name: /^(Reply|Report|Helpful)/ })).toHaveCount(0);
    await expect(answer).toContainText("0 found this helpful");
  });

  test("a reader without JavaScript (or a crawler) reads the newest threads, the sign-up prompt and the starter topics", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const seed = await seedThread({ playwright, baseURL });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // the server re-reads a lesson's threads at once after a write it served, else within 2 s
    await expect
      .poll(
        async () => {
          await page.goto(LESSON.path);
          return page.locator(`#snapshot-thread-${seed.threadId}`).count();
        },
        { timeout: 10_000 },
      )
      .toBe(1);
    const section = discussion(page);
    await expect(section.locator(`#snapshot-thread-${seed.threadId}`)).toContainText(seed.title);
    await expect(section.locator(`#snapshot-thread-${seed.threadId}`)).toContainText(`by ${seed.askerUser.name}`);
    await expect(section.locator(`#snapshot-thread-${seed.threadId}`)).toContainText("2 replies");
    await expect(section.getByRole("link", { name: "Sign up" })).toHaveAttribute("href", `/signup?next=${encodeURIComponent(LESSON.path)}`);
    await expect(section.getByRole("heading", { name: "Starter discussion topics" })).toBeVisible();
    // the page is the prerendered one, the same for everyone: its scripts still carry their CSP hashes
    const res = await page.request.get(LESSON.path);
    expect(res.headers()["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
    await context.close();
  });

  test("a lesson without threads invites the first question with its starter topics", async ({ page }) => {
    // LESSONS.empty is this test's own state: the helpers refuse to post there, and the API says so
    const list = await json(await page.request.get(`/api/v1/lessons/${LESSONS.empty.id}/threads`));
    expect(list.total, "threads on the lesson kept empty").toBe(0);
    await page.goto(LESSONS.empty.path);
    const section = discussion(page);
    await expect(section.getByText("No discussion yet. Be the first to ask a question.")).toBeVisible();
    await expect(section.getByRole("heading", { name: "Starter discussion topics" })).toBeVisible();
    await expect(section.getByText("Backward compatible?")).toBeVisible();
  });
});

test.describe("a signed-in learner", () => {
  test("posts a thread from a starter topic, replies, edits, deletes, votes and reports", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    test.slow(); // a whole journey: two seeded accounts, then post, reply, edit, delete, vote, report and reload
    const seed = await seedThread({ playwright, baseURL });
    const { user: me, context } = await signedInLearner({ browser, playwright, baseURL }, "poster");
    const page = await context.newPage();
    await page.goto(LESSON.path);
    const section = discussion(page);

    // a starter topic is one click away from a new thread, title prefilled
    const topic = "Do you allow SELECT * anywhere in your codebase?";
    await section.getByRole("button", { name: `Start a thread: ${topic}` }).click();
    const composer = section.getByRole("form", { name: "Start a thread" });
    await expect(composer.getByLabel("Title")).toHaveValue(topic);
    await composer.getByRole("button", { name: "Post thread" }).click();
    await expect(composer.getByText("Write something first")).toBeVisible();
    await composer
      .getByLabel("Your question or comment")
      .fill(`I use **SELECT star** everywhere. <b>Is that bad?</b> ${unique()}`);
    await composer.getByRole("button", { name: "Post thread" }).click();
    await expect(section.getByRole("status").first()).toHaveText("Thread posted.");
    const mine = threadArticle(page, topic);
    await expect(mine.locator(".post-body strong")).toHaveText("SELECT star");
    await expect(mine.locator(".post-body")).toContainText("<b>Is that bad?</b>");

    // reply to my own thread, then reply to that reply
    await mine.getByRole("button", { name: "Reply to this thread" }).click();
    await mine
      .getByRole("form", { name: "Reply to this thread" })
      .getByLabel("Your reply")
      .fill("Update: I measured it.");
    await mine.getByRole("button", { name: "Post reply" }).click();
    const firstReply = mine
      .getByRole("article", { name: `Reply by ${me.name}` })
      .filter({ hasText: "Update: I measured it." });
    await expect(firstReply.locator(".post-body")).toHaveText("Update: I measured it.");
    await firstReply.getByRole("button", { name: "Reply", exact: true }).click();
    await mine.getByRole("form", { name: "Write a reply" }).getByLabel("Your reply").fill("Nested detail.");
    await mine.getByRole("button", { name: "Post reply" }).click();
    // (a .post-body holds rendered posts only, never the text still being typed in a form)
    await expect(mine.locator(".post-body", { hasText: "Nested detail." })).toBeVisible();

    // edit: the edited label appears
    const firstReplyAgain = mine
      .getByRole("article", { name: `Reply by ${me.name}` })
      .filter({ hasText: "Update: I measured it." });
    await firstReplyAgain.getByRole("button", { name: "Edit" }).click();
    const edit = mine.getByRole("form", { name: "Edit your reply" });
    await expect(edit.getByLabel("Your reply")).toHaveValue("Update: I measured it.");
    await edit.getByLabel("Your reply").fill("Update: I measured it, 3x slower.");
    await edit.getByRole("button", { name: "Save changes" }).click();
    const edited = mine.getByRole("article", { name: `Reply by ${me.name}` }).filter({ hasText: "3x slower" });
    await expect(edited).toContainText(/edited/);

    // delete: a placeholder stays, with the nested reply under it
    await edited.getByRole("button", { name: "Delete" }).click();
    await mine.getByRole("button", { name: "Yes, delete" }).click();
    await expect(mine.getByRole("article", { name: "Reply by [deleted]" })).toContainText("[deleted]");
    await expect(mine.getByText("3x slower")).toHaveCount(0);
    await expect(mine.getByText("Nested detail.")).toBeVisible();
    // no voting or reporting my own posts
    await expect(
      mine.getByRole("article", { name: "Opening post" }).getByRole("button", { name: /Helpful|Report/ }),
    ).toHaveCount(0);

    // vote for and report someone else's post
    const theirs = await openThread(page, seed.title);
    const answer = theirs.locator(`#post-${seed.answerId}`);
    const helpful = answer.getByRole("button", { name: "Helpful (0)" });
    await helpful.click();
    await expect(answer.getByRole("button", { name: "Helpful ✓ (1)" })).toHaveAttribute("aria-pressed", "true");
    await answer.getByRole("button", { name: "Report" }).click();
    const report = answer.getByRole("form", { name: "Report this post" });
    await report.getByLabel("Other (say what)").check();
    await report.getByRole("button", { name: "Send report" }).click();
    await expect(report.getByText(/a note of at least 3 characters is needed/)).toBeVisible();
    await report.getByLabel("Spam").check();
    await report.getByRole("button", { name: "Send report" }).click();
    await expect(answer.getByText("Thanks: moderators will review this post.")).toBeVisible();
    await expect(answer.getByText("Reported", { exact: true })).toBeVisible();

    // after a reload the vote and the report are remembered
    await page.reload();
    const again = await openThread(page, seed.title);
    await expect(again.locator(`#post-${seed.answerId}`).getByRole("button", { name: "Helpful ✓ (1)" })).toBeVisible();
    await expect(again.locator(`#post-${seed.answerId}`).getByText("Reported", { exact: true })).toBeVisible();
    await context.close();
  });

  test("the bell counts replies to my threads; one or all can be marked read", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const { user: me, api } = await signedUpApi({ playwright, baseURL }, "belled");
    const { threadId } = await createThread(api, LESSON.id, `Bell test ${unique()}`);
    const { api: other } = await signedUpApi({ playwright, baseURL }, "replier");
    await reply(other, threadId, "First answer for the bell");
    await reply(other, threadId, "Second answer for the bell");

    const context = await signedInContext(browser, baseURL, me);
    const page = await context.newPage();
    await page.goto(LESSON.path);
    const bell = page.getByRole("button", { name: "Notifications: 2 unread" });
    await bell.click();
    const panel = page.getByRole("region", { name: "Notifications" });
    await expect(panel.getByRole("listitem")).toHaveCount(2);
    await panel
      .getByRole("listitem")
      .filter({ hasText: "First answer" })
      .getByRole("button", { name: "Mark read" })
      .click();
    await expect(page.getByRole("button", { name: "Notifications: 1 unread" })).toBeVisible();
    await panel.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByRole("button", { name: "Notifications: 0 unread" })).toBeVisible();
    // a new reply shows up when the window gets focus again
    await reply(other, threadId, "Third answer for the bell");
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await expect(page.getByRole("button", { name: "Notifications: 1 unread" })).toBeVisible();
    // the link (the panel is still open) opens the thread on the lesson page and marks it read
    await panel.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`#thread-${threadId}$`));
    await expect(page.locator(`#thread-${threadId}-panel`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Notifications: 0 unread" })).toBeVisible();
    await context.close();
  });

  test("a link to a thread beyond the first page of the list opens it above the list; a dead link says so", async ({
    page,
    playwright,
    baseURL,
  }) => {
    // a long journey (20-odd page steps): under a loaded CI machine it overran 30 s without failing anything
    test.slow();
    const lesson = LESSONS.deepLink;
    const { api: api } = await signedUpApi({ playwright, baseURL }, "deeplink");
    const oldest = `The oldest question ${unique()}`;
    const { threadId } = await createThread(api, lesson.id, oldest, "Asked first, so it ends up on page 2.");
    await reply(api, threadId, "An answer that only the linked thread shows");
    for (let i = 0; i < 20; i++) await createThread(api, lesson.id, `Newer question ${i} ${unique()}`);

    await page.goto(`${lesson.path}#thread-${threadId}`);
    const linked = discussion(page).getByRole("region", { name: "Linked thread" });
    await expect(linked.getByRole("heading", { name: oldest })).toBeVisible();
    await expect(page.locator(`#thread-${threadId}-panel`)).toBeVisible();
    await expect(page.locator(`#thread-${threadId}-panel`)).toContainText(
      "An answer that only the linked thread shows",
    );
    await expect(discussion(page).getByText(/Page 1 of \d+/)).toBeVisible();
    await expectNoA11yViolations(page);
    // the list's page that holds it shows it there instead, once
    await discussion(page).getByRole("button", { name: "Next page" }).click();
    await expect(discussion(page).getByRole("region", { name: "Linked thread" })).toHaveCount(0);
    await expect(threadArticle(page, oldest)).toHaveCount(1);

    await page.goto(`${lesson.path}#thread-00000000-0000-4000-8000-000000000000`);
    await expect(discussion(page).getByRole("alert")).toContainText(
      "The linked thread could not be shown: No such thread.",
    );
    await expect(discussion(page).getByRole("list", { name: "Threads" })).toBeVisible();
  });

  for (const theme of ["light", "dark"] as const) {
    test(`the lesson page with threads has no axe violations (${theme})`, async ({ browser, playwright, baseURL }) => {
      // several full axe passes: on two loaded cores one takes up to ~10 s, more than a third of the default 30 s
      test.slow();
      const seed = await seedThread({ playwright, baseURL });
      const { context } = await signedInLearner({ browser, playwright, baseURL }, "axe");
      const page = await context.newPage();
      await useTheme(page, theme);
      await page.goto(LESSON.path);
      const thread = await openThread(page, seed.title);
      await expect(thread.locator(`#post-${seed.nestedId}`)).toBeVisible();
      await thread.locator(`#post-${seed.answerId}`).getByRole("button", { name: "Report" }).click();
      await discussion(page).getByRole("button", { name: "Start a thread", exact: true }).click();
      await expect(page.getByRole("button", { name: /^Notifications/ })).toBeVisible();
      await expectNoA11yViolations(page);

      const guestContext = await browser.newContext();
      const guest = await guestContext.newPage();
      await useTheme(guest, theme);
      await guest.goto(LESSON.path);
      await openThread(guest, seed.title);
      await expect(guest.locator(`#post-${seed.nestedId}`)).toBeVisible();
      await expectNoA11yViolations(guest);
      await guestContext.close();
      await context.close();
    });
  }
});
