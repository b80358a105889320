// The app's server: Next.js's own request handler behind a plain node:http server that owns the
// trust boundary (docs/decisions/012-our-own-server-owns-the-trust-boundary.md, docs/SECURITY.md).
// `npm start` runs it after its set-up steps; `node scripts/serve.mjs` runs it alone.
//
// Before Next.js sees a request, this server
//  - resolves the client's address from the socket, and from X-Forwarded-For only when the socket's
//    peer is a proxy named in TRUSTED_PROXIES; the result reaches route code through
//    AsyncLocalStorage (lib/http/request-context.mjs), never through a header a client could send;
//  - deletes X-Forwarded-* and Forwarded from untrusted peers, so neither Next.js nor Auth.js reads them;
//  - refuses a body whose Content-Length is over 1 MiB (413) and bodies of unknown length outside
//    /api/v1, whose route wrapper counts streamed bytes itself (411);
//  - sends Strict-Transport-Security on requests that came over HTTPS through a trusted proxy;
//  - bounds how long a slow client may take to send its request;
//  - answers 400 for a path with a broken %-escape (Next.js would give a bare 500);
//  - puts the discussion's first page of threads into lesson pages and keeps the finished page, so
//    the next reader of it is answered without Next.js (lib/http/page-include.mjs, ADR 019).
//
//   node scripts/serve.mjs          production build (.next), NODE_ENV=production
//   node scripts/serve.mjs --dev    next dev (Turbopack), NODE_ENV=development
import http from "node:http";
import path from "node:path";
import next from "next";
import { parseTrustedProxies, resolveRequest } from "../lib/http/forwarded.mjs";
import { createPageInclude } from "../lib/http/page-include.mjs";
import { publicOrigin } from "../lib/http/public-origin.mjs";
import { requestContextStorage } from "../lib/http/request-context.mjs";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");

/** The largest body any route accepts (the route wrapper's own limits are smaller: 64 KB by default). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A refused body up to this size is read to its end first, so the client reads the refusal. */
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
/** The longest request URL served; Node.js itself refuses request heads over 16 KB (431). */
export const MAX_URL_BYTES = 8 * 1024;
const UNTRUSTED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "forwarded", "x-real-ip"];
const HSTS = "max-age=31536000";

function fail(message) {
  console.error(`server: ${message}`);
  process.exit(1);
}

function refuse(req, res, status, code, message, field = "body") {
  const body = JSON.stringify({ error: { code, message, fields: { [field]: [message] } } });
  let sent = false;
  const send = () => {
    if (sent) return;
    sent = true;
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Connection: "close", "Cache-Control": "no-store" });
    res.end(body);
  };
  // Read and drop what the client is still sending before answering and closing, so it gets to read
  // this answer instead of a reset connection; a body announced as huge is not worth reading (the
  // client may then see the connection close), and requestTimeout bounds a slow one.
  const announced = Number(req.headers["content-length"] ?? 0);
  if (req.complete || announced > DRAIN_LIMIT_BYTES) return send();
  req.once("end", send);
  req.once("error", send);
  req.resume();
}

function decodablePath(url) {
  try {
    decodeURIComponent(url.split("?", 1)[0]);
    return true;
  } catch {
    return false;
  }
}

let trust;
let origin;
try {
  trust = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  origin = publicOrigin(process.env).origin;
} catch (error) {
  fail(error.message);
}
// Auth.js builds its own URLs (OAuth callbacks, its action URLs) from AUTH_URL when it is set, and
// from the request's Host otherwise.
process.env.AUTH_URL ||= origin;

const port = Number(process.env.PORT || 3000);
// Embedded mode is for one person on this machine: listen on loopback unless told otherwise.
const bind = process.env.HOSTNAME_BIND || (process.env.DATABASE_URL ? undefined : "127.0.0.1");

const selfHost = !bind || bind === "0.0.0.0" || bind === "::" ? "127.0.0.1" : bind.includes(":") ? `[${bind}]` : bind;
// The lesson page's discussion snapshot is read from this server's own API, as a signed-out reader.
const include = createPageInclude({
  fetchThreads: async (lessonId) => {
    const res = await fetch(`http://${selfHost}:${port}/api/v1/lessons/${lessonId}/threads`, { signal: AbortSignal.timeout(3000) });
    return res.ok ? res.json() : null;
  },
  // next dev re-renders a page after an edit: keep no finished pages there
  maxEntries: dev ? 0 : undefined,
});

const app = next({ dev, dir: root, hostname: bind ?? "localhost", port, customServer: true });
const handle = app.getRequestHandler();

function onRequest(req, res) {
  const context = resolveRequest({ remoteAddress: req.socket.remoteAddress, headers: req.headers, encrypted: Boolean(req.socket.encrypted) }, trust);
  if (!context.trustedHop) for (const name of UNTRUSTED_HEADERS) delete req.headers[name];
  if (context.https) res.setHeader("Strict-Transport-Security", HSTS);

  // No address of ours is this long; Next.js would echo it into redirects' Location headers.
  if ((req.url ?? "").length > MAX_URL_BYTES) {
    return refuse(req, res, 414, "URI_TOO_LONG", `The address is longer than ${MAX_URL_BYTES / 1024} KB. Use a shorter link or search.`, "url");
  }
  // Next.js answers a path it cannot percent-decode (`/threads/%E0%A4%A`) with a bare 500.
  if (!decodablePath(req.url ?? "/")) {
    return refuse(req, res, 400, "BAD_REQUEST", "The address has a broken %-escape. Check the link and try again.", "path");
  }
  const length = req.headers["content-length"];
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) {
    return refuse(req, res, 413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_BODY_BYTES / 1024} KB. Send less at a time.`);
  }
  const chunked = length === undefined && req.headers["transfer-encoding"] !== undefined;
  if (chunked && !req.url?.startsWith("/api/v1/")) {
    return refuse(req, res, 411, "LENGTH_REQUIRED", "Send a Content-Length with the request body.");
  }
  include.watch(req, res);
  const next = () => requestContextStorage.run(context, () => handle(req, res));
  // A lesson page is answered from the finished copy this server keeps, or finished on its way out.
  if (include.applies(req)) return include.respond(req, res, next);
  next();
}

await app.prepare().catch((error) => fail(`Next.js could not start: ${error?.message ?? error}`));

const server = http.createServer(onRequest);
// A slow client (slowloris) may hold a connection only this long for its headers and its request.
server.headersTimeout = 15_000;
server.requestTimeout = 30_000;
server.on("error", (error) => fail(error.code === "EADDRINUSE" ? `port ${port} is in use (set PORT to another port)` : error.message));
server.listen(port, bind, () => {
  const where = bind ? `${bind}:${port}` : `port ${port} on every interface`;
  const trusted = trust.kind === "none" ? "no proxy trusted" : `trusting ${trust.kind === "hops" ? `${trust.hops} proxy hop(s)` : trust.text}`;
  console.log(`server: listening on ${where} (${dev ? "development" : "production"}); public origin ${origin}; ${trusted}`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close();
    server.closeIdleConnections();
    Promise.allSettled([app.close()]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
