import type { APIRequestContext, APIResponse, Locator, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { expect } from "./fixtures";

/**
 * Discussion helpers shared by the specs. Each spec posts under its own lesson, so parallel specs
 * do not push each other's threads off the first page. `empty` belongs to the one test of the empty
 * state (e2e/discussion.spec.ts): createThread refuses to post there, and that test checks the
 * lesson's thread count through the API before it looks at the page.
 */
export const LESSONS = {
  empty: { id: "b29bfc63-1d7f-4458-80d5-1403fd95ddf7", path: "/tracks/sql/migrations-basics" },
  api: { id: "05090143-7731-4e95-a411-9d5505c44a54", path: "/tracks/sql/inner-joins" },
  xss: { id: "5579713f-b343-4292-bf07-f28fcda488bd", path: "/tracks/sql/what-is-sql" },
  journey: { id: "58e31b3a-21fb-426e-a295-d406390c67e0", path: "/tracks/sql/select-basics" },
  moderation: { id: "4d4fff96-7103-473a-8cb8-6289d0783e42", path: "/tracks/sql/where-filtering" },
  deepLink: { id: "0287f06c-a894-4a2d-98dc-1686a6662f0d", path: "/tracks/sql/group-by-having" },
} as const;

export const unique = () => randomBytes(4).toString("hex");

export async function json(res: APIResponse) {
  const text = await res.text();
  expect(res.status(), text).toBeLessThan(300);
  return JSON.parse(text);
}

export async function createThread(
  api: APIRequestContext,
  lessonId: string,
  title = `Question ${unique()}`,
  body = `Body ${unique()}`,
) {
  if (lessonId === LESSONS.empty.id) throw new Error("LESSONS.empty is kept without threads for the empty-state test");
  const data = await json(await api.post(`/api/v1/lessons/${lessonId}/threads`, { data: { title, body } }));
  return { threadId: data.thread.id as string, openingPostId: data.post.id as string };
}

export async function reply(api: APIRequestContext, threadId: string, body = `Reply ${unique()}`, parentId?: string) {
  const data = await json(await api.post(`/api/v1/threads/${threadId}/posts`, { data: { body, parentId } }));
  return data.post.id as string;
}

export async function modAction(mod: APIRequestContext, data: Record<string, unknown>) {
  return json(await mod.post("/api/v1/mod/actions", { data }));
}

type TQueueItem = { post: { id: string; status: string }; reports: { reason: string }[] };

/** Every item of the moderator's queue, from all its pages (other specs fill it too). */
export async function queueItems(mod: APIRequestContext): Promise<TQueueItem[]> {
  const items: TQueueItem[] = [];
  for (let page = 1, pages = 1; page <= pages; page++) {
    const queue = await json(await mod.get(`/api/v1/mod/reports?page=${page}`));
    pages = queue.pages;
    items.push(...queue.items);
  }
  return items;
}

/** Every post id with open reports. */
export async function queuedPostIds(mod: APIRequestContext): Promise<Set<string>> {
  return new Set((await queueItems(mod)).map((item) => item.post.id));
}

/** The /mod queue's pager, and the page it shows ("Page 2 of 3"); null when there is one page. */
async function queuePage(page: Page) {
  const pager = page.getByRole("navigation", { name: "Queue pages" });
  if ((await pager.count()) === 0) return null;
  const [, current, total] = /Page (\d+) of (\d+)/.exec(await pager.innerText()) ?? [];
  return { next: pager.getByRole("button", { name: "Next page" }), current: Number(current), total: Number(total) };
}

/**
 * Shows each page of /mod in turn and calls `visit` on it, until it returns true or the last page.
 * Other specs report posts at the same time, so the queue can shift while it is read; callers wrap
 * this in `expect(...).toPass()`.
 */
export async function eachQueuePage(page: Page, visit: () => Promise<boolean | void>) {
  await page.goto("/mod");
  await expect(page.getByRole("status").filter({ hasText: /open reports\.$/ })).toBeVisible();
  for (;;) {
    if (await visit()) return;
    const pager = await queuePage(page);
    if (!pager || pager.current >= pager.total) return;
    await pager.next.click();
    await expect(page.getByRole("navigation", { name: "Queue pages" })).toContainText(`Page ${pager.current + 1} of`);
  }
}

/** The queue's article for one post (by its id), on whichever page of /mod holds it. */
export async function openQueueItem(page: Page, postId: string): Promise<Locator> {
  const item = page.locator(`article[data-post-id="${postId}"]`);
  await expect(async () => {
    let found = false;
    await eachQueuePage(page, async () => (found = (await item.count()) === 1));
    expect(found, `post ${postId} in the moderation queue`).toBe(true);
  }).toPass({ timeout: 30_000 });
  return item;
}
