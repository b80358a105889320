import http from "node:http";
import net from "node:net";
import { createThread, LESSONS } from "./discussion-helpers";
import {
  apiContext,
  apiSignIn,
  apiSignUp,
  expect,
  linkIn,
  mailsTo,
  newLearner,
  randomIp,
  SEEDED_PASSWORD,
  signedUpApi,
  test,
  waitForMail,
} from "./fixtures";

/**
 * Issue 11: one test per finding of the outside probe, over real HTTP. Two servers run the same
 * build (scripts/e2e-server.mjs):
 * - the main e2e server trusts loopback as its proxy (TRUSTED_PROXIES=127.0.0.1), as a deployment
 *   behind nginx does, so each test can be its own client by sending X-Forwarded-For;
 * - the "direct" server trusts no proxy, as a fresh `npm start` does: every request from this
 *   machine is the one client 127.0.0.1, whatever X-Forwarded-For says. Its mail goes to an SMTP
 *   address that a test below turns into a black hole.
 * On the direct server only the serial block below signs in, and it spends 127.0.0.1's sign-in budget last.
 */
const MAIN_PORT = Number(process.env.E2E_PORT ?? 3100);
const DIRECT = `http://127.0.0.1:${Number(process.env.E2E_DIRECT_PORT ?? MAIN_PORT + 1)}`;
const DIRECT_SMTP_PORT = Number(process.env.E2E_DIRECT_SMTP_PORT ?? MAIN_PORT + 2);
const DIRECT_USER = { email: "direct@e2e.test", password: SEEDED_PASSWORD };
const RENDER_USER = { email: "render@e2e.test", password: SEEDED_PASSWORD };

function sessionCookie(headers: { name: string; value: string }[]): string {
  const cookie = headers.find((h) => h.name.toLowerCase() === "set-cookie" && /authjs\.session-token=[^;]+/.test(h.value));
  expect(cookie, "a session cookie").toBeTruthy();
  return cookie!.value.split(";")[0]!;
}

/** A POST whose body is streamed in chunks with no Content-Length, as `curl -T -` sends it. */
function postChunked(url: string, bytes: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answer: { status: number; body: string } | null = null;
    const req = http.request(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve((answer = { status: res.statusCode ?? 0, body })));
    });
    // A server that refuses a body may close the connection while we are still sending it: that is
    // fine once its answer has arrived, and a failure before.
    req.on("error", (error) => (answer ? resolve(answer) : reject(error)));
    const chunk = Buffer.alloc(16 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

/**
 * The direct server is one client (127.0.0.1) with one sign-in budget: the test that signs in there
 * runs before the test that spends that budget.
 */
test.describe.serial("on the server that trusts no proxy", () => {
  test("finding 4: a body that takes too long to render gets 422, and the server keeps answering meanwhile", async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: DIRECT });
    expect((await api.post("/api/v1/auth/sign-in", { data: RENDER_USER })).status()).toBe(200);
    // about 0.6 s of parsing at the least (seconds on a busy machine); this server's budget is 50 ms
    const posting = api.post(`/api/v1/lessons/${LESSONS.api.id}/threads`, { data: { title: "A slow one", body: "*_a".repeat(3_333) } });
    const health = await api.get("/api/health");
    expect(health.status()).toBe(200);
    const res = await posting;
    expect(res.status()).toBe(422);
    expect((await res.json()).error.fields.body[0]).toMatch(/too complex/);
  });

  test("finding 2: seven failed sign-ins from one socket with seven different X-Forwarded-For values end in 429", async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: DIRECT });
    const statuses: number[] = [];
    for (let i = 1; i <= 7; i++) {
      // a new account each time, so only the per-address limit can stop them
      const res = await api.post("/api/v1/auth/sign-in", {
        data: { email: `nobody-${i}-${randomIp()}@e2e.test`, password: "wrong-password-1" },
        headers: { "X-Forwarded-For": randomIp() },
      });
      statuses.push(res.status());
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

});

test.describe("finding 1: reset links never come from request headers", () => {
  test("a reset request with a forged X-Forwarded-Host and Host mails a link to the configured origin", async ({ playwright, baseURL }) => {
    const user = newLearner("reset");
    await apiSignUp(await apiContext(playwright, baseURL), user);
    const api = await apiContext(playwright, baseURL);
    const res = await api.post("/api/v1/auth/forgot-password", {
      data: { email: user.email },
      headers: { "X-Forwarded-Host": "attacker.example", "X-Forwarded-Proto": "https", Host: "attacker.example" },
    });
    expect(res.status()).toBe(202);
    const link = linkIn(await waitForMail(user.email, /Reset/), "/reset-password");
    expect(link.origin).toBe(new URL(baseURL!).origin);
    expect(mailsTo(user.email).join("\n")).not.toContain("attacker.example");
  });
});

test.describe("finding 2: client addresses and origins come from trusted proxies only", () => {
  test("25 concurrent wrong guesses for one account get exactly 5 tries", async ({ playwright, baseURL }) => {
    const user = newLearner("guess");
    await apiSignUp(await apiContext(playwright, baseURL), user);
    const contexts = await Promise.all(Array.from({ length: 25 }, () => apiContext(playwright, baseURL)));
    const statuses = await Promise.all(
      contexts.map(async (api) => (await api.post("/api/v1/auth/sign-in", { data: { email: user.email, password: "wrong-password-1" } })).status()),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  test("the Origin check compares with the public origin, not a client's X-Forwarded-Host", async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: DIRECT });
    const forged = await api.post("/api/v1/auth/forgot-password", {
      data: { email: "someone@e2e.test" },
      headers: { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" },
    });
    expect(forged.status()).toBe(403);
    const forgedHost = await api.post("/api/v1/auth/forgot-password", {
      data: { email: "someone@e2e.test" },
      headers: { Origin: "http://evil.example", Host: "evil.example" },
    });
    expect(forgedHost.status()).toBe(403);
    const sameSite = await api.post("/api/v1/auth/forgot-password", { data: { email: "someone@e2e.test" }, headers: { Origin: DIRECT } });
    expect(sameSite.status()).toBe(202);
  });

  test("behind the trusted proxy, the origin that proxy forwards is accepted", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    const res = await api.post("/api/v1/auth/forgot-password", {
      data: { email: "someone@e2e.test" },
      headers: { Origin: "https://learn.example", "X-Forwarded-Host": "learn.example", "X-Forwarded-Proto": "https" },
    });
    expect(res.status()).toBe(202);
  });
});

test.describe("finding 3: request bodies have a size limit before they are read", () => {
  test("a 2 MB body gets 413 with a JSON error", async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: DIRECT });
    const res = await api.post("/api/v1/auth/sign-up", {
      data: JSON.stringify({ name: "x", email: "x@e2e.test", password: "x".repeat(2 * 1024 * 1024) }),
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status()).toBe(413);
    expect((await res.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("a body over the route's 64 KB is refused by Content-Length and by a streamed count", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    const declared = await api.post("/api/v1/auth/forgot-password", { data: { email: "a@e2e.test", pad: "x".repeat(100 * 1024) } });
    expect(declared.status()).toBe(413);
    const body = await declared.json();
    expect(body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.error.fields.body[0]).toMatch(/64 KB/);

    const streamed = await postChunked(`${baseURL}/api/v1/auth/forgot-password`, 200 * 1024, { "X-Forwarded-For": randomIp() });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("a body of unknown length outside /api/v1 is refused with 411", async () => {
    const res = await postChunked(`${DIRECT}/api/csp-report`, 20 * 1024);
    expect(res.status).toBe(411);
  });

  test("/api/csp-report refuses large reports and limits how often one address reports", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    const large = await api.post("/api/csp-report", { data: { "csp-report": { "blocked-uri": "x".repeat(20 * 1024) } } });
    expect(large.status()).toBe(413);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await api.post("/api/csp-report", { data: { "csp-report": { "blocked-uri": "inline" } } })).status());
    expect(statuses.slice(0, 20).every((s) => s === 204)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

test.describe("finding 4: rendering a post cannot stall the server", () => {
  test("10,000 nested quotes get 422 naming the body, not a 500", async ({ playwright, baseURL }) => {
    const api = await apiContext(playwright, baseURL);
    await apiSignUp(api, newLearner("render"));
    const { threadId } = await createThread(api, LESSONS.api.id);
    const res = await api.post(`/api/v1/threads/${threadId}/posts`, { data: { body: ">".repeat(10_000) } });
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.error.fields.body[0]).toMatch(/nest/);
  });
});

test.describe("finding 6: sign-out ends the session", () => {
  test("an old cookie after sign-out gets 401 and is not renewed", async ({ playwright, baseURL }) => {
    const { user, api } = await signedUpApi({ playwright, baseURL }, "signout");
    const signIn = await api.post("/api/v1/auth/sign-in", { data: { email: user.email, password: user.password } });
    const cookie = sessionCookie(signIn.headersArray());
    const other = await apiContext(playwright, baseURL); // another device stays signed in
    await apiSignIn(other, user);

    const out = await api.post("/api/v1/auth/sign-out");
    expect(out.status()).toBe(200);

    const replay = await apiContext(playwright, baseURL);
    const exported = await replay.get("/api/v1/me/export", { headers: { Cookie: cookie } });
    expect(exported.status()).toBe(401);
    const sync = await replay.post("/api/v1/progress/sync", { headers: { Cookie: cookie }, data: { mutations: [] } });
    expect(sync.status()).toBe(401);
    const me = await replay.get("/api/v1/me", { headers: { Cookie: cookie } });
    expect((await me.json()).user).toBeNull();
    expect(me.headersArray().some((h) => h.name.toLowerCase() === "set-cookie" && /session-token=[^;]+/.test(h.value))).toBe(false);

    expect((await (await other.get("/api/v1/me")).json()).user?.email).toBe(user.email);
  });
});

test.describe("finding 7: the low items", () => {
  test("the current-password check on password change and deletion shares the sign-in limiter", async ({ playwright, baseURL }) => {
    const { user, api } = await signedUpApi({ playwright, baseURL }, "pwcheck");
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await api.post("/api/v1/me/password", { data: { currentPassword: `wrong-${i}-password`, newPassword: "a-new-password-42" } })).status());
    }
    statuses.push((await api.delete("/api/v1/me", { data: { password: "wrong-again-password", confirm: "DELETE" } })).status());
    const sixth = await api.post("/api/v1/me/password", { data: { currentPassword: user.password, newPassword: "a-new-password-42" } });
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
    expect(sixth.status()).toBe(429);
    expect(Number(sixth.headers()["retry-after"])).toBeGreaterThan(0);
  });

  test("/login?notice=__proto__ shows the sign-in page", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto("/login?notice=__proto__");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await page.goto("/login?notice=constructor");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("reset mail leaves after the response: a mail server that never answers does not hold it", async ({ playwright }) => {
    const stalled: net.Socket[] = [];
    const blackHole = net.createServer((socket) => void stalled.push(socket)); // accepts, never greets
    await new Promise<void>((resolve) => blackHole.listen(DIRECT_SMTP_PORT, "127.0.0.1", resolve));
    try {
      const api = await playwright.request.newContext({ baseURL: DIRECT, timeout: 10_000 });
      const known = await api.post("/api/v1/auth/forgot-password", { data: { email: DIRECT_USER.email } });
      expect(known.status()).toBe(202);
      const unknown = await api.post("/api/v1/auth/forgot-password", { data: { email: "nobody-here@e2e.test" } });
      expect(unknown.status()).toBe(202);
      expect(await known.text()).toBe(await unknown.text());
      await expect.poll(() => stalled.length, { message: "the server tried to send the known address's mail" }).toBeGreaterThan(0);
    } finally {
      for (const socket of stalled) socket.destroy();
      blackHole.close();
    }
  });

  test("sign-up answers the same for a new and an existing email, and mails the owner instead", async ({ playwright, baseURL }) => {
    const user = newLearner("dup");
    await apiSignUp(await apiContext(playwright, baseURL), user);
    const newcomer = newLearner("fresh");
    const fresh = await (await apiContext(playwright, baseURL)).post("/api/v1/auth/sign-up", { data: newcomer });
    const again = await (await apiContext(playwright, baseURL)).post("/api/v1/auth/sign-up", { data: { ...user, password: "another-password-42" } });
    expect(again.status()).toBe(fresh.status());
    expect(await again.json()).toEqual(await fresh.json());
    expect(again.headersArray().some((h) => h.name.toLowerCase() === "set-cookie")).toBe(false);
    const notice = await waitForMail(user.email, /sign-up attempt/i);
    expect(linkIn(notice, "/forgot-password").origin).toBe(new URL(baseURL!).origin);
    expect(notice).not.toContain("/signup/confirm");
  });

  test("sign-up spends the address limit before creating anything; failed sign-ins do not turn it into a 429 then a 409", async ({ playwright, baseURL }) => {
    const ip = randomIp();
    const api = await apiContext(playwright, baseURL, ip);
    for (let i = 0; i < 5; i++) await api.post("/api/v1/auth/sign-in", { data: { email: `x${i}-${ip}@e2e.test`, password: "wrong-password-1" } });
    const user = newLearner("limited");
    const created = await apiSignUp(api, user);
    expect(created.email).toBe(user.email);
    const again = await api.post("/api/v1/auth/sign-up", { data: user });
    expect(again.status()).toBe(202);

    const flood = await apiContext(playwright, baseURL);
    const statuses: number[] = [];
    const emails: string[] = [];
    for (let i = 0; i < 11; i++) {
      const learner = newLearner("flood");
      emails.push(learner.email);
      statuses.push((await flood.post("/api/v1/auth/sign-up", { data: learner })).status());
    }
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
    await waitForMail(emails[9]!, /Confirm/);
    expect(mailsTo(emails[10]!)).toEqual([]);
  });

  test("HSTS is sent over HTTPS from a trusted proxy, and never because a client says so", async ({ playwright, baseURL }) => {
    const viaProxy = await (await apiContext(playwright, baseURL)).get("/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(viaProxy.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
    const plain = await (await apiContext(playwright, baseURL)).get("/");
    expect(plain.headers()["strict-transport-security"]).toBeUndefined();
    const direct = await (await playwright.request.newContext({ baseURL: DIRECT })).get("/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(direct.headers()["strict-transport-security"]).toBeUndefined();
  });
});
