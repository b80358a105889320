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

export { etagMatches } from "./etag.mjs";

/**
 * A response of this size or less fits in TCP's first flight (an initial congestion window of ten
 * segments), so compressing it saves bytes but no round trip, and costs the server CPU on every call.
 */
export const FIRST_FLIGHT_BYTES = 14_000;
