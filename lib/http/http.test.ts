import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";
import { parseTrustedProxies, resolveRequest, TrustedProxiesError, type TTrust } from "./forwarded.mjs";
import { isCrossOrigin } from "./origin";
import { publicOrigin, PublicOriginError } from "./public-origin.mjs";
import { requestContextStorage, type TRequestContext } from "./request-context.mjs";
import { etagMatches } from "./respond";
import { contentSecurityPolicy, LAB_WORKER_CSP, HEAD_SCRIPT_HASH } from "./security-headers";

const h = (init: Record<string, string>) => new Headers(init);

describe("origin check", () => {
  const saved = { APP_URL: process.env.APP_URL, DATABASE_URL: process.env.DATABASE_URL, PORT: process.env.PORT };
  beforeEach(() => {
    process.env.APP_URL = "https://learn.test";
  });
  afterEach(() => Object.assign(process.env, saved));
  const direct: TRequestContext = { clientIp: "10.0.0.9", trustedHop: false, https: false, forwardedOrigin: null };

  it("accepts the public origin and non-browser requests, refuses cross-site ones", () => {
    expect(isCrossOrigin(h({ origin: "https://learn.test" }))).toBe(false);
    expect(isCrossOrigin(h({}))).toBe(false);
    expect(isCrossOrigin(h({ "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossOrigin(h({ origin: "https://evil.test" }))).toBe(true);
    expect(isCrossOrigin(h({ origin: "null" }))).toBe(true);
    expect(isCrossOrigin(h({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossOrigin(h({ "sec-fetch-site": "same-site" }))).toBe(true);
  });

  it("never compares with Host or X-Forwarded-Host a client sent", () => {
    const forged = h({ origin: "https://evil.test", host: "evil.test", "x-forwarded-host": "evil.test" });
    expect(requestContextStorage.run(direct, () => isCrossOrigin(forged))).toBe(true);
  });

  it("accepts the origin a trusted proxy forwarded", () => {
    const viaProxy: TRequestContext = { ...direct, trustedHop: true, https: true, forwardedOrigin: "https://mirror.test" };
    expect(requestContextStorage.run(viaProxy, () => isCrossOrigin(h({ origin: "https://mirror.test" })))).toBe(false);
  });

  it("in the embedded setup, accepts localhost and the loopback addresses of the port", () => {
    delete process.env.APP_URL;
    delete process.env.DATABASE_URL;
    process.env.PORT = "4123";
    for (const origin of ["http://localhost:4123", "http://127.0.0.1:4123", "http://[::1]:4123"]) expect(isCrossOrigin(h({ origin }))).toBe(false);
    expect(isCrossOrigin(h({ origin: "http://localhost:9999" }))).toBe(true);
  });
});

describe("public origin (APP_URL)", () => {
  it("is APP_URL, an origin only; the embedded default is http://localhost:$PORT", () => {
    expect(publicOrigin({ APP_URL: "https://learn.test/" }).origin).toBe("https://learn.test");
    expect(publicOrigin({ APP_URL: "http://127.0.0.1:3100" }).origin).toBe("http://127.0.0.1:3100");
    expect(publicOrigin({ PORT: "4000" }).origin).toBe("http://localhost:4000");
    expect(publicOrigin({}).origin).toBe("http://localhost:3000");
  });

  it("is required with DATABASE_URL, and must be an http(s) origin", () => {
    expect(() => publicOrigin({ DATABASE_URL: "postgres://x@h/db" })).toThrow(/APP_URL is not set/);
    expect(() => publicOrigin({ APP_URL: "learn.test" })).toThrow(PublicOriginError);
    expect(() => publicOrigin({ APP_URL: "ftp://learn.test" })).toThrow(/https:\/\//);
    expect(() => publicOrigin({ APP_URL: "https://learn.test/app" })).toThrow(/origin only/);
  });
});

describe("client address (TRUSTED_PROXIES)", () => {
  const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ remoteAddress, headers });
  const none = parseTrustedProxies(undefined);

  it("with no trusted proxy, is the socket's address and ignores X-Forwarded-*", () => {
    const r = resolveRequest(request("::ffff:203.0.113.7", { "x-forwarded-for": "1.2.3.4", "x-forwarded-proto": "https", "x-forwarded-host": "evil.test" }), none);
    expect(r).toEqual({ clientIp: "203.0.113.7", trustedHop: false, https: false, forwardedOrigin: null });
  });

  it("with N hops, is the N-th X-Forwarded-For entry from the right", () => {
    const one = parseTrustedProxies("1");
    expect(resolveRequest(request("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.4" }), one).clientIp).toBe("198.51.100.4");
    expect(resolveRequest(request("127.0.0.1"), one).clientIp).toBe("127.0.0.1");
    const two = parseTrustedProxies("2");
    expect(resolveRequest(request("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.0.0.1" }), two).clientIp).toBe("198.51.100.4");
  });

  it("with a list, is the rightmost entry that is not a trusted proxy; an untrusted peer is the client", () => {
    const list = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");
    const headers = { "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.1.2.3", "x-forwarded-proto": "https", "x-forwarded-host": "learn.test" };
    expect(resolveRequest(request("127.0.0.1", headers), list)).toEqual({
      clientIp: "198.51.100.4",
      trustedHop: true,
      https: true,
      forwardedOrigin: "https://learn.test",
    });
    expect(resolveRequest(request("::1", { "x-forwarded-for": "2001:db8::5" }), list).clientIp).toBe("2001:db8::5");
    expect(resolveRequest(request("203.0.113.9", headers), list)).toEqual({ clientIp: "203.0.113.9", trustedHop: false, https: false, forwardedOrigin: null });
  });

  it("never takes a garbage entry or a host with odd characters", () => {
    const one: TTrust = parseTrustedProxies("1");
    expect(resolveRequest(request("127.0.0.1", { "x-forwarded-for": "not-an-ip" }), one).clientIp).toBe("unknown");
    expect(resolveRequest(request("127.0.0.1", { "x-forwarded-host": "evil.test/path?x" }), one).forwardedOrigin).toBeNull();
  });

  it("refuses a setting it cannot read, naming it", () => {
    expect(() => parseTrustedProxies("10")).toThrow(TrustedProxiesError);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/TRUSTED_PROXIES: "10.0.0.0\/33"/);
    expect(() => parseTrustedProxies("localhost")).toThrow(/TRUSTED_PROXIES/);
  });

  it("route code reads the resolved address from the request context, never from a header", () => {
    const context: TRequestContext = { clientIp: "198.51.100.4", trustedHop: true, https: false, forwardedOrigin: null };
    expect(requestContextStorage.run(context, () => clientIp())).toBe("198.51.100.4");
    expect(clientIp()).toBe("unknown");
  });
});

describe("ETag matching", () => {
  it("compares weakly and accepts lists and *", () => {
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
  });
});

describe("content security policy", () => {
  it("allows scripts only from self, the theme script's hash and the given hashes or nonce", () => {
    const csp = contentSecurityPolicy({ scriptSources: ["'sha256-abc'"], https: false, dev: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(script).toBe(`script-src 'self' ${HEAD_SCRIPT_HASH} 'sha256-abc'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ scriptSources: [], https: true, dev: false })).toContain("upgrade-insecure-requests");
  });

  it("lets pages start same-origin workers (the SQL lab) and compile nothing; only the lab's own files may compile WebAssembly", () => {
    const csp = contentSecurityPolicy({ scriptSources: [], https: false, dev: false });
    expect(csp).toContain("worker-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
    const worker = LAB_WORKER_CSP.split("; ");
    expect(worker).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(worker).toContain("default-src 'none'");
    expect(LAB_WORKER_CSP).not.toContain("'unsafe-eval'");
  });
});
