import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { renderThreadsSnapshot, snapshotMarker } from "../discussion/snapshot.mjs";
import { createPageInclude } from "./page-include.mjs";

const LESSON = "5579713f-b343-4292-bf07-f28fcda488bd";
const page = (marker = snapshotMarker(LESSON)) => `<!DOCTYPE html><html><body><main>${"lesson text ".repeat(200)}<div>${marker}</div></main><script>self.x=1</script></body></html>`;
const threads = (titles: string[]) => ({
  threads: titles.map((title, i) => ({ id: `t${i}`, title, author: { name: "Ana <b>" }, createdAt: "2026-11-30T10:00:00.000Z", replyCount: i, pinned: i === 0, locked: false })),
  page: 1,
  pages: 1,
  total: titles.length,
});

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A stand-in for Next.js behind the include: it writes the page the way Next.js does (headers, chunks, end). */
async function serve(include: ReturnType<typeof createPageInclude>, respond: (req: http.IncomingMessage, res: http.ServerResponse) => void, before?: http.RequestListener) {
  server = http.createServer((req, res) => {
    before?.(req, res);
    include.watch(req, res);
    if (include.applies(req)) include.respond(req, res, () => respond(req, res));
    else respond(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const nextLike = (req: http.IncomingMessage, res: http.ServerResponse) => {
  if (req.method === "POST") {
    res.writeHead(201, { "Content-Type": "application/json" }).end("{}");
    return;
  }
  const html = page();
  // what a page answer looks like before our include: an ETag of the page without threads, uncompressed
  res.setHeader("ETag", '"page-etag"');
  res.setHeader("Vary", "RSC, Next-Router-State-Tree");
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "X-Seen-Accept-Encoding": String(req.headers["accept-encoding"] ?? "none") });
  res.write(html.slice(0, 1000));
  res.end(html.slice(1000));
};

describe("the lesson page's discussion snapshot", () => {
  it("goes into the page in place of the marker, escaped, gzip-compressed when asked, with a correct length and an ETag of the bytes sent", async () => {
    let reads = 0;
    const include = createPageInclude({ fetchThreads: async () => (reads++, threads(["Why <script>alert(1)</script>?", "NULL & joins"])) });
    const origin = await serve(include, nextLike);
    const res = await fetch(`${origin}/tracks/sql/what-is-sql`, { headers: { "Accept-Encoding": "gzip" } });
    const raw = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip"); // fetch decodes the body, the header stays
    expect(res.headers.get("etag")).not.toBe('"page-etag"');
    expect(res.headers.get("vary")).toBe("RSC, Next-Router-State-Tree, Accept-Encoding");
    const html = raw.toString("utf8");
    expect(html).toContain("Why &lt;script&gt;alert(1)&lt;/script&gt;?");
    expect(html).toContain("NULL &amp; joins");
    expect(html).toContain("by Ana &lt;b&gt;, 2026-11-30 · 0 replies");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("lnv-discussion:");
    expect(reads).toBe(1);
    // …so read the bytes on the wire: gzip, and the length header matches them
    const wire = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve) =>
      http.get(`${origin}/tracks/sql/what-is-sql`, { headers: { "Accept-Encoding": "gzip, br" } }, (r) => {
        const parts: Buffer[] = [];
        r.on("data", (c) => parts.push(c)).on("end", () => resolve({ headers: r.headers, body: Buffer.concat(parts) }));
      }),
    );
    expect(wire.headers["content-encoding"]).toBe("gzip");
    expect(Number(wire.headers["content-length"])).toBe(wire.body.length);
    expect(wire.headers["x-seen-accept-encoding"]).toBe("none"); // Next.js itself was asked for plain bytes
    expect(gunzipSync(wire.body).toString("utf8")).toBe(html);
    expect(wire.headers.etag).toBe(`"${createHash("sha256").update(wire.body).digest("base64url").slice(0, 27)}"`);
  });

  it("is read once per TTL, and again at once after a discussion write", async () => {
    let clock = 0;
    let titles = ["First"];
    let reads = 0;
    const include = createPageInclude({ fetchThreads: async () => (reads++, threads(titles)), ttlMs: 2000, now: () => clock });
    const origin = await serve(include, nextLike);
    const get = async () => (await fetch(`${origin}/tracks/sql/what-is-sql`)).text();
    expect(await get()).toContain("First");
    titles = ["Second"];
    clock = 1999;
    expect(await get()).toContain("First");
    clock = 2000;
    expect(await get()).toContain("Second");
    expect(reads).toBe(2);
    titles = ["Third"];
    const write = await fetch(`${origin}/api/v1/lessons/${LESSON}/threads`, { method: "POST" });
    expect(write.status).toBe(201);
    expect(await get()).toContain("Third");
    expect(reads).toBe(3);
  });

  it("leaves other pages, client navigation payloads and failed reads alone, and says when the threads could not be read", async () => {
    let reads = 0;
    const include = createPageInclude({
      fetchThreads: async () => {
        reads++;
        throw new Error("database down");
      },
    });
    const origin = await serve(include, nextLike);
    expect(include.applies({ method: "GET", url: "/tracks/sql", headers: {} } as http.IncomingMessage)).toBe(false);
    expect(include.applies({ method: "GET", url: "/tracks/sql/joins?_rsc=1", headers: {} } as http.IncomingMessage)).toBe(false);
    expect(include.applies({ method: "GET", url: "/tracks/sql/joins", headers: { rsc: "1" } } as unknown as http.IncomingMessage)).toBe(false);
    expect(include.applies({ method: "GET", url: "/tracks/sql/joins/v/v20260312", headers: {} } as http.IncomingMessage)).toBe(true);
    const res = await fetch(`${origin}/tracks/sql/what-is-sql`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("The discussion could not be loaded just now");
    expect(reads).toBe(1);
  });

  it("renders an empty discussion and a long one honestly", () => {
    expect(renderThreadsSnapshot({ threads: [], pages: 1, total: 0 })).toContain("No threads yet");
    const many = { ...threads(["a", "b"]), pages: 3, total: 25 };
    expect(renderThreadsSnapshot(many)).toContain("Showing the newest 2 of 25 threads.");
    expect(renderThreadsSnapshot(threads(["pinned one"]))).toContain("(pinned)");
  });
});

describe("the finished lesson page kept by the server", () => {
  const CSP = "default-src 'self'; script-src 'self' 'sha256-abc'";
  type Seen = { calls: number; ifNoneMatch: (string | undefined)[] };

  /** Next.js's part, counting how often it is asked; some paths answer the way pages that must not be kept do. */
  function counting(seen: Seen) {
    return (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.method === "POST") return nextLike(req, res);
      seen.calls++;
      seen.ifNoneMatch.push(req.headers["if-none-match"]);
      const path = (req.url ?? "").split("?")[0] ?? "";
      res.setHeader("Content-Security-Policy", path.endsWith("/nonce") ? "script-src 'nonce-abc'" : CSP);
      res.setHeader("X-Frame-Options", "DENY");
      res.setHeader("Cache-Control", "s-maxage=31536000");
      if (path.endsWith("/cookie")) res.setHeader("Set-Cookie", "theme=dark; Path=/");
      res.writeHead(path.endsWith("/missing") ? 404 : 200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(page());
    };
  }

  /** As scripts/serve.mjs does: HSTS for a request that came over HTTPS through a trusted proxy, before the include. */
  const hsts: http.RequestListener = (req, res) => {
    if (req.headers["x-forwarded-proto"] === "https") res.setHeader("Strict-Transport-Security", "max-age=31536000");
  };

  const raw = (url: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
      http
        .get(url, { headers }, (r) => {
          const parts: Buffer[] = [];
          r.on("data", (c) => parts.push(c)).on("end", () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(parts) }));
        })
        .on("error", reject),
    );

  it("answers the next reader without calling Next.js: same bytes, same security headers, one page for both encodings, per scheme", async () => {
    const seen: Seen = { calls: 0, ifNoneMatch: [] };
    let reads = 0;
    const include = createPageInclude({ fetchThreads: async () => (reads++, threads(["Kept"])) });
    const origin = await serve(include, counting(seen), hsts);
    const url = `${origin}/tracks/sql/what-is-sql`;
    const first = await raw(url, { "Accept-Encoding": "gzip" });
    const second = await raw(url, { "Accept-Encoding": "gzip" });
    expect(seen.calls).toBe(1);
    expect(reads).toBe(1);
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    for (const name of ["content-security-policy", "x-frame-options", "cache-control", "content-type", "vary", "content-encoding", "etag", "content-length"]) {
      expect(second.headers[name], name).toBe(first.headers[name]);
    }
    expect(second.headers["content-security-policy"]).toBe(CSP);
    expect(second.headers.date).toBeDefined();
    // a client without gzip gets the same page uncompressed, under a tag of its own
    const plain = await raw(url);
    expect(seen.calls).toBe(1);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(gunzipSync(first.body).toString("utf8"));
    expect(plain.headers.etag).not.toBe(first.headers.etag);
    // HTTPS pages carry another policy in the app (upgrade-insecure-requests): kept apart, and HSTS is never kept
    expect(first.headers["strict-transport-security"]).toBeUndefined();
    const secure = await raw(url, { "X-Forwarded-Proto": "https" });
    expect(seen.calls).toBe(2);
    expect(secure.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect((await raw(url, { "X-Forwarded-Proto": "https" })).headers["strict-transport-security"]).toBe("max-age=31536000");
    expect((await raw(url)).headers["strict-transport-security"]).toBeUndefined();
    expect(seen.calls).toBe(2);
    expect(include.size()).toBe(2);
  });

  it("is dropped by a discussion write on this instance", async () => {
    const seen: Seen = { calls: 0, ifNoneMatch: [] };
    let titles = ["Before the write"];
    const include = createPageInclude({ fetchThreads: async () => threads(titles) });
    const origin = await serve(include, counting(seen));
    const get = async () => (await fetch(`${origin}/tracks/sql/what-is-sql`)).text();
    expect(await get()).toContain("Before the write");
    expect(await get()).toContain("Before the write");
    expect(seen.calls).toBe(1);
    titles = ["After the write"];
    expect((await fetch(`${origin}/api/v1/threads/t0/posts`, { method: "POST" })).status).toBe(201);
    expect(include.size()).toBe(0);
    expect(await get()).toContain("After the write");
    expect(seen.calls).toBe(2);
  });

  it("lives as long as its threads: re-read in the background near the end of the TTL, read again and waited for after it", async () => {
    const seen: Seen = { calls: 0, ifNoneMatch: [] };
    let clock = 0;
    let titles = ["First"];
    let reads = 0;
    const include = createPageInclude({ fetchThreads: async () => (reads++, threads(titles)), ttlMs: 2000, now: () => clock });
    const origin = await serve(include, counting(seen));
    const get = async () => (await fetch(`${origin}/tracks/sql/what-is-sql`)).text();
    expect(await get()).toContain("First");
    clock = 1499;
    expect(await get()).toContain("First");
    expect([seen.calls, reads]).toEqual([1, 1]);
    // the last quarter of the TTL: served at once, the next read runs in the background
    clock = 1500;
    expect(await get()).toContain("First");
    expect([seen.calls, reads]).toEqual([1, 2]);
    // the same threads: the page stays kept for another TTL from that read
    clock = 3400;
    expect(await get()).toContain("First");
    expect(seen.calls).toBe(1);
    // new threads (a post on another instance) replace the page once the background read has them
    titles = ["Second"];
    clock = 5000;
    expect(await get()).toContain("First");
    expect(await get()).toContain("Second");
    expect(seen.calls).toBe(2);
    // no request for a whole TTL: the next one waits for a fresh read, never gets older threads
    titles = ["Third"];
    clock = 7000;
    expect(await get()).toContain("Third");
    expect(seen.calls).toBe(3);
  });

  it("keeps no page with a cookie, an error status, a query string or a per-request nonce", async () => {
    const seen: Seen = { calls: 0, ifNoneMatch: [] };
    const include = createPageInclude({ fetchThreads: async () => threads(["x"]) });
    const origin = await serve(include, counting(seen));
    for (const path of ["/tracks/sql/cookie", "/tracks/sql/missing", "/tracks/sql/what-is-sql?utm=1", "/tracks/sql/nonce"]) {
      const before = seen.calls;
      const a = await raw(origin + path);
      const b = await raw(origin + path);
      expect(seen.calls - before, path).toBe(2);
      expect(b.body.toString("utf8"), path).toContain(">x</span>");
      if (path.endsWith("/cookie")) expect([a.headers["set-cookie"], b.headers["set-cookie"]]).toEqual([["theme=dark; Path=/"], ["theme=dark; Path=/"]]);
      if (path.endsWith("/missing")) expect([b.status, b.headers.etag]).toEqual([404, undefined]);
    }
    expect(include.size()).toBe(0);
  });

  it("answers a matching If-None-Match with 304, from the kept page and from a freshly finished one, without asking Next.js for one", async () => {
    const seen: Seen = { calls: 0, ifNoneMatch: [] };
    const include = createPageInclude({ fetchThreads: async () => threads(["Same"]) });
    const origin = await serve(include, counting(seen));
    const url = `${origin}/tracks/sql/what-is-sql`;
    const first = await raw(url, { "Accept-Encoding": "gzip" });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await raw(url, { "Accept-Encoding": "gzip", "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers.vary).toContain("Accept-Encoding");
    expect((await raw(url, { "Accept-Encoding": "gzip", "If-None-Match": `"other", W/${etag}` })).status).toBe(304);
    expect((await raw(url, { "Accept-Encoding": "gzip", "If-None-Match": '"other"' })).status).toBe(200);
    expect((await raw(url, { "If-None-Match": etag })).status).toBe(200); // the uncompressed bytes have another tag
    expect(seen.calls).toBe(1);
    include.invalidate();
    const rebuilt = await raw(url, { "Accept-Encoding": "gzip", "If-None-Match": etag });
    expect(rebuilt.status).toBe(304);
    expect(seen.calls).toBe(2);
    expect(seen.ifNoneMatch).toEqual([undefined, undefined]);
  });

  it("keeps at most maxEntries pages, dropping the least recently used", async () => {
    const seen: Seen = { calls: 0, ifNoneMatch: [] };
    const include = createPageInclude({ fetchThreads: async () => threads(["x"]), maxEntries: 2 });
    const origin = await serve(include, counting(seen));
    const get = (lesson: string) => raw(`${origin}/tracks/sql/${lesson}`);
    await get("a");
    await get("b");
    await get("a"); // a is now the most recently used
    expect(seen.calls).toBe(2);
    await get("c"); // b goes
    expect(include.size()).toBe(2);
    await get("a");
    expect(seen.calls).toBe(3);
    await get("b");
    expect(seen.calls).toBe(4);
    for (let i = 0; i < 20; i++) await get(`random-${i}`);
    expect(include.size()).toBe(2);
  });

  it("puts a title holding $ patterns in as text", async () => {
    const include = createPageInclude({ fetchThreads: async () => threads(["cost $` and $$ and $1"]) });
    const origin = await serve(include, nextLike);
    const html = await (await fetch(`${origin}/tracks/sql/what-is-sql`)).text();
    expect(html).toContain(">cost $` and $$ and $1</span>");
    expect(html.match(/<!DOCTYPE html>/g)).toHaveLength(1);
  });
});
