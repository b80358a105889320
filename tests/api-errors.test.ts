import { randomBytes, randomUUID } from "node:crypto";
import { format } from "node:util";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postThread } from "@/app/api/v1/lessons/[lessonId]/threads/route";
import { POST as postReply } from "@/app/api/v1/threads/[id]/posts/route";
import { getTracks, publishedLessons } from "@/lib/content";
import { databaseReady } from "@/lib/db/client";
import { getThread } from "@/lib/db/discussion";
import { LIMITS } from "@/lib/db/rate-limit";
import { createUser } from "@/lib/db/users";
import { endpoint, NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { z } from "zod";

/**
 * What the route wrapper promises about failures, through real handlers (lib/http/route.ts):
 * an unexpected error is a 500 whose body names the request id sent as X-Request-Id, with no stack
 * or internals, and one server log entry under that id; a posting limit is a 429 with Retry-After.
 */
const SECRET = "api-errors-test-secret-api-errors-test-01";
const COOKIE = "authjs.session-token";
const unique = () => randomBytes(4).toString("hex");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let savedSecret: string | undefined;
let savedLimits: string | undefined;
beforeAll(async () => {
  savedSecret = process.env.AUTH_SECRET;
  savedLimits = process.env.DISCUSSION_RATE_LIMITS;
  process.env.AUTH_SECRET = SECRET;
  await databaseReady();
});
afterAll(() => {
  process.env.AUTH_SECRET = savedSecret;
  if (savedLimits === undefined) delete process.env.DISCUSSION_RATE_LIMITS;
  else process.env.DISCUSSION_RATE_LIMITS = savedLimits;
});
afterEach(() => {
  vi.restoreAllMocks();
});

const noParams = { params: Promise.resolve({}) };

describe("an unexpected error in a handler", () => {
  // A test route: the wrapper as every API route uses it, around a handler that throws.
  const SECRET_DETAIL = "relation users_secret: SELECT password_hash FROM users";
  const contract = endpoint({ method: "GET", path: "/api/v1/test-throw", tag: "Test", summary: "throws", auth: "public", response: z.object({}) });
  const throwing = route(contract, async () => {
    throw new Error(SECRET_DETAIL);
  });
  const throwingWrite = route({ ...contract, method: "POST" }, async () => {
    throw Object.assign(new TypeError("Cannot read properties of undefined (reading 'id')"), { code: "ERR_X" });
  });

  for (const [label, handler, method] of [
    ["GET, an Error", throwing, "GET"],
    ["POST, a TypeError with a code", throwingWrite, "POST"],
  ] as const) {
    it(`${label}: 500, the body's request id is X-Request-Id, one log entry under it, nothing internal in the body`, async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      const res = await handler(new NextRequest("http://localhost/api/v1/test-throw", { method }), noParams);
      const text = await res.text();

      expect(res.status).toBe(500);
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(UUID);
      expect(JSON.parse(text)).toEqual({
        error: { code: "INTERNAL", message: expect.stringMatching(/request id/), requestId: id },
      });
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(text).not.toMatch(/SELECT|password|users_secret|TypeError|reading 'id'|ERR_X|\n\s+at |\bat [\w.<>]+ \(/);

      expect(logged).toHaveBeenCalledTimes(1);
      const entry = format(...logged.mock.calls[0]!);
      // one entry, found by the id the client was given, whose first line says what failed
      expect(entry.split("\n")[0]).toMatch(new RegExp(`^\\[${id}\\] unhandled error: .*(${SECRET_DETAIL}|reading 'id')`));
    });
  }

  it("every answer gets its own request id", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const ids = new Set<string | null>();
    for (let i = 0; i < 3; i++) ids.add((await throwing(new NextRequest("http://localhost/x"), noParams)).headers.get("x-request-id"));
    expect(ids.size).toBe(3);
  });
});

describe("the discussion's posting limit through its routes (limits on)", () => {
  async function signedIn(userId: string) {
    // the claims Auth.js writes at sign-in: user, token version, session id (tests/session.test.ts)
    const token = await encode({ token: { uid: userId, tv: 0, sub: userId, sid: randomUUID() }, secret: SECRET, salt: COOKIE, maxAge: 3600 });
    return { cookie: `${COOKIE}=${token}`, "content-type": "application/json" };
  }

  it("a second post within 15 seconds is 429 with Retry-After, and writes nothing", async () => {
    delete process.env.DISCUSSION_RATE_LIMITS;
    const user = await createUser({ name: `Limit ${unique()}`, email: `limit-${unique()}@test.example`, password: "a-fine-password-1" });
    const headers = await signedIn(user.id);
    const lessonId = publishedLessons(getTracks()[0]!)[0]!.id;

    const first = await postThread(
      new NextRequest(`http://localhost/api/v1/lessons/${lessonId}/threads`, {
        method: "POST",
        headers,
        body: JSON.stringify({ title: `Limits ${unique()}`, body: "The first post of this account." }),
      }),
      { params: Promise.resolve({ lessonId }) },
    );
    expect(first.status, await first.clone().text()).toBe(201);
    const threadId = (await first.json()).thread.id as string;

    const second = await postReply(
      new NextRequest(`http://localhost/api/v1/threads/${threadId}/posts`, {
        method: "POST",
        headers,
        body: JSON.stringify({ body: "Too soon after the first." }),
      }),
      { params: Promise.resolve({ id: threadId }) },
    );
    expect(second.status).toBe(429);
    const retryAfter = Number(second.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LIMITS.postInterval.duration);
    const body = await second.json();
    expect(body.error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/once every 15 seconds/) });
    expect(body.error.requestId).toBe(second.headers.get("x-request-id"));

    const view = await getThread({ viewerId: null, threadId, sort: "newest", page: 1 });
    expect(view.thread.replyCount).toBe(0);
  });
});

describe("a client that goes away mid-body", () => {
  it("is a 400 naming the body, not a logged 500", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const contract = endpoint({
      method: "POST",
      path: "/api/v1/test-echo",
      tag: "Test",
      summary: "echoes",
      auth: "public",
      body: z.object({ x: z.string() }),
      response: z.object({ x: z.string() }),
    });
    const echo = route(contract, async ({ body }) => ({ data: body, cache: NO_STORE }));
    let sent = false;
    const cut = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new Error("aborted"));
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"x": "half'));
      },
    });
    const req = new NextRequest(new Request("http://localhost/api/v1/test-echo", { method: "POST", body: cut, duplex: "half" } as RequestInit));
    const res = await echo(req, noParams);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.body[0]).toMatch(/cut off/);
    expect(logged).not.toHaveBeenCalled();
  });
});
