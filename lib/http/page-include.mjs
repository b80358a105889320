// Puts live parts into prerendered pages on their way out (scripts/serve.mjs): today the lesson
// page's first page of discussion threads (lib/discussion/snapshot.mjs, ADR 017).
//
// The page Next.js prerendered carries a marker comment where the threads go. This module buffers
// that one kind of response, swaps the marker for the threads' HTML, and compresses the result
// itself. Why not render the threads in React (ISR)? The page's inline scripts carry its React
// payload, and the Content-Security-Policy allows them by hash, computed once after the build: a page
// re-rendered with new threads would carry scripts the policy refuses. The marker sits in a
// dangerouslySetInnerHTML element, so the payload (and its hash) never changes, and React leaves the
// element's content alone when it hydrates.
//
// Freshness: a lesson's threads are read (as a signed-out reader) at most once per `ttlMs` per
// instance, and at once after a discussion write on this instance (invalidate()).
import zlib from "node:zlib";
import { SNAPSHOT_MARKER_PATTERN, renderThreadsSnapshot } from "../discussion/snapshot.mjs";

/** How long one instance reuses a lesson's threads before reading them again. */
export const SNAPSHOT_TTL_MS = 2000;

/** A lesson page, current or older version (other pages carry no marker). */
const LESSON_PAGE = /^\/tracks\/[^/?#]+\/[^/?#]+(?:\/v\/[^/?#]+)?\/?(?:\?|$)/;
/** Writes after which a lesson's threads may have changed. */
const DISCUSSION_WRITE = /^\/api\/v1\/(?:lessons|threads|posts|mod|admin)\//;

export function createPageInclude({ fetchThreads, ttlMs = SNAPSHOT_TTL_MS, now = Date.now }) {
  /** lessonId -> { at, html: Promise<string> } */
  const cache = new Map();

  function snapshot(lessonId) {
    const hit = cache.get(lessonId);
    if (hit && now() - hit.at < ttlMs) return hit.html;
    const html = Promise.resolve()
      .then(() => fetchThreads(lessonId))
      .catch(() => null)
      .then((list) => renderThreadsSnapshot(list));
    cache.set(lessonId, { at: now(), html });
    return html;
  }

  /** Whether this response is a lesson page's HTML (not its RSC payload for client navigation). */
  function applies(req) {
    return req.method === "GET" && LESSON_PAGE.test(req.url ?? "") && !req.headers.rsc && !(req.url ?? "").includes("_rsc=");
  }

  /** After a request: a successful discussion write drops the cached threads. */
  function watch(req, res) {
    if (req.method === "GET" || req.method === "HEAD" || !DISCUSSION_WRITE.test(req.url ?? "")) return;
    res.once("finish", () => {
      if (res.statusCode < 400) cache.clear();
    });
  }

  /**
   * Takes over `res` for one lesson page: Next.js writes into a buffer, and the buffer goes out
   * with the threads in place, gzip-compressed when the client accepts it.
   */
  function capture(req, res) {
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    // Next.js must send the page uncompressed and whole: no 304 for an ETag of the page without threads.
    delete req.headers["accept-encoding"];
    delete req.headers["if-none-match"];
    delete req.headers["if-modified-since"];
    const chunks = [];
    const original = { writeHead: res.writeHead, write: res.write, end: res.end };
    const add = (chunk, encoding) => {
      if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
    };
    res.writeHead = function writeHead(status, reason, headers) {
      res.statusCode = status;
      const given = typeof reason === "object" ? reason : headers;
      if (Array.isArray(given)) for (let i = 0; i < given.length; i += 2) res.setHeader(given[i], given[i + 1]);
      else if (given) for (const [k, v] of Object.entries(given)) res.setHeader(k, v);
      return res;
    };
    res.write = function write(chunk, encoding, callback) {
      add(chunk, encoding);
      (typeof encoding === "function" ? encoding : callback)?.();
      return true;
    };
    res.end = function end(chunk, encoding, callback) {
      add(chunk, encoding);
      const done = [chunk, encoding, callback].find((f) => typeof f === "function");
      Object.assign(res, original);
      finish().then(
        (body) => res.end(body, done),
        () => res.end(Buffer.concat(chunks), done),
      );
      return res;
    };

    async function finish() {
      let body = Buffer.concat(chunks);
      const html = String(res.getHeader("content-type") ?? "").includes("text/html") && !res.getHeader("content-encoding");
      if (html) {
        const text = body.toString("utf8");
        const marker = SNAPSHOT_MARKER_PATTERN.exec(text);
        if (marker) {
          body = Buffer.from(text.replace(marker[0], await snapshot(marker[1])));
          res.removeHeader("etag");
        }
        if (gzip && body.length > 1024) {
          body = zlib.gzipSync(body, { level: 6 });
          res.setHeader("Content-Encoding", "gzip");
        }
        const vary = String(res.getHeader("vary") ?? "");
        if (!/accept-encoding/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
      }
      res.removeHeader("transfer-encoding");
      res.setHeader("Content-Length", body.length);
      return body;
    }
  }

  return { applies, capture, watch, snapshot, invalidate: () => cache.clear() };
}
