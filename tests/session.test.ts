import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getRequestSession, revokeRequestSession, sessionCookieKey } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { LIMITS } from "@/lib/db/rate-limit";
import { revokeSessions } from "@/lib/db/sessions";
import { banUser, createUser } from "@/lib/db/users";

const SECRET = "session-test-secret-session-test-secret-01";
const COOKIE = "authjs.session-token";
const unique = () => randomBytes(4).toString("hex");
const newUser = (role: "LEARNER" | "ADMIN" = "LEARNER") =>
  createUser({ name: `S ${unique()}`, email: `s-${unique()}@test.example`, password: "a-fine-password-1", role });

async function cookieFor(uid: string, tv: number, maxAge = 3600, sid: string | null = randomUUID()) {
  const token = await encode({ token: { uid, tv, sub: uid, ...(sid ? { sid } : {}) }, secret: SECRET, salt: COOKIE, maxAge });
  return new Headers({ cookie: `theme=dark; ${COOKIE}=${token}; other=1` });
}

let saved: string | undefined;
beforeAll(() => {
  saved = process.env.AUTH_SECRET;
  process.env.AUTH_SECRET = SECRET;
});
afterAll(() => {
  process.env.AUTH_SECRET = saved;
});

describe("the API's session check (decrypted cookies are cached; revocation is not)", () => {
  it("picks only Auth.js session cookies, whole or chunked, as the cache key", () => {
    expect(sessionCookieKey("a=1; authjs.session-token=xyz; b=2")).toBe("authjs.session-token=xyz");
    expect(sessionCookieKey("__Secure-authjs.session-token.0=p; x=1; __Secure-authjs.session-token.1=q")).toBe(
      "__Secure-authjs.session-token.0=p; __Secure-authjs.session-token.1=q",
    );
    expect(sessionCookieKey("authjs.session-token-evil=1; authjs.csrf-token=2")).toBeNull();
    expect(sessionCookieKey("")).toBeNull();
  });

  it("answers from the cache for a repeated cookie, yet a ban or a sign-out everywhere acts on the next request", async () => {
    const admin = await newUser("ADMIN");
    const user = await newUser();
    const headers = await cookieFor(user.id, 0);
    expect((await getRequestSession(headers)).user?.id).toBe(user.id);
    expect((await getRequestSession(headers)).user?.id).toBe(user.id); // cached decryption

    await revokeSessions(user.id);
    expect(await getRequestSession(headers)).toEqual({ user: null, banned: false });

    const other = await newUser();
    const otherHeaders = await cookieFor(other.id, 0);
    expect((await getRequestSession(otherHeaders)).user?.id).toBe(other.id);
    await banUser({ actor: admin, userId: other.id, reason: "test" });
    expect(await getRequestSession(otherHeaders)).toEqual({ user: null, banned: true });
  });

  it("spends a signed-in write's point in the same statement, and refuses the write once the budget is gone", async () => {
    const user = await newUser();
    const headers = await cookieFor(user.id, 0);
    for (let i = 0; i < LIMITS.userWrite.points; i++)
      expect((await getRequestSession(headers, "userWrite")).limit).toEqual({ allowed: true });
    const over = await getRequestSession(headers, "userWrite");
    expect(over.user?.id).toBe(user.id);
    expect(over.limit).toMatchObject({ allowed: false });
    if (over.limit && !over.limit.allowed) expect(over.limit.retryAfterSeconds).toBeGreaterThan(0);
    // reads spend nothing
    expect((await getRequestSession(headers)).limit).toBeUndefined();
    const row = await db().rateLimit.findUniqueOrThrow({ where: { key: `userWrite:${user.id}` } });
    expect(row.points).toBe(LIMITS.userWrite.points + 1);
  });

  it("does not serve an expired token from the cache", async () => {
    const user = await newUser();
    const headers = await cookieFor(user.id, 0, 1);
    expect((await getRequestSession(headers)).user?.id).toBe(user.id);
    // past exp and past Auth.js's 15-second clock tolerance
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 20_000);
    try {
      expect((await getRequestSession(headers)).user).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a forged or tampered cookie", async () => {
    const user = await newUser();
    const good = (await cookieFor(user.id, 0)).get("cookie")!;
    // Change the first character of the ciphertext (the 4th part of the compact JWE). Not the last
    // character of the token: in base64url its low bits can be padding, so changing it may leave the
    // decoded bytes as they were.
    const token = /authjs\.session-token=([^;]+)/.exec(good)![1]!;
    const parts = token.split(".");
    parts[3] = (parts[3]![0] === "A" ? "B" : "A") + parts[3]!.slice(1);
    for (const [label, bad] of [
      ["ciphertext", parts.join(".")],
      ["truncated", token.slice(0, -10)],
    ] as const) {
      expect(bad, label).not.toBe(token);
      expect((await getRequestSession(new Headers({ cookie: `${COOKIE}=${bad}` }))).user, label).toBeNull();
    }
    const forged = await encode({
      token: { uid: user.id, tv: 0 },
      secret: "some-other-secret-some-other-secret-000",
      salt: COOKIE,
    });
    expect((await getRequestSession(new Headers({ cookie: `${COOKIE}=${forged}` }))).user).toBeNull();
  });

  it("signing out revokes that session only: its cookie stops working, another device's goes on (issue 11, finding 6)", async () => {
    const user = await newUser();
    const laptop = await cookieFor(user.id, 0);
    const phone = await cookieFor(user.id, 0);
    expect((await getRequestSession(laptop)).user?.id).toBe(user.id);
    await revokeRequestSession(laptop);
    expect(await getRequestSession(laptop)).toEqual({ user: null, banned: false });
    expect((await getRequestSession(laptop, "userWrite")).user).toBeNull();
    expect((await getRequestSession(phone)).user?.id).toBe(user.id);
  });

  it("refuses a token without a session id (issued before per-session sign-out, so it could not be revoked alone)", async () => {
    const user = await newUser();
    expect(await getRequestSession(await cookieFor(user.id, 0, 3600, null))).toEqual({ user: null, banned: false });
  });
});
