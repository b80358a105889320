import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { apiContext, apiSignUp, expect, newLearner, randomIp, signedUpApi, test } from "./fixtures";

/**
 * Production paths (issue 13, item 5). A deployment terminates TLS at a proxy in front of the app and
 * forwards plain HTTP with X-Forwarded-For/Proto/Host; the e2e main server trusts loopback as that
 * proxy (TRUSTED_PROXIES=127.0.0.1). Here the proxy is real: a Node HTTPS server with a certificate
 * made for this run, forwarding to the app as nginx would, and Chromium talks to it over TLS.
 */
const APP = new URL(`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`);

type Proxy = { origin: string; close: () => Promise<void> };

/** A self-signed certificate for 127.0.0.1, made with Debian's openssl for this run only. */
function certificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-tls-"));
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    return { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What nginx does with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` and friends. */
async function startTlsProxy(clientIp: string): Promise<Proxy> {
  const server = https.createServer(certificate(), (req, res) => {
    const headers = { ...req.headers };
    const host = req.headers.host ?? "";
    headers["x-forwarded-for"] = [req.headers["x-forwarded-for"], clientIp].filter(Boolean).join(", ");
    headers["x-forwarded-proto"] = "https";
    headers["x-forwarded-host"] = host;
    headers.host = APP.host;
    const upstream = http.request({ host: APP.hostname, port: APP.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test.describe("behind a TLS-terminating proxy", () => {
  let proxy: Proxy;
  test.beforeAll(async () => {
    proxy = await startTlsProxy(randomIp());
  });
  test.afterAll(async () => proxy.close());

  test("sign in, read /api/v1/me and write, with __Secure- cookies, HSTS and an upgrading CSP", async ({ browser, playwright, baseURL }) => {
    const user = newLearner("tls");
    await apiSignUp(await apiContext(playwright, baseURL), user);

    const context = await browser.newContext({ baseURL: proxy.origin, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const login = await page.goto("/login");
    expect(login!.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
    expect(login!.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: user.name })).toBeVisible();

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.startsWith("__Secure-authjs.session-token"));
    expect(session, "the session cookie is __Secure- prefixed").toBeTruthy();
    expect(session!.secure).toBe(true);
    expect(session!.httpOnly).toBe(true);
    expect(cookies.some((c) => c.name.startsWith("authjs.session-token"))).toBe(false);

    // the browser's own same-origin requests: who is signed in, then a write (a confidence rating)
    const me = await page.evaluate(async () => (await fetch("/api/v1/me")).json());
    expect(me.user.email).toBe(user.email);
    const write = await page.evaluate(async () => {
      const res = await fetch("/api/v1/progress/sync", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          mutations: [
            { id: crypto.randomUUID(), kind: "confidence", lessonId: "5579713f-b343-4292-bf07-f28fcda488bd", rating: 3, clientTime: new Date().toISOString() },
          ],
        }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(write.status, JSON.stringify(write.body)).toBe(200);
    const stored = await page.evaluate(async () => (await fetch("/api/v1/progress")).json());
    expect(stored.lessons.find((l: { lessonId: string }) => l.lessonId === "5579713f-b343-4292-bf07-f28fcda488bd")).toMatchObject({ confidence: 3 });

    await context.close();
  });
});

test.describe("every visitor gets the same HTML", () => {
  test("a guest, and a signed-in learner in dark theme with another language, get identical home, track, lesson and older-version pages", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const { user: learner } = await signedUpApi({ playwright, baseURL }, "same-html");
    const guest = await browser.newContext({ baseURL, colorScheme: "light", locale: "en-US" });
    const member = await browser.newContext({
      baseURL,
      colorScheme: "dark",
      locale: "de-DE",
      extraHTTPHeaders: { "Accept-Language": "de-DE,de;q=0.9", "Sec-CH-Prefers-Color-Scheme": "dark", "X-Forwarded-For": randomIp() },
    });
    const signIn = await member.request.post("/api/v1/auth/sign-in", { data: { email: learner.email, password: learner.password } });
    expect(signIn.status()).toBe(200);
    await member.addInitScript(() => localStorage.setItem("theme", "dark"));
    for (const page of ["/", "/tracks/sql", "/tracks/sql/migrations-basics", "/tracks/sql/migrations-basics/v/v20260312"]) {
      const [a, b] = await Promise.all([guest.request.get(page), member.request.get(page)]);
      expect(a.status(), page).toBe(200);
      expect((await member.request.get("/api/v1/me").then((r) => r.json())).user?.email, "the member is signed in").toBe(learner.email);
      expect(await b.text(), `${page} is the same for both`).toBe(await a.text());
    }
    await guest.close();
    await member.close();
  });
});
