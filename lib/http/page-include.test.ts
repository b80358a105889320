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
async function serve(include: ReturnType<typeof createPageInclude>, respond: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  server = http.createServer((req, res) => {
    include.watch(req, res);
    if (include.applies(req)) include.capture(req, res);
    respond(req, res);
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
  it("goes into the page in place of the marker, escaped, gzip-compressed when asked, with a correct length and no stale ETag", async () => {
    let reads = 0;
    const include = createPageInclude({ fetchThreads: async () => (reads++, threads(["Why <script>alert(1)</script>?", "NULL & joins"])) });
    const origin = await serve(include, nextLike);
    const res = await fetch(`${origin}/tracks/sql/what-is-sql`, { headers: { "Accept-Encoding": "gzip" } });
    const raw = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip"); // fetch decodes the body, the header stays
    expect(res.headers.get("etag")).toBeNull();
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
