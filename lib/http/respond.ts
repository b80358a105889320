import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import type { TErrorBody } from "@/lib/errors";

export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: { requestId?: string; fields?: Record<string, string[]>; headers?: HeadersInit } = {},
): NextResponse<TErrorBody> {
  const body: TErrorBody = { error: { code, message } };
  if (extra.fields) body.error.fields = extra.fields;
  if (extra.requestId) body.error.requestId = extra.requestId;
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store", ...extra.headers } });
}

/** Public, cacheable content: shared caches may keep it briefly and revalidate with the ETag. */
export const PUBLIC_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=86400";

/** Matches If-None-Match against an ETag (weak comparison, lists and * allowed). */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => strip(t) === strip(etag));
}

/** JSON with a content hash ETag; answers 304 when the client already has this representation. */
export function cachedJson(req: Request, data: unknown, cacheControl = PUBLIC_CACHE): Response {
  const body = JSON.stringify(data);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = { ETag: etag, "Cache-Control": cacheControl, Vary: "Accept-Encoding" };
  if (etagMatches(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
