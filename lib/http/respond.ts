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

/**
 * A response of this size or less fits in TCP's first flight (an initial congestion window of ten
 * segments), so compressing it saves bytes but no round trip, and costs the server CPU on every call.
 */
export const FIRST_FLIGHT_BYTES = 14_000;

/**
 * Per-user JSON: never stored by shared caches. Small bodies go out uncompressed (`no-transform`
 * tells Next's compression, and any proxy, to leave them alone); larger ones, such as the data
 * export, are compressed as usual.
 */
export function privateJson(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const body = JSON.stringify(data);
  const small = Buffer.byteLength(body) <= FIRST_FLIGHT_BYTES;
  return new Response(body, {
    status: init.status ?? 200,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": small ? "private, no-store, no-transform" : "private, no-store",
      ...init.headers,
    },
  });
}
