import { ADMIN, MODERATOR, apiContext, apiSignIn, apiSignUp, expect, newLearner, randomIp, test } from "./fixtures";

/** Accounts, roles and security over real HTTP against `next start` (issue 4). */

function expectNoInternals(body: string) {
  expect(body).not.toMatch(/\n\s+at |node_modules|prisma|SELECT |Error:/);
}

test.describe("sign-up", () => {
  test("names each bad field with its message; a duplicate email gets the same 202 as a new one", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    const bad = await api.post("/api/v1/auth/sign-up", { data: { name: "", email: "not-an-email", password: "short" } });
    expect(bad.status()).toBe(422);
    const body = await bad.json();
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.fields.name).toEqual(["Name is required"]);
    expect(body.error.fields.email[0]).toMatch(/valid email/);
    expect(body.error.fields.password[0]).toMatch(/at least 8 characters/);

    const common = await api.post("/api/v1/auth/sign-up", { data: { name: "Pat", email: "pat@e2e.test", password: "password123" } });
    expect(common.status()).toBe(422);
    expect((await common.json()).error.fields.password[0]).toMatch(/most common passwords/);

    const long = await api.post("/api/v1/auth/sign-up", { data: { name: "Pat", email: "pat@e2e.test", password: "x".repeat(129) } });
    expect((await long.json()).error.fields.password[0]).toMatch(/at most 128/);

    const user = newLearner();
    await apiSignUp(api, user);
    const again = await (await apiContext(playwright, baseURL)).post("/api/v1/auth/sign-up", {
      data: { ...user, email: `  ${user.email.toUpperCase()} ` },
    });
    // sign-up never says whether an address has an account (e2e/security.spec.ts has the details)
    expect(again.status()).toBe(202);
    const answer = await again.text();
    expect(answer).not.toMatch(/already exists/);
    expectNoInternals(answer);
  });

  test("malformed JSON is a 400 that says so", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    const res = await api.post("/api/v1/auth/sign-up", { data: Buffer.from("{not json"), headers: { "Content-Type": "application/json" } });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.message).toMatch(/valid JSON/);
  });
});

test.describe("sign-in", () => {
  test("wrong password is a generic 401; the 6th failure for an account is 429 with Retry-After", async ({ playwright, baseURL }) => {
    const user = newLearner();
    await apiSignUp(await apiContext(playwright, baseURL), user);
    for (let i = 1; i <= 5; i++) {
      // a new address each time: this is the per-account limit
      const res = await (await apiContext(playwright, baseURL)).post("/api/v1/auth/sign-in", { data: { email: user.email, password: "wrong-password" } });
      expect(res.status(), `attempt ${i}`).toBe(401);
      expect((await res.json()).error.message).toBe("Email or password is not correct.");
    }
    const sixth = await (await apiContext(playwright, baseURL)).post("/api/v1/auth/sign-in", { data: { email: user.email, password: user.password } });
    expect(sixth.status()).toBe(429);
    expect(Number(sixth.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await sixth.json()).error.message).toMatch(/Too many failed sign-in attempts/);
  });

  test("the 6th failure from one address is 429, whatever the account", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL, randomIp());
    for (let i = 1; i <= 5; i++) {
      const res = await api.post("/api/v1/auth/sign-in", { data: { email: `nobody-${i}@e2e.test`, password: "wrong-password" } });
      expect(res.status()).toBe(401);
    }
    const sixth = await api.post("/api/v1/auth/sign-in", { data: { email: "someone-else@e2e.test", password: "whatever-password" } });
    expect(sixth.status()).toBe(429);
  });

  test("an unknown email gets the same answer as a wrong password", async ({ playwright, baseURL }) => {
    const res = await (await apiContext(playwright, baseURL)).post("/api/v1/auth/sign-in", { data: { email: "ghost@e2e.test", password: "whatever-pass" } });
    expect(res.status()).toBe(401);
    expect((await res.json()).error.message).toBe("Email or password is not correct.");
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    const user = newLearner();
    await apiSignUp(await apiContext(playwright, baseURL), user);
    const res = await api.post("/api/v1/auth/sign-in", { data: { email: user.email, password: user.password } });
    const cookie = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && /session-token=/.test(h.value))!.value;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  test("over HTTPS (behind a trusted proxy) the session cookie is __Secure- prefixed and Secure", async ({ playwright, baseURL }) => {
    const user = newLearner();
    await apiSignUp(await apiContext(playwright, baseURL), user);
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": randomIp(), "X-Forwarded-Proto": "https" } });
    const res = await api.post("/api/v1/auth/sign-in", { data: { email: user.email, password: user.password } });
    expect(res.status()).toBe(200);
    const cookie = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && /session-token=/.test(h.value))!.value;
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/i);
  });
});

/** A new learner with two sessions: signed up in `a`, signed in again in `b` (another device). */
async function twoSessions(playwright: Parameters<typeof apiContext>[0], baseURL: string | undefined) {
  const user = newLearner();
  const a = await apiContext(playwright, baseURL);
  const b = await apiContext(playwright, baseURL);
  await apiSignUp(a, user);
  await apiSignIn(b, user);
  return { user, a, b };
}

test.describe("sessions", () => {
  test("sign out of all devices ends the session in another context", async ({ playwright, baseURL }) => {
    const { user, a, b } = await twoSessions(playwright, baseURL);
    expect((await (await b.get("/api/v1/me")).json()).user.email).toBe(user.email);
    expect((await a.delete("/api/v1/me/sessions")).status()).toBe(200);
    expect((await (await b.get("/api/v1/me")).json()).user).toBeNull();
    expect((await (await a.get("/api/v1/me")).json()).user).toBeNull();
    expect((await b.get("/api/v1/me/export")).status()).toBe(401);
  });

  test("changing the password ends other sessions and keeps this one", async ({ playwright, baseURL }) => {
    const { user, a, b } = await twoSessions(playwright, baseURL);
    const wrong = await a.post("/api/v1/me/password", { data: { currentPassword: "nope-nope", newPassword: "a-new-password-1" } });
    expect(wrong.status()).toBe(403);
    expect((await wrong.json()).error.fields.currentPassword).toBeTruthy();
    const ok = await a.post("/api/v1/me/password", { data: { currentPassword: user.password, newPassword: "a-new-password-1" } });
    expect(ok.status(), await ok.text()).toBe(200);
    expect((await (await a.get("/api/v1/me")).json()).user.email).toBe(user.email);
    expect((await (await b.get("/api/v1/me")).json()).user).toBeNull();
    await apiSignIn(await apiContext(playwright, baseURL), { email: user.email, password: "a-new-password-1" });
  });

  test("a banned user is signed out and cannot sign in; unban restores sign-in", async ({ playwright, baseURL }) => {
    const user = newLearner();
    const learner = await apiContext(playwright, baseURL);
    const { id } = await apiSignUp(learner, user);
    const mod = await apiContext(playwright, baseURL);
    await apiSignIn(mod, MODERATOR);
    const ban = await mod.post(`/api/v1/admin/users/${id}/ban`, { data: { reason: "spam links" } });
    expect(ban.status(), await ban.text()).toBe(200);
    expect((await (await learner.get("/api/v1/me")).json()).user).toBeNull();
    const again = await (await apiContext(playwright, baseURL)).post("/api/v1/auth/sign-in", { data: user });
    expect(again.status()).toBe(403);
    expect((await again.json()).error.message).toMatch(/suspended/);
    expect((await mod.delete(`/api/v1/admin/users/${id}/ban`)).status()).toBe(200);
    await apiSignIn(await apiContext(playwright, baseURL), user);
  });

  test("an admin's role change applies on the learner's next request", async ({ playwright, baseURL }) => {
    const user = newLearner();
    const learner = await apiContext(playwright, baseURL);
    const { id } = await apiSignUp(learner, user);
    expect((await learner.get("/api/v1/admin/users")).status()).toBe(403);
    const admin = await apiContext(playwright, baseURL);
    await apiSignIn(admin, ADMIN);
    const res = await admin.patch(`/api/v1/admin/users/${id}`, { data: { role: "ADMIN" } });
    expect(res.status()).toBe(200);
    expect((await (await learner.get("/api/v1/me")).json()).user.role).toBe("ADMIN");
    expect((await learner.get("/api/v1/admin/users")).status()).toBe(200);
    const bad = await admin.patch(`/api/v1/admin/users/${id}`, { data: { role: "ROOT" } });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.fields.role).toBeTruthy();
  });
});

test.describe("who may call what", () => {
  const someId = "00000000-0000-4000-8000-000000000000";
  // [method, path, body, expected status for anonymous, learner, moderator, admin]
  const table: [string, string, unknown, number, number, number, number][] = [
    ["GET", "/api/v1/me", undefined, 200, 200, 200, 200],
    ["GET", "/api/v1/me/export", undefined, 401, 200, 200, 200],
    ["GET", "/api/v1/admin/users", undefined, 401, 403, 403, 200],
    ["PATCH", `/api/v1/admin/users/${someId}`, { role: "MODERATOR" }, 401, 403, 403, 404],
    ["POST", `/api/v1/admin/users/${someId}/ban`, { reason: "testing" }, 401, 403, 404, 404],
    ["DELETE", `/api/v1/admin/users/${someId}/ban`, undefined, 401, 403, 404, 404],
    ["POST", "/api/v1/me/password", { currentPassword: "x", newPassword: "y" }, 401, 422, 422, 422],
    ["GET", "/api/v1/tracks", undefined, 200, 200, 200, 200],
  ];

  test("the role table holds for every protected route", async ({ playwright, baseURL }) => {
    const anonymous = await apiContext(playwright, baseURL);
    const learner = await apiContext(playwright, baseURL);
    await apiSignUp(learner, newLearner());
    const moderator = await apiContext(playwright, baseURL);
    await apiSignIn(moderator, MODERATOR);
    const admin = await apiContext(playwright, baseURL);
    await apiSignIn(admin, ADMIN);
    const who = [anonymous, learner, moderator, admin];
    for (const [method, path, data, ...expected] of table) {
      for (let i = 0; i < who.length; i++) {
        const res = await who[i]!.fetch(path, { method, data });
        const text = await res.text();
        expect(res.status(), `${["anonymous", "learner", "moderator", "admin"][i]} ${method} ${path}: ${text}`).toBe(expected[i]);
        if (res.status() >= 400) expectNoInternals(text);
      }
    }
  });

  test("a cross-origin POST is refused with 403", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    await apiSignUp(api, newLearner());
    const attempts: Record<string, string>[] = [{ Origin: "https://evil.example" }, { "Sec-Fetch-Site": "cross-site" }, { Origin: "null" }];
    for (const headers of attempts) {
      const res = await api.delete("/api/v1/me/sessions", { headers });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect((await res.json()).error.message).toMatch(/Cross-site request refused/);
    }
    expect((await (await api.get("/api/v1/me")).json()).user).not.toBeNull();
    const same = await api.delete("/api/v1/me/sessions", { headers: { Origin: baseURL! } });
    expect(same.status()).toBe(200);
  });

  test("next-auth refuses a credentials POST without its CSRF token", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    const res = await api.post("/api/auth/callback/credentials", {
      form: { email: ADMIN.email, password: ADMIN.password },
      maxRedirects: 0,
    });
    expect([302, 303, 400, 403]).toContain(res.status());
    const location = res.headers()["location"] ?? "";
    expect(location).toMatch(/MissingCSRF|error/);
    const cookies = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    expect(cookies.some((c) => /session-token=[^;]+/.test(c) && !/session-token=;/.test(c))).toBe(false);
    expect((await (await api.get("/api/v1/me")).json()).user).toBeNull();
  });
});

test.describe("headers", () => {
  test("a static page and an API response carry the security headers", async ({ request }) => {
    for (const path of ["/tracks/sql/migrations-basics", "/api/v1/tracks", "/search?q=join", "/api/v1/me"]) {
      const res = await request.get(path);
      const h = res.headers();
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"], path).toMatch(/camera=\(\)/);
      if (!path.startsWith("/api")) {
        const csp = h["content-security-policy"]!;
        expect(csp, path).toMatch(/frame-ancestors 'none'/);
        expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+'| 'nonce-[^']+')+/);
        expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      }
    }
  });

  test("the static lesson page keeps the same HTML and shared caching with the CSP in place", async ({ playwright, baseURL }) => {
    const a = await apiContext(playwright, baseURL);
    const b = await apiContext(playwright, baseURL);
    const [ra, rb] = await Promise.all([a.get("/tracks/sql/migrations-basics"), b.get("/tracks/sql/migrations-basics")]);
    expect(await ra.text()).toBe(await rb.text());
    expect(ra.headers()["cache-control"]).toMatch(/s-maxage/);
    expect(ra.headers()["content-security-policy"]).toBe(rb.headers()["content-security-policy"]);
  });
});

test.describe("forgot password", () => {
  test("the answer never says whether an account exists", async ({ playwright, baseURL }) => {
    const user = newLearner();
    await apiSignUp(await apiContext(playwright, baseURL), user);
    const api = await apiContext(playwright, baseURL);
    const known = await api.post("/api/v1/auth/forgot-password", { data: { email: user.email } });
    const unknown = await api.post("/api/v1/auth/forgot-password", { data: { email: "ghost-person@e2e.test" } });
    expect(known.status()).toBe(202);
    expect(unknown.status()).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
  });

  test("a bad reset token is a 400 naming the token", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    const res = await api.post("/api/v1/auth/reset-password", { data: { token: "x".repeat(43), password: "brand-new-pass-1" } });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.fields.token[0]).toMatch(/invalid, expired or already used/);
  });
});
