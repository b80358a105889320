// A measuring instrument for `npm run bench:sync`, not a way to serve the app: the same route
// modules the app serves (the route wrapper, session check, zod, Prisma, the sync statement), called
// from a bare node:http server instead of Next.js's, so the bench can show what the route costs
// without the framework. Only routes that need no Next.js request scope can run here: sign-up, for
// one, cannot (Auth.js's signIn reads `headers()`), which is why the bench signs users up through
// `next start` on the same database first.
//   node --import tsx scripts/bench/bare-server.ts <port>     (DATABASE_URL, AUTH_SECRET as for next start)
import http from "node:http";
import type { NextRequest } from "next/server";
import { GET as health } from "@/app/api/health/route";
import { POST as sync } from "@/app/api/v1/progress/sync/route";
import { GET as tracks } from "@/app/api/v1/tracks/route";
import { parseTrustedProxies, resolveRequest } from "@/lib/http/forwarded.mjs";
import { requestContextStorage } from "@/lib/http/request-context.mjs";

// The client address is resolved as scripts/serve.mjs resolves it (TRUSTED_PROXIES).
const trust = parseTrustedProxies(process.env.TRUSTED_PROXIES);

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes = new Map<string, Handler>([
  ["GET /api/health", health as unknown as Handler],
  ["GET /api/v1/tracks", tracks as Handler],
  ["POST /api/v1/progress/sync", sync as Handler],
]);

async function toRequest(req: http.IncomingMessage, url: URL): Promise<NextRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  const request = new Request(url, {
    method: req.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
  });
  // the route wrapper reads the query from `nextUrl`, the one NextRequest field it uses
  return Object.assign(request, { nextUrl: url }) as unknown as NextRequest;
}

const port = Number(process.argv[2]);
http
  .createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      const handler = routes.get(`${req.method} ${url.pathname}`);
      if (!handler) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("not served by the bench's bare server\n");
        return;
      }
      const context = resolveRequest({ remoteAddress: req.socket.remoteAddress, headers: req.headers }, trust);
      const request = await toRequest(req, url);
      const response = await requestContextStorage.run(context, () =>
        handler(request, { params: Promise.resolve({}) }),
      );
      const body = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      headers["content-length"] = String(body.length);
      res.writeHead(response.status, headers).end(body);
    } catch (error) {
      console.error(error);
      res.writeHead(500, { "Content-Type": "text/plain" }).end("bare server error\n");
    }
  })
  .listen(port, "127.0.0.1", () => console.log(`bare server on 127.0.0.1:${port}`));
