import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { ZodError, type ZodType } from "zod";
import { getRequestSession, type TSessionUser } from "@/lib/auth/session";
import { consumeLimit, type TLimiterName } from "@/lib/db/rate-limit";
import { roleAtLeast } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { clientIp } from "./client-ip";
import { DEFAULT_BODY_LIMIT, type Access, type Endpoint, type TCachePolicy } from "./contract";
import { DATABASE_RETRY_SECONDS, isDatabaseUnavailable } from "./database-down";
import { contentEtag } from "./etag.mjs";
import { isCrossOrigin } from "./origin";
import { publicOrigin } from "./public-origin.mjs";
import { errorResponse, etagMatches, FIRST_FLIGHT_BYTES } from "./respond";

/**
 * The one wrapper every /api/v1 handler goes through (STYLE.md habit 4), driven by the operation's
 * contract (lib/http/contract.ts, declared in lib/schemas/<entity>.ts), in this order:
 * 1. Origin check on state-changing methods (a cross-site request gets 403);
 * 2. access level: public | optional (user looked up if signed in) | user | moderator | admin
 *    (401 signed out, 403 role too low, 403 for the session of a banned account);
 * 3. rate limit (429 with Retry-After): every signed-in write spends from `userWrite`, and a route
 *    may name its own limiter keyed by user or IP;
 * 4. zod parsing, once: query or path problems are 400, a body that fails validation is 422, both
 *    naming the fields; a body over the route's size limit (64 KB unless the route sets
 *    `maxBodyBytes`) is 413, refused by its Content-Length before anything else, or by counting
 *    the bytes as they stream in, so an oversized body is never held in memory;
 * 5. the handler gets typed input and the session user, and returns `{ data, cache }`: the wrapper
 *    writes the JSON, the status and the cache headers (an ETag and 304s for public data). In tests
 *    and development the body is checked against the contract's response schema first, and a
 *    mismatch is a 500 with one log line naming the fields, so drift fails a test; production skips
 *    the check (it costs a parse per response);
 * 6. error mapping: AppError keeps its status, a unique violation is 409, anything else is a 500
 *    with a generic message and a request id, never a stack trace or SQL.
 *
 * Escape hatch: a handler that must answer with something other than JSON (a redirect, a 204, a
 * stream) returns `raw(response)`; the wrapper then only adds X-Request-Id, and checks nothing.
 */

type UserFor<A extends Access> = A extends "public" | "optional" ? TSessionUser | null : TSessionUser;

export type RouteContext<P, Q, B, A extends Access = "public"> = {
  req: NextRequest;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  user: UserFor<A>;
  ip: string;
};

/** What the wire carries of T: the handler may hand over Dates where the contract says ISO strings. */
type Wire<T> = T extends string
  ? T | Date
  : T extends readonly (infer U)[]
    ? readonly Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type RouteResult<R> = { data: Wire<R>; cache: TCachePolicy; headers?: Record<string, string> };

/** A finished Response the wrapper passes through untouched (see the escape hatch above). */
class RawResponse {
  constructor(readonly response: Response) {}
}
export const raw = (response: Response) => new RawResponse(response);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("Too many requests. Wait a moment and try again.");
  }
}

async function spend(name: TLimiterName, key: string) {
  const result = await consumeLimit(name, key);
  if (!result.allowed) throw new RateLimited(result.retryAfterSeconds);
}

type NextContext = { params: Promise<Record<string, string | string[]>> };

export function fieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

function describeFields(fields: Record<string, string[]>): string {
  return Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages[0]}`)
    .join("; ");
}

class InputError extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly fields: Record<string, string[]>,
  ) {
    super(describeFields(fields));
  }
}

function parse<T>(schema: ZodType<T> | undefined, data: unknown, status: 400 | 422): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(data);
  if (!result.success) throw new InputError(status, fieldErrors(result.error));
  return result.data;
}

function tooLarge(limit: number) {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${Math.round(limit / 1024)} KB. Send less at a time.`, {
    field: "body",
  });
}

function refuseDeclaredSize(req: Request, limit: number) {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
}

/** The body as text, counting bytes as they arrive and stopping at the limit (413). */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  refuseDeclaredSize(req, limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // the client went away mid-body: nothing to answer, nothing wrong on our side
      throw new AppError("BAD_REQUEST", "The request was cut off before its body arrived. Send it again.", { field: "body" });
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readBody(req: NextRequest, limit: number): Promise<unknown> {
  const text = await readBodyText(req, limit);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(400, { body: ["must be valid JSON"] });
  }
}

/** In tests and development every response is checked against its contract; production trusts the code. */
const checksResponses = () => process.env.NODE_ENV === "test" || process.env.NODE_ENV === "development";

/** The response schema's complaint about a body, or null when it fits. */
function responseDrift(schema: ZodType, json: string): string | null {
  const result = schema.safeParse(JSON.parse(json));
  return result.success ? null : describeFields(fieldErrors(result.error));
}

function cacheHeaders(cache: TCachePolicy, bytes: number): Record<string, string> {
  switch (cache.kind) {
    case "public":
      return {
        "Cache-Control": `public, max-age=${cache.maxAge}, s-maxage=${cache.sMaxAge}, stale-while-revalidate=${cache.staleWhileRevalidate}`,
        Vary: "Accept-Encoding",
      };
    case "private-no-store":
      // A small body fits in TCP's first flight: compressing it saves no round trip, only CPU (`no-transform`).
      return { "Cache-Control": bytes <= FIRST_FLIGHT_BYTES ? "private, no-store, no-transform" : "private, no-store" };
    case "no-store":
      return { "Cache-Control": "no-store" };
  }
}

/** The JSON response for a handler's result; public data gets a content-hash ETag and 304s. */
function jsonResponse(req: Request, json: string, status: number, result: RouteResult<unknown>): Response {
  const headers: Record<string, string> = { ...cacheHeaders(result.cache, Buffer.byteLength(json)), ...result.headers };
  if (result.cache.kind === "public") {
    headers.ETag = contentEtag(json);
    if (etagMatches(req.headers.get("if-none-match"), headers.ETag)) return new Response(null, { status: 304, headers });
  }
  const contentType = result.cache.kind === "public" ? "application/json; charset=utf-8" : "application/json";
  return new Response(json, { status, headers: { "Content-Type": contentType, ...headers } });
}

type RouteHandler<P, Q, B, R, A extends Access> = (ctx: RouteContext<P, Q, B, A>) => Promise<RouteResult<R> | RawResponse>;

export function route<P = undefined, Q = undefined, B = undefined, R = unknown, A extends Access = "public">(
  contract: Endpoint<P, Q, B, R, A>,
  handler: RouteHandler<P, Q, B, R, A>,
) {
  const access: Access = contract.auth;
  const bodyLimit = contract.maxBodyBytes ?? DEFAULT_BODY_LIMIT;
  const run = async (req: NextRequest, context: NextContext): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const writing = !SAFE_METHODS.has(req.method);
      if (writing && isCrossOrigin(req.headers)) {
        throw new AppError("FORBIDDEN", `Cross-site request refused. Make this change on the site itself, at ${publicOrigin().origin}.`);
      }
      if (contract.body) refuseDeclaredSize(req, bodyLimit);
      const ip = clientIp();
      let user: TSessionUser | null = null;
      if (access !== "public") {
        // a signed-in write spends from `userWrite` in the same round trip as the session read
        const session = await getRequestSession(req.headers, writing ? "userWrite" : undefined);
        user = session.user;
        if (user && session.limit && !session.limit.allowed) throw new RateLimited(session.limit.retryAfterSeconds);
        if (!user && access !== "optional") {
          if (session.banned) throw new AppError("FORBIDDEN", "Your account is suspended, so you cannot do this.");
          throw new AppError("UNAUTHORIZED", "Sign in to do this.");
        }
        if (user && (access === "moderator" || access === "admin") && !roleAtLeast(user.role, access === "admin" ? "ADMIN" : "MODERATOR")) {
          throw new AppError("FORBIDDEN", `This needs the ${access} role.`);
        }
      }
      if (contract.limit) await spend(contract.limit.name, contract.limit.by === "user" && user ? user.id : ip);
      const params = parse(contract.params, await context.params, 400);
      const query = parse(contract.query, Object.fromEntries(req.nextUrl.searchParams), 400);
      const body = contract.body ? parse(contract.body, await readBody(req, bodyLimit), 422) : (undefined as B);
      const result = await handler({ req, params, query, body, requestId, user: user as UserFor<A>, ip });
      const res = result instanceof RawResponse ? result.response : respond(req, requestId, contract, result);
      res.headers.set("X-Request-Id", requestId);
      return res;
    } catch (error) {
      return toErrorResponse(error, requestId);
    }
  };
  // The contract rides along, so a test can find every route's contract by walking app/api/v1.
  return Object.assign(run, { contract: contract as Endpoint });
}

function respond(req: Request, requestId: string, contract: Endpoint, result: RouteResult<unknown>): Response {
  const json = JSON.stringify(result.data);
  if (checksResponses()) {
    const drift = responseDrift(contract.response, json);
    if (drift) {
      console.error(`[${requestId}] response drift: ${contract.method} ${contract.path} answered a body its contract refuses: ${drift}`);
      return errorResponse(500, "INTERNAL", "The response did not match its contract (see the server log).", { requestId });
    }
  }
  return jsonResponse(req, json, contract.status ?? 200, result);
}

export function toErrorResponse(error: unknown, requestId: string): Response {
  const headers = { "X-Request-Id": requestId };
  if (error instanceof RateLimited) {
    return errorResponse(429, "RATE_LIMITED", error.message, {
      requestId,
      headers: { ...headers, "Retry-After": String(error.retryAfterSeconds) },
    });
  }
  if (error instanceof InputError) {
    const code = error.status === 422 ? "VALIDATION_FAILED" : "BAD_REQUEST";
    return errorResponse(error.status, code, error.message, { fields: error.fields, requestId, headers });
  }
  if (error instanceof ZodError) {
    const fields = fieldErrors(error);
    return errorResponse(422, "VALIDATION_FAILED", describeFields(fields), { fields, requestId, headers });
  }
  if (error instanceof AppError) {
    const field = typeof error.details?.field === "string" ? error.details.field : undefined;
    const retry: Record<string, string> =
      typeof error.details?.retryAfterSeconds === "number" ? { "Retry-After": String(error.details.retryAfterSeconds) } : {};
    return errorResponse(error.status, error.code, error.message, {
      requestId,
      headers: { ...headers, ...retry },
      fields: field ? { [field]: [error.message] } : undefined,
    });
  }
  if (isUniqueViolation(error)) {
    return errorResponse(409, "CONFLICT", "That already exists.", { requestId, headers });
  }
  if (isDatabaseUnavailable(error)) {
    console.error(`[${requestId}] database unavailable: ${firstLine(error)}`);
    return errorResponse(503, "UNAVAILABLE", "The service is briefly unavailable. Try again in a few seconds.", {
      requestId,
      headers: { ...headers, "Retry-After": String(DATABASE_RETRY_SECONDS) },
    });
  }
  console.error(`[${requestId}] unhandled error:`, error);
  return errorResponse(500, "INTERNAL", "Something went wrong on our side. Try again; quote this request id if it persists.", {
    requestId,
    headers,
  });
}

/** The line of an error's message that says what happened (Prisma's start with a blank line and "Invalid …"). */
function firstLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /failed|reach|terminat|closed|refused/i.test(l)) ?? lines[0] ?? "";
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "P2002" || e?.code === "23505" || e?.cause?.code === "23505";
}
