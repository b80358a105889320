import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { LESSONS, createThread as createThreadIn, json, modAction, queueItems, reply, unique } from "./discussion-helpers";
import { ADMIN, MODERATOR, apiContext, apiSignIn, apiSignUp, expect, newLearner, test } from "./fixtures";

/** Discussion and moderation over real HTTP against `next start` (issue 6). */

const LESSON_ID = LESSONS.api.id;

function expectNoInternals(body: string) {
  expect(body).not.toMatch(/\n\s+at |node_modules|prisma|SELECT |Error:/);
}

type Api = APIRequestContext;
const createThread = (api: Api) => createThreadIn(api, LESSON_ID);

type Actors = Record<"anonymous" | "author" | "other" | "silenced" | "banned" | "moderator" | "admin", Api>;
const ACTOR_NAMES = ["anonymous", "author", "other", "silenced", "banned", "moderator", "admin"] as const;

async function actors(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
): Promise<Actors & { ids: Record<string, string> }> {
  const ctx = () => apiContext(playwright, baseURL);
  const [anonymous, author, other, silenced, banned, moderator, admin] = await Promise.all(
    Array.from({ length: 7 }, ctx),
  );
  const ids: Record<string, string> = {};
  ids.author = (await apiSignUp(author!, newLearner("author"))).id;
  ids.other = (await apiSignUp(other!, newLearner("other"))).id;
  ids.silenced = (await apiSignUp(silenced!, newLearner("silenced"))).id;
  ids.banned = (await apiSignUp(banned!, newLearner("banned"))).id;
  await apiSignIn(moderator!, MODERATOR);
  await apiSignIn(admin!, ADMIN);
  await modAction(moderator!, { action: "silence", userId: ids.silenced, days: 2, reason: "permission table" });
  await modAction(moderator!, { action: "ban", userId: ids.banned, reason: "permission table" });
  return {
    anonymous: anonymous!,
    author: author!,
    other: other!,
    silenced: silenced!,
    banned: banned!,
    moderator: moderator!,
    admin: admin!,
    ids,
  };
}

type Fixture = { threadId: string; openingPostId: string; replyId: string };
type Row = [
  label: string,
  call: (api: Api, fx: Fixture) => Promise<Awaited<ReturnType<Api["get"]>>>,
  expected: number[],
];

// Expected status per actor: anonymous, author, another learner, silenced, banned, moderator, admin.
// "The author" owns the fixture (a fresh thread with one reply for each actor).
const TABLE: Row[] = [
  [
    "GET lesson threads",
    (api) => api.get(`/api/v1/lessons/${LESSON_ID}/threads?sort=helpful`),
    [200, 200, 200, 200, 200, 200, 200],
  ],
  ["GET thread", (api, fx) => api.get(`/api/v1/threads/${fx.threadId}`), [200, 200, 200, 200, 200, 200, 200]],
  [
    "POST thread",
    (api) =>
      api.post(`/api/v1/lessons/${LESSON_ID}/threads`, {
        data: { title: `New ${unique()}`, body: `Text ${unique()}` },
      }),
    [401, 201, 201, 403, 403, 201, 201],
  ],
  [
    "PATCH thread (the author's)",
    (api, fx) => api.patch(`/api/v1/threads/${fx.threadId}`, { data: { title: `Renamed ${unique()}` } }),
    [401, 200, 403, 403, 403, 403, 403],
  ],
  [
    "POST reply",
    (api, fx) => api.post(`/api/v1/threads/${fx.threadId}/posts`, { data: { body: `Reply ${unique()}` } }),
    [401, 201, 201, 403, 403, 201, 201],
  ],
  [
    "PATCH post (the author's)",
    (api, fx) => api.patch(`/api/v1/posts/${fx.replyId}`, { data: { body: `Edited ${unique()}` } }),
    [401, 200, 403, 403, 403, 403, 403],
  ],
  ["PUT vote", (api, fx) => api.put(`/api/v1/posts/${fx.replyId}/vote`), [401, 403, 200, 200, 403, 200, 200]],
  ["DELETE vote", (api, fx) => api.delete(`/api/v1/posts/${fx.replyId}/vote`), [401, 200, 200, 200, 403, 200, 200]],
  [
    "POST report",
    (api, fx) => api.post(`/api/v1/posts/${fx.replyId}/reports`, { data: { reason: "SPAM" } }),
    [401, 403, 201, 201, 403, 201, 201],
  ],
  [
    "POST report again",
    (api, fx) => api.post(`/api/v1/posts/${fx.replyId}/reports`, { data: { reason: "ABUSE" } }),
    [401, 403, 409, 409, 403, 409, 409],
  ],
  ["GET notifications", (api) => api.get("/api/v1/notifications"), [401, 200, 200, 200, 403, 200, 200]],
  [
    "POST notifications/read",
    (api) => api.post("/api/v1/notifications/read", { data: { all: true } }),
    [401, 200, 200, 200, 403, 200, 200],
  ],
  ["GET mod/reports", (api) => api.get("/api/v1/mod/reports"), [401, 403, 403, 403, 403, 200, 200]],
  ["GET mod/audit", (api) => api.get("/api/v1/mod/audit?action=post.hide"), [401, 403, 403, 403, 403, 200, 200]],
  [
    "POST mod/actions hide",
    (api, fx) => api.post("/api/v1/mod/actions", { data: { action: "hide", postId: fx.replyId } }),
    [401, 403, 403, 403, 403, 200, 200],
  ],
  [
    "POST mod/actions lock",
    (api, fx) => api.post("/api/v1/mod/actions", { data: { action: "lock", threadId: fx.threadId } }),
    [401, 403, 403, 403, 403, 200, 200],
  ],
  [
    "DELETE post (the author's)",
    (api, fx) => api.delete(`/api/v1/posts/${fx.replyId}`),
    [401, 200, 403, 403, 403, 403, 403],
  ],
  [
    "DELETE thread (the author's)",
    (api, fx) => api.delete(`/api/v1/threads/${fx.threadId}`),
    [401, 200, 403, 403, 403, 403, 403],
  ],
];

test.describe("who may do what in the discussion", () => {
  test.setTimeout(120_000);

  test("the permission table holds for every action and every kind of user", async ({ playwright, baseURL }) => {
    const who = await actors(playwright, baseURL);
    for (let i = 0; i < ACTOR_NAMES.length; i++) {
      const name = ACTOR_NAMES[i]!;
      const threadFx = await createThread(who.author);
      const fx = { ...threadFx, replyId: await reply(who.author, threadFx.threadId) };
      for (const [label, call, expected] of TABLE) {
        const res = await call(who[name], fx);
        const text = await res.text();
        expect(res.status(), `${name}: ${label}: ${text}`).toBe(expected[i]);
        if (res.status() >= 400) expectNoInternals(text);
      }
    }
  });

  test("silenced and banned users are told why", async ({ playwright, baseURL }) => {
    const who = await actors(playwright, baseURL);
    const { threadId } = await createThread(who.author);
    const silenced = await who.silenced.post(`/api/v1/threads/${threadId}/posts`, { data: { body: "may I?" } });
    expect(silenced.status()).toBe(403);
    expect((await silenced.json()).error.message).toMatch(/^You are silenced until \w+ \d+, \d{4}, \d\d:\d\d UTC\.$/);
    const banned = await who.banned.post(`/api/v1/threads/${threadId}/posts`, { data: { body: "may I?" } });
    expect(banned.status()).toBe(403);
    expect((await banned.json()).error.message).toMatch(/suspended/);
    // the banned session is over: reading works as a guest
    const list = await json(await who.banned.get(`/api/v1/lessons/${LESSON_ID}/threads`));
    expect(list.viewer).toBeNull();
    // silenced users learn it from the list too, and may still delete their own posts
    expect(
      (await json(await who.silenced.get(`/api/v1/lessons/${LESSON_ID}/threads`))).viewer.silencedUntil,
    ).toBeTruthy();
  });
});

test.describe("discussion rules over HTTP", () => {
  test("hidden posts are absent for guests, learners and their author, and marked for moderators", async ({
    playwright,
    baseURL,
  }) => {
    const author = await apiContext(playwright, baseURL);
    const other = await apiContext(playwright, baseURL);
    const anonymous = await apiContext(playwright, baseURL);
    const moderator = await apiContext(playwright, baseURL);
    const admin = await apiContext(playwright, baseURL);
    await apiSignUp(author, newLearner());
    await apiSignUp(other, newLearner());
    await apiSignIn(moderator, MODERATOR);
    await apiSignIn(admin, ADMIN);
    const { threadId } = await createThread(author);
    const secret = `secret-${unique()}`;
    const hiddenId = await reply(other, threadId, `${secret} rude words`);
    await reply(author, threadId, `an answer below ${secret}`, hiddenId);
    await modAction(moderator, { action: "hide", postId: hiddenId, reason: "rude" });

    // Guests and learners (the hidden post's author included) read nothing of it, and voting on it is
    // 401 for the guest (sign in first) and 404 for the learners (for them it does not exist).
    for (const [api, status] of [
      [anonymous, 401],
      [author, 404],
      [other, 404],
    ] as const) {
      for (const path of [
        `/api/v1/threads/${threadId}`,
        `/api/v1/threads/${threadId}?sort=helpful`,
        `/api/v1/lessons/${LESSON_ID}/threads`,
        "/api/v1/notifications",
      ]) {
        const res = await api.get(path);
        const text = await res.text();
        expect(text, path).not.toContain(hiddenId);
        expect(text, path).not.toContain(secret);
      }
      const vote = await api.put(`/api/v1/posts/${hiddenId}/vote`);
      expect(vote.status(), await vote.text()).toBe(status);
    }
    for (const api of [moderator, admin]) {
      const data = await json(await api.get(`/api/v1/threads/${threadId}`));
      const post = data.post.replies.find((p: { id: string }) => p.id === hiddenId);
      expect(post.status).toBe("HIDDEN");
      expect(post.replies).toHaveLength(1);
    }
  });

  test("three distinct reports hide a post until a moderator dismisses them", async ({ playwright, baseURL }) => {
    const author = await apiContext(playwright, baseURL);
    await apiSignUp(author, newLearner());
    const { threadId } = await createThread(author);
    const target = await reply(author, threadId, `report me ${unique()}`);
    const reporters = await Promise.all([0, 1, 2].map(() => apiContext(playwright, baseURL)));
    // Only established accounts' reports hide a post: these have a post of their own (the e2e server
    // counts accounts of any age; lib/db/discussion/reports.ts reporterMinAgeHours).
    for (const r of reporters) {
      await apiSignUp(r, newLearner("reporter"));
      await createThread(r);
    }
    const anonymous = await apiContext(playwright, baseURL);
    for (let i = 0; i < 3; i++) {
      expect((await anonymous.get(`/api/v1/threads/${threadId}`)).ok()).toBe(true);
      expect(await (await anonymous.get(`/api/v1/threads/${threadId}`)).text()).toContain(target);
      const res = await reporters[i]!.post(`/api/v1/posts/${target}/reports`, {
        data: i === 2 ? { reason: "OTHER", note: "an advert" } : { reason: "SPAM" },
      });
      expect(res.status()).toBe(201);
    }
    expect(await (await anonymous.get(`/api/v1/threads/${threadId}`)).text()).not.toContain(target);
    const moderator = await apiContext(playwright, baseURL);
    await apiSignIn(moderator, MODERATOR);
    const item = (await queueItems(moderator)).find((i) => i.post.id === target)!;
    expect(item.post.status).toBe("HIDDEN");
    expect(item.reports.map((r: { reason: string }) => r.reason).sort()).toEqual(["OTHER", "SPAM", "SPAM"]);
    const dismissed = await modAction(moderator, { action: "dismiss", postId: target, reason: "not spam" });
    expect(dismissed.post).toMatchObject({ status: "VISIBLE", reportsResolved: 3 });
    expect(await (await anonymous.get(`/api/v1/threads/${threadId}`)).text()).toContain(target);
    const audit = await json(await moderator.get("/api/v1/mod/audit?action=post.auto_hide"));
    expect(audit.entries.some((e: { targetPost: { id: string } | null }) => e.targetPost?.id === target)).toBe(true);
  });

  test("locked threads refuse learners' replies; the same text twice is refused; bad input names the field", async ({
    playwright,
    baseURL,
  }) => {
    const author = await apiContext(playwright, baseURL);
    await apiSignUp(author, newLearner());
    const moderator = await apiContext(playwright, baseURL);
    await apiSignIn(moderator, MODERATOR);
    const { threadId } = await createThread(author);

    const text = `exactly this ${unique()}`;
    await reply(author, threadId, text);
    const twice = await author.post(`/api/v1/threads/${threadId}/posts`, {
      data: { body: `  ${text.toUpperCase()} ` },
    });
    expect(twice.status()).toBe(409);
    expect((await twice.json()).error.message).toMatch(/already posted this exact text in the last 5 minutes/);

    await modAction(moderator, { action: "lock", threadId });
    const locked = await author.post(`/api/v1/threads/${threadId}/posts`, { data: { body: "one more thing" } });
    expect(locked.status()).toBe(403);
    expect((await locked.json()).error.message).toMatch(/locked/);
    expect(
      (
        await moderator.post(`/api/v1/threads/${threadId}/posts`, { data: { body: `Locked: answered. ${unique()}` } })
      ).status(),
    ).toBe(201);
    expect((await moderator.post("/api/v1/mod/actions", { data: { action: "lock", threadId } })).status()).toBe(409);

    const cases: [string, () => Promise<Awaited<ReturnType<Api["get"]>>>, number, string, RegExp][] = [
      [
        "short title",
        () => author.post(`/api/v1/lessons/${LESSON_ID}/threads`, { data: { title: "Hi", body: "x" } }),
        422,
        "title",
        /at least 5/,
      ],
      [
        "long body",
        () =>
          author.post(`/api/v1/lessons/${LESSON_ID}/threads`, {
            data: { title: "Long one", body: "x".repeat(10_001) },
          }),
        422,
        "body",
        /at most 10,000/,
      ],
      [
        "empty reply",
        () => author.post(`/api/v1/threads/${threadId}/posts`, { data: { body: "   " } }),
        422,
        "body",
        /Write something/,
      ],
      [
        "other without note",
        () => author.post(`/api/v1/posts/${threadId}/reports`, { data: { reason: "OTHER" } }),
        422,
        "note",
        /note/,
      ],
      [
        "unknown reason",
        () => author.post(`/api/v1/posts/${threadId}/reports`, { data: { reason: "BORING" } }),
        422,
        "reason",
        /one of/,
      ],
      ["bad id", () => author.get("/api/v1/threads/not-a-uuid"), 400, "id", /UUID/],
      [
        "bad sort",
        () => author.get(`/api/v1/lessons/${LESSON_ID}/threads?sort=oldest`),
        400,
        "sort",
        /newest or helpful/,
      ],
      [
        "bad action",
        () => moderator.post("/api/v1/mod/actions", { data: { action: "nuke", postId: threadId } }),
        422,
        "action",
        /one of/,
      ],
      [
        "silence 0 days",
        () =>
          moderator.post("/api/v1/mod/actions", {
            data: { action: "silence", userId: threadId, days: 0, reason: "x y z" },
          }),
        422,
        "days",
        /at least 1/,
      ],
      [
        "ban without reason",
        () => moderator.post("/api/v1/mod/actions", { data: { action: "ban", userId: threadId } }),
        422,
        "reason",
        /reason/,
      ],
      ["audit bad date", () => moderator.get("/api/v1/mod/audit?from=yesterday"), 400, "from", /date/],
      ["mark read nothing", () => author.post("/api/v1/notifications/read", { data: {} }), 422, "ids", /ids/],
    ];
    for (const [label, call, status, field, message] of cases) {
      const res = await call();
      const body = await res.text();
      expect(res.status(), `${label}: ${body}`).toBe(status);
      expect(JSON.parse(body).error.fields[field][0], label).toMatch(message);
      expectNoInternals(body);
    }
    expect((await author.get("/api/v1/lessons/00000000-0000-4000-8000-000000000000/threads")).status()).toBe(404);
    expect((await author.get("/api/v1/threads/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
  });

  test("a cross-site POST is refused, and replies notify the thread's author", async ({ playwright, baseURL }) => {
    const author = await apiContext(playwright, baseURL);
    const other = await apiContext(playwright, baseURL);
    await apiSignUp(author, newLearner());
    await apiSignUp(other, newLearner());
    const { threadId } = await createThread(author);
    const evil = await other.post(`/api/v1/threads/${threadId}/posts`, {
      data: { body: "csrf" },
      headers: { Origin: "https://evil.example" },
    });
    expect(evil.status()).toBe(403);
    await reply(other, threadId, "a helpful answer");
    const inbox = await json(await author.get("/api/v1/notifications"));
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications[0]).toMatchObject({
      threadId,
      excerpt: "a helpful answer",
      href: `${LESSONS.api.path}#thread-${threadId}`,
    });
    expect(
      (await json(await author.post("/api/v1/notifications/read", { data: { ids: [inbox.notifications[0].id] } })))
        .unread,
    ).toBe(0);
  });
});
