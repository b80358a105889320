import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";
import { etagMatches } from "./respond";
import { isCrossOrigin } from "./origin";
import { contentSecurityPolicy, LAB_WORKER_CSP, THEME_SCRIPT_HASH } from "./security-headers";

const h = (init: Record<string, string>) => new Headers(init);

describe("origin check", () => {
  it("accepts same-origin and non-browser requests, refuses cross-site ones", () => {
    expect(isCrossOrigin(h({ host: "a.test", origin: "https://a.test" }))).toBe(false);
    expect(isCrossOrigin(h({ host: "a.test" }))).toBe(false);
    expect(isCrossOrigin(h({ host: "a.test", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossOrigin(h({ host: "a.test", origin: "https://evil.test" }))).toBe(true);
    expect(isCrossOrigin(h({ host: "a.test", origin: "null" }))).toBe(true);
    expect(isCrossOrigin(h({ host: "a.test", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossOrigin(h({ host: "a.test", "sec-fetch-site": "same-site" }))).toBe(true);
  });
});

describe("client address", () => {
  it("takes the rightmost X-Forwarded-For entry (the one our proxy saw)", () => {
    expect(clientIp(h({ "x-forwarded-for": "1.1.1.1, 2.2.2.2" }))).toBe("2.2.2.2");
    expect(clientIp(h({}))).toBe("unknown");
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
    expect(script).toBe(`script-src 'self' ${THEME_SCRIPT_HASH} 'sha256-abc'`);
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
