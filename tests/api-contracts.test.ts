import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as adminBan from "@/app/api/v1/admin/users/[id]/ban/route";
import * as adminUser from "@/app/api/v1/admin/users/[id]/route";
import * as adminUsers from "@/app/api/v1/admin/users/route";
import * as providers from "@/app/api/v1/auth/providers/route";
import * as lessonThreads from "@/app/api/v1/lessons/[lessonId]/threads/route";
import * as exportRoute from "@/app/api/v1/me/export/route";
import * as me from "@/app/api/v1/me/route";
import * as modActions from "@/app/api/v1/mod/actions/route";
import * as modAudit from "@/app/api/v1/mod/audit/route";
import * as modReports from "@/app/api/v1/mod/reports/route";
import * as notificationsRead from "@/app/api/v1/notifications/read/route";
import * as notifications from "@/app/api/v1/notifications/route";
import * as postReports from "@/app/api/v1/posts/[id]/reports/route";
import * as post from "@/app/api/v1/posts/[id]/route";
import * as vote from "@/app/api/v1/posts/[id]/vote/route";
import * as dashboard from "@/app/api/v1/progress/dashboard/route";
import * as progress from "@/app/api/v1/progress/route";
import * as sync from "@/app/api/v1/progress/sync/route";
import * as review from "@/app/api/v1/review/route";
import * as threadPosts from "@/app/api/v1/threads/[id]/posts/route";
import * as thread from "@/app/api/v1/threads/[id]/route";
import { catalogLesson } from "@/lib/content/catalog";
import { getTracks, publishedLessons } from "@/lib/content";
import { databaseReady } from "@/lib/db/client";
import { createUser } from "@/lib/db/users";

/**
 * Every signed-in and staff route through its real handler, against a real database, with route()
 * checking each response against its contract (NODE_ENV is "test"): a body that drifted from its
 * schema would be a 500 here. The content routes are covered the same way by api-content and
 * api-lab-content; the auth routes that set cookies need a Next request scope and are left to e2e.
 */
const SECRET = "api-contracts-test-secret-api-contracts-01";
const COOKIE = "authjs.session-token";
const unique = () => randomBytes(4).toString("hex");

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Caller = { id: string } | null;

async function headersFor(user: Caller): Promise<Record<string, string>> {
  if (!user) return {};
  const token = await encode({ token: { uid: user.id, tv: 0, sub: user.id, sid: randomUUID() }, secret: SECRET, salt: COOKIE, maxAge: 3600 });
  return { cookie: `${COOKIE}=${token}`, "content-type": "application/json" };
}

type CallOptions = { params?: Record<string, string>; body?: unknown };

async function call(handler: Handler, method: string, path: string, user: Caller, opts: CallOptions = {}) {
  const res = await handler(
    new NextRequest(`http://localhost${path}`, {
      method,
      headers: await headersFor(user),
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
  return { status: res.status, text: await res.text() };
}

/** Calls a handler and insists on a success status: a contract mismatch would answer 500. */
async function ok(handler: Handler, method: string, path: string, user: Caller, opts: CallOptions = {}) {
  const { status, text } = await call(handler, method, path, user, opts);
  expect(status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text);
}

/** A refusal's status and body without its request id (which differs every time). */
async function refused(handler: Handler, method: string, path: string, user: Caller, opts: CallOptions = {}) {
  const { status, text } = await call(handler, method, path, user, opts);
  const body = JSON.parse(text) as { error: { requestId?: string } };
  delete body.error.requestId;
  return { status, body: JSON.stringify(body) };
}

let saved: Record<string, string | undefined> = {};
let learner: { id: string };
let other: { id: string };
let moderator: { id: string };
let admin: { id: string };
const lesson = () => publishedLessons(getTracks()[0]!)[0]!;

beforeAll(async () => {
  saved = { AUTH_SECRET: process.env.AUTH_SECRET, DISCUSSION_RATE_LIMITS: process.env.DISCUSSION_RATE_LIMITS };
  process.env.AUTH_SECRET = SECRET;
  process.env.DISCUSSION_RATE_LIMITS = "off";
  await databaseReady();
  const make = (role?: "MODERATOR" | "ADMIN") =>
    createUser({ name: `Contract ${unique()}`, email: `contract-${unique()}@test.example`, password: "a-fine-password-1", role });
  [learner, other, moderator, admin] = await Promise.all([make(), make(), make("MODERATOR"), make("ADMIN")]);
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("responses match their contracts", () => {
  // (a signed-in GET /api/v1/me re-issues the cookie through Auth.js, which needs a Next request scope: e2e covers it)
  it("account and providers, as a guest", async () => {
    expect((await ok(me.GET, "GET", "/api/v1/me", null)).user).toBeNull();
    expect((await ok(providers.GET, "GET", "/api/v1/auth/providers", null)).mail).toMatch(/smtp|outbox/);
  });

  it("progress: sync, read, dashboard, review queue, reset", async () => {
    const l = catalogLesson(lesson().id)!;
    const v = l.versions.at(-1)!;
    const now = new Date().toISOString();
    const mutations = [
      { id: randomUUID(), clientTime: now, kind: "visit", lessonId: l.id },
      { id: randomUUID(), clientTime: now, kind: "complete", lessonId: l.id, version: v.version },
      { id: randomUUID(), clientTime: now, kind: "confidence", lessonId: l.id, rating: 3 },
      { id: randomUUID(), clientTime: now, kind: "selfCheck", lessonId: l.id, index: 0, state: "known" },
      { id: randomUUID(), clientTime: now, kind: "quiz", lessonId: l.id, attemptId: randomUUID(), version: v.version, answers: {}, score: 0, total: v.quizIds.length },
    ];
    const synced = await ok(sync.POST, "POST", "/api/v1/progress/sync", learner, { body: { mutations } });
    expect(synced.applied).toHaveLength(mutations.length);
    expect((await ok(progress.GET, "GET", "/api/v1/progress", learner)).lessons).toHaveLength(1);
    expect((await ok(dashboard.GET, "GET", "/api/v1/progress/dashboard?tzOffset=60", learner)).started).toBe(1);
    await ok(review.GET, "GET", "/api/v1/review", learner);
    expect((await ok(progress.DELETE, "DELETE", "/api/v1/progress", learner)).reset.lessons).toBe(1);
  });

  it("progress: content problems are refused with the shape problems, field by field, in the same bytes as ever", async () => {
    const l = catalogLesson(lesson().id)!;
    const now = new Date().toISOString();
    const visit = { id: randomUUID(), clientTime: now, kind: "visit", lessonId: l.id };
    const batch = {
      mutations: [
        visit,
        { ...visit, id: randomUUID(), kind: "confidence", rating: 7 },
        { ...visit, id: randomUUID(), lessonId: "00000000-0000-4000-8000-000000000000" },
        { ...visit, id: randomUUID(), kind: "complete", version: "v20990101" },
      ],
    };
    const versions = l.versions.map((v) => v.version).join(", ");
    expect(await refused(sync.POST, "POST", "/api/v1/progress/sync", learner, { body: batch })).toEqual({
      status: 422,
      body: JSON.stringify({
        error: {
          code: "VALIDATION_FAILED",
          message: "mutations.1.rating: must be 1 to 4; mutations.2.lessonId: is not a published lesson; " +
            `mutations.3.version: is not a version of this lesson (${versions})`,
          fields: {
            "mutations.1.rating": ["must be 1 to 4"],
            "mutations.2.lessonId": ["is not a published lesson"],
            "mutations.3.version": [`is not a version of this lesson (${versions})`],
          },
        },
      }),
    });
    const slug = "use lowercase words joined by hyphens, e.g. migrations-basics";
    for (const method of ["GET", "DELETE"] as const) {
      expect(await refused(progress[method], method, "/api/v1/progress?track=nope", learner)).toEqual({
        status: 400,
        body: JSON.stringify({ error: { code: "BAD_REQUEST", message: "track: is not a track", fields: { track: ["is not a track"] } } }),
      });
      expect(await refused(progress[method], method, "/api/v1/progress?track=No_Such", learner)).toEqual({
        status: 400,
        body: JSON.stringify({ error: { code: "BAD_REQUEST", message: `track: ${slug}`, fields: { track: [slug, "is not a track"] } } }),
      });
    }
    expect((await ok(progress.GET, "GET", "/api/v1/progress", learner)).lessons).toEqual([]);
  });

  it("discussion, notifications, moderation and admin, through one thread's life", async () => {
    const lessonId = lesson().id;
    const created = await ok(lessonThreads.POST, "POST", `/api/v1/lessons/${lessonId}/threads`, learner, {
      params: { lessonId },
      body: { title: `Contracts ${unique()}`, body: "Why does **this** work?" },
    });
    const threadId: string = created.thread.id;
    const byId = { params: { id: threadId } };
    await ok(lessonThreads.GET, "GET", `/api/v1/lessons/${lessonId}/threads`, null, { params: { lessonId } });
    await ok(thread.PATCH, "PATCH", `/api/v1/threads/${threadId}`, learner, { ...byId, body: { title: `Contracts, edited ${unique()}` } });
    const reply = await ok(threadPosts.POST, "POST", `/api/v1/threads/${threadId}/posts`, other, { ...byId, body: { body: "Because of the index." } });
    const nested = await ok(threadPosts.POST, "POST", `/api/v1/threads/${threadId}/posts`, learner, {
      ...byId,
      body: { body: "Thanks!", parentId: reply.post.id },
    });
    const page = await ok(thread.GET, "GET", `/api/v1/threads/${threadId}`, learner, byId);
    expect(page.post.replies[0].replies[0].id).toBe(nested.post.id);

    const postId: string = reply.post.id;
    const onPost = { params: { id: postId } };
    await ok(post.PATCH, "PATCH", `/api/v1/posts/${postId}`, other, { ...onPost, body: { body: "Because of the index, mostly." } });
    expect((await ok(vote.PUT, "PUT", `/api/v1/posts/${postId}/vote`, learner, onPost)).vote.votedByMe).toBe(true);
    await ok(vote.DELETE, "DELETE", `/api/v1/posts/${postId}/vote`, learner, onPost);
    await ok(postReports.POST, "POST", `/api/v1/posts/${postId}/reports`, learner, { ...onPost, body: { reason: "SPAM" } });

    const inbox = await ok(notifications.GET, "GET", "/api/v1/notifications", learner);
    expect(inbox.unread).toBeGreaterThan(0);
    expect((await ok(notificationsRead.POST, "POST", "/api/v1/notifications/read", learner, { body: { all: true } })).unread).toBe(0);

    expect((await ok(modReports.GET, "GET", "/api/v1/mod/reports", moderator)).items.length).toBeGreaterThan(0);
    for (const body of [
      { action: "hide", postId },
      { action: "lock", threadId },
      { action: "silence", userId: other.id, days: 1, reason: "Cooling off" },
      { action: "ban", userId: other.id, reason: "Spam again" },
      { action: "unban", userId: other.id },
    ]) {
      expect((await ok(modActions.POST, "POST", "/api/v1/mod/actions", moderator, { body })).action).toBe(body.action);
    }
    expect((await ok(modAudit.GET, "GET", "/api/v1/mod/audit", moderator)).entries.length).toBeGreaterThanOrEqual(5);

    await ok(post.DELETE, "DELETE", `/api/v1/posts/${nested.post.id}`, learner, { params: { id: nested.post.id } });
    await ok(thread.DELETE, "DELETE", `/api/v1/threads/${threadId}`, learner, byId);

    const someone = { params: { id: other.id } };
    await ok(adminUsers.GET, "GET", "/api/v1/admin/users?q=contract", admin);
    expect((await ok(adminUser.PATCH, "PATCH", `/api/v1/admin/users/${other.id}`, admin, { ...someone, body: { role: "MODERATOR" } })).user.role).toBe("MODERATOR");
    await ok(adminUser.PATCH, "PATCH", `/api/v1/admin/users/${other.id}`, admin, { ...someone, body: { role: "LEARNER" } });
    expect((await ok(adminBan.POST, "POST", `/api/v1/admin/users/${other.id}/ban`, moderator, { ...someone, body: { reason: "Spam" } })).user.bannedAt).toBeTruthy();
    expect((await ok(adminBan.DELETE, "DELETE", `/api/v1/admin/users/${other.id}/ban`, moderator, someone)).user.bannedAt).toBeNull();

    const dump = await ok(exportRoute.GET, "GET", "/api/v1/me/export", learner);
    expect(dump.discussion.threads).toHaveLength(1);
  });

  it("a handler whose data drifts is caught on these same routes (the check is on)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { route } = await import("@/lib/http/route");
    const { accountApi } = await import("@/lib/schemas/account");
    const drifted = route(accountApi.me, async () => ({ data: { user: { id: learner.id } } as never, cache: { kind: "private-no-store" } }));
    const res = await drifted(new NextRequest("http://localhost/api/v1/me"), { params: Promise.resolve({}) });
    expect(res.status).toBe(500);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/GET \/api\/v1\/me .*user\.name/);
    logged.mockRestore();
  });
});
