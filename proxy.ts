import fs from "node:fs";
import path from "node:path";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/http/security-headers";

type Manifest = { pages: Record<string, string[]> };

let manifest: Manifest | null | undefined;
function loadManifest(): Manifest | null {
  if (manifest === undefined) {
    try {
      const file = path.join(/*turbopackIgnore: true*/ process.cwd(), ".next", "lnv-csp.json");
      manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
    } catch {
      manifest = null;
      if (process.env.NODE_ENV === "production") {
        console.warn("proxy: .next/lnv-csp.json is missing (build with `npm run build`); pages get per-request nonces only.");
      }
    }
  }
  return manifest;
}

const formActions = process.env.AUTH_GITHUB_ID ? ["https://github.com"] : [];

export function proxy(req: NextRequest) {
  const dev = process.env.NODE_ENV !== "production";
  const https = req.headers.get("x-forwarded-proto") === "https" || req.nextUrl.protocol === "https:";
  const pages = loadManifest()?.pages ?? {};
  const route = req.nextUrl.pathname.replace(/\/$/, "") || "/";
  const prerendered = pages[route];
  // A 404 for an unknown address is the prerendered not-found page: allow its scripts everywhere.
  const notFound = [...(pages["/_not-found"] ?? []), ...(pages["/_global-error"] ?? [])];

  if (prerendered) {
    const csp = contentSecurityPolicy({ scriptSources: [...prerendered, ...notFound], https, dev, formActions });
    const res = NextResponse.next();
    res.headers.set("Content-Security-Policy", csp);
    return res;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ scriptSources: [`'nonce-${nonce}'`, ...notFound], https, dev, formActions });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set("x-nonce", nonce);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

export const config = {
  // Pages only: JSON routes, static assets and the image optimizer run no scripts (their static
  // security headers come from next.config.ts), and skipping the proxy keeps API calls cheap.
  // The SQL lab's files (/lab/<version>/…, /lab-sw.js) carry their own policy from next.config.ts.
  // /api/docs is a page (the API reference), so it gets the pages' CSP like any other.
  matcher: [{ source: "/((?!api/(?!docs(?:/|$))|_next/static|_next/image|favicon.ico|lab/|lab-sw.js).*)" }],
};
