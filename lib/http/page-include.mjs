// Puts live parts into prerendered pages on their way out (scripts/serve.mjs): today the lesson
// page's first page of discussion threads (lib/discussion/snapshot.mjs, ADR 017), and keeps the
// finished page so the next reader gets it without Next.js (ADR 019).
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
// instance, and at once after a discussion write on this instance (invalidate()). A request that
// comes in the last quarter of that window starts the next read in the background while it is
// served the copy it has, so under steady traffic no reader waits for the read; a request after
// the window waits for a fresh read, so no page is ever built from threads older than `ttlMs`.
//
// The finished page (status, headers, body; gzip made once) is kept per path and scheme while the
// snapshot it was built with is the lesson's current one: a hit is answered without calling Next.js.
import zlib from "node:zlib";
import { SNAPSHOT_MARKER_PATTERN, renderThreadsSnapshot } from "../discussion/snapshot.mjs";
import { contentEtag, etagMatches } from "./etag.mjs";

/** How long one instance reuses a lesson's threads before reading them again. */
export const SNAPSHOT_TTL_MS = 2000;
/** From this share of the TTL on, a request starts the next read in the background. */
const REFRESH_AHEAD_AT = 0.75;
/** Finished pages kept at most (least recently used dropped first); one per lesson and scheme in practice. */
export const PAGE_CACHE_ENTRIES = 500;
/** Bodies this small are not worth compressing. */
const GZIP_MIN_BYTES = 1024;

/** A lesson page, current or older version (other pages carry no marker). */
const LESSON_PAGE = /^\/tracks\/[^/?#]+\/[^/?#]+(?:\/v\/[^/?#]+)?\/?(?:\?|$)/;
/** Writes after which a lesson's threads may have changed. */
const DISCUSSION_WRITE = /^\/api\/v1\/(?:lessons|threads|posts|mod|admin)\//;
const MARKER_START = Buffer.from("<!--lnv-discussion:");
/** The marker's length: its start, a 36-character id, "-->". */
const MARKER_BYTES = MARKER_START.length + 36 + 3;
/**
 * Headers of a finished page that are not kept for the next reader: set per response by Node.js
 * or by this module, per request by scripts/serve.mjs (HSTS), or personal (a page with Set-Cookie
 * is not kept at all).
 */
const PER_RESPONSE = new Set(["content-length", "content-encoding", "transfer-encoding", "etag", "date", "connection", "keep-alive", "strict-transport-security", "set-cookie"]);
/** What a 304 repeats of the 200 it stands for (RFC 9110, 15.4.5). */
const NOT_MODIFIED_HEADERS = ["cache-control", "content-location", "expires", "vary"];

const acceptsGzip = (req) => /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));

export function createPageInclude({ fetchThreads, ttlMs = SNAPSHOT_TTL_MS, now = Date.now, maxEntries = PAGE_CACHE_ENTRIES }) {
  /** lessonId -> { at, html: Promise<string>, text?: string, refreshing: boolean } */
  const snapshots = new Map();
  /** "scheme path" -> { lessonId, snapshot, status, headers, variants: { identity, gzip } }; Map order is LRU order. */
  const pages = new Map();

  const read = (lessonId) =>
    Promise.resolve()
      .then(() => fetchThreads(lessonId))
      .catch(() => null);

  function fresh(lessonId, at, html) {
    const entry = { at, html, text: undefined, refreshing: false };
    html.then((text) => (entry.text = text));
    snapshots.set(lessonId, entry);
    return entry;
  }

  /**
   * The lesson's current snapshot: fresh (read now, waited for, when there is none or it is older
   * than the TTL), or the one in hand, whose next read starts in the background near its end.
   */
  function current(lessonId) {
    const hit = snapshots.get(lessonId);
    const age = hit ? now() - hit.at : Infinity;
    if (!hit || age >= ttlMs) return fresh(lessonId, now(), read(lessonId).then(renderThreadsSnapshot));
    if (age >= ttlMs * REFRESH_AHEAD_AT && !hit.refreshing && hit.text !== undefined) {
      hit.refreshing = true;
      const at = now();
      read(lessonId).then((list) => {
        // dropped meanwhile (a discussion write): the next request reads again anyway
        if (snapshots.get(lessonId) !== hit) return;
        // a failed read keeps the copy in hand until it expires; then a request reads again and waits
        if (list === null) return;
        const text = renderThreadsSnapshot(list);
        // the same threads: pages built with this snapshot stay valid for another TTL
        if (text === hit.text) {
          hit.at = at;
          hit.refreshing = false;
        } else fresh(lessonId, at, Promise.resolve(text));
      });
    }
    return hit;
  }

  function invalidate() {
    snapshots.clear();
    pages.clear();
  }

  const keyOf = (req) => {
    const url = req.url ?? "";
    if (url.includes("?")) return null;
    const https = req.headers["x-forwarded-proto"] === "https" || Boolean(req.socket?.encrypted);
    // The Content-Security-Policy differs between http and https (upgrade-insecure-requests; proxy.ts).
    return `${https ? "https" : "http"} ${url}`;
  };

  /** The page's bytes for this client: gzip made once per page (each variant gets its own strong ETag). */
  function variant(page, gzip) {
    const name = gzip && page.variants.identity.body.length > GZIP_MIN_BYTES ? "gzip" : "identity";
    page.variants[name] ??= { body: zlib.gzipSync(page.variants.identity.body, { level: 6 }), encoding: "gzip" };
    return page.variants[name];
  }

  const tagOf = (v) => (v.etag ??= contentEtag(v.body));

  /** A kept page, answered without Next.js: the headers of the response it was built from, its own length and tag. */
  function send(res, page, gzip, ifNoneMatch) {
    const v = variant(page, gzip);
    if (etagMatches(ifNoneMatch, tagOf(v))) {
      const headers = { ETag: v.etag };
      for (const name of NOT_MODIFIED_HEADERS) if (page.headers[name] !== undefined) headers[name] = page.headers[name];
      res.writeHead(304, headers).end();
      return;
    }
    const headers = { ...page.headers, "Content-Length": v.body.length, ETag: v.etag };
    if (v.encoding) headers["Content-Encoding"] = v.encoding;
    res.writeHead(page.status, headers).end(v.body);
  }

  function remember(key, page) {
    pages.delete(key);
    pages.set(key, page);
    while (pages.size > maxEntries) pages.delete(pages.keys().next().value);
  }

  /** The finished page for this request, when one is kept and still built with the current threads. */
  function lookup(key) {
    const page = key ? pages.get(key) : undefined;
    if (!page) return null;
    if (current(page.lessonId) !== page.snapshot) {
      pages.delete(key);
      return null;
    }
    remember(key, page); // most recently used
    return page;
  }

  /** Whether this response is a lesson page's HTML (not its RSC payload for client navigation). */
  function applies(req) {
    return req.method === "GET" && LESSON_PAGE.test(req.url ?? "") && !req.headers.rsc && !(req.url ?? "").includes("_rsc=");
  }

  /** After a request: a successful discussion write drops the cached threads and the pages built with them. */
  function watch(req, res) {
    if (req.method === "GET" || req.method === "HEAD" || !DISCUSSION_WRITE.test(req.url ?? "")) return;
    res.once("finish", () => {
      if (res.statusCode < 400) invalidate();
    });
  }

  /**
   * For a request `applies()` accepts: answers from the kept page, or calls `next()` (Next.js) with
   * `res` taken over by capture(), which finishes the page and keeps it.
   */
  function respond(req, res, next) {
    const gzip = acceptsGzip(req);
    const page = lookup(keyOf(req));
    if (page) return send(res, page, gzip, req.headers["if-none-match"]);
    capture(req, res);
    return next();
  }

  /**
   * Takes over `res` for one lesson page: Next.js writes into a buffer, and the buffer goes out
   * with the threads in place, gzip-compressed when the client accepts it, with an ETag of its own.
   */
  function capture(req, res) {
    const gzip = acceptsGzip(req);
    const ifNoneMatch = req.headers["if-none-match"];
    const key = keyOf(req);
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

    /** Sets the final headers on `res` and returns the body to send (empty for a 304). */
    async function finish() {
      const body = Buffer.concat(chunks);
      res.removeHeader("transfer-encoding");
      const html = String(res.getHeader("content-type") ?? "").includes("text/html") && !res.getHeader("content-encoding");
      if (!html) {
        res.setHeader("Content-Length", body.length);
        return body;
      }
      res.removeHeader("etag"); // Next.js's tag is of its bytes, not of the page we send
      const at = body.indexOf(MARKER_START);
      const marker = at === -1 ? null : SNAPSHOT_MARKER_PATTERN.exec(body.subarray(at, at + MARKER_BYTES).toString("latin1"));
      let finished = body;
      let snapshot = null;
      if (marker) {
        snapshot = current(marker[1]);
        finished = Buffer.concat([body.subarray(0, at), Buffer.from(await snapshot.html), body.subarray(at + marker[0].length)]);
      }
      const vary = String(res.getHeader("vary") ?? "");
      if (!/accept-encoding/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
      const headers = {};
      for (const [name, value] of Object.entries(res.getHeaders())) if (!PER_RESPONSE.has(name)) headers[name] = value;
      const page = { lessonId: marker?.[1], snapshot, status: res.statusCode, headers, variants: { identity: { body: finished } } };
      // Kept: only the page everyone gets (a 200 built with the current threads, no cookie, no query
      // string, no per-request nonce in its policy: a nonce repeated to every reader is no nonce).
      const personal = res.hasHeader("set-cookie") || /'nonce-/.test(String(res.getHeader("content-security-policy") ?? ""));
      if (key && snapshot && res.statusCode === 200 && !personal && snapshots.get(page.lessonId) === snapshot) remember(key, page);
      const v = variant(page, gzip);
      if (v.encoding) res.setHeader("Content-Encoding", v.encoding);
      // An error page goes out without a tag of its own, and never as a 304.
      if (res.statusCode === 200) {
        res.setHeader("ETag", tagOf(v));
        if (etagMatches(ifNoneMatch, v.etag)) {
          res.statusCode = 304;
          for (const name of ["content-length", "content-encoding", "content-type"]) res.removeHeader(name);
          return undefined;
        }
      }
      res.setHeader("Content-Length", v.body.length);
      return v.body;
    }
  }

  return {
    applies,
    respond,
    capture,
    watch,
    snapshot: (lessonId) => current(lessonId).html,
    invalidate,
    /** How many finished pages are kept (for tests and diagnostics). */
    size: () => pages.size,
  };
}
