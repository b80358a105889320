import type { ZodType } from "zod";
import type { TLimiterName } from "@/lib/db/rate-limit";

/**
 * The contract of one /api/v1 operation: where it lives, who may call it, and the zod schemas of
 * its path, query, body and response (docs/decisions/013-contract-first-api.md). Contracts live in
 * lib/schemas/<entity>.ts; route() enforces them and lib/http/openapi.ts publishes them, so the
 * code and the published document cannot disagree. No Next.js here: the OpenAPI document is built
 * from contracts alone, without loading any route.
 */
export type Access = "public" | "optional" | "user" | "moderator" | "admin";
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * How a response may be cached; route() turns it into headers.
 * - `private-no-store`: per-user data, never stored anywhere;
 * - `no-store`: answers that depend on the request (sign-in, sign-up), never stored;
 * - `public`: the same for everyone; shared caches may keep it, with an ETag and 304s.
 */
export type TCachePolicy =
  | { kind: "private-no-store" }
  | { kind: "no-store" }
  | { kind: "public"; maxAge: number; sMaxAge: number; staleWhileRevalidate: number };

export const PRIVATE: TCachePolicy = { kind: "private-no-store" };
export const NO_STORE: TCachePolicy = { kind: "no-store" };
/** Content (tracks, lessons, datasets): a minute in browsers, five in shared caches, revalidated in the background for a day. */
export const PUBLIC_CONTENT: TCachePolicy = { kind: "public", maxAge: 60, sMaxAge: 300, staleWhileRevalidate: 86_400 };

export type Endpoint<P = unknown, Q = unknown, B = unknown, R = unknown, A extends Access = Access> = {
  method: Method;
  /** OpenAPI form: `/api/v1/threads/{id}`, matching app/api/v1/threads/[id]/route.ts. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: A;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** The body of the success response, as it goes over the wire (dates are ISO strings). */
  response: ZodType<R>;
  /** The success status; 200 unless the operation creates (201) or accepts for later (202). */
  status?: 200 | 201 | 202;
  /** A limiter of its own, keyed by user or IP, besides the `userWrite` every signed-in write spends. */
  limit?: { name: TLimiterName; by: "user" | "ip" };
  /** The largest request body this route reads; default DEFAULT_BODY_LIMIT. */
  maxBodyBytes?: number;
  /** Extra error statuses worth documenting (404, 409...) beyond those the wrapper adds itself. */
  errors?: Partial<Record<400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429, string>>;
};

/** Declares an endpoint; the identity, so that P, Q, B, R and A are inferred from the schemas. */
export function endpoint<P = undefined, Q = undefined, B = undefined, R = unknown, A extends Access = "public">(
  e: Endpoint<P, Q, B, R, A>,
): Endpoint<P, Q, B, R, A> {
  return e;
}

type TSpec<P, Q, B, R, A extends Access> = Omit<Endpoint<P, Q, B, R, A>, "method" | "path" | "summary" | "tag" | "auth"> & { auth?: A };

/**
 * The contracts of one group (one OpenAPI tag), one call per operation:
 * `api.get("/api/v1/mod/audit", "The audit log", { query: ZAuditQuery, response: ZAuditLog })`.
 * `auth` is the group's unless an operation names its own.
 */
export function contracts<G extends Access>(tag: string, auth: G) {
  const at =
    (method: Method) =>
    <P = undefined, Q = undefined, B = undefined, R = unknown, A extends Access = G>(path: string, summary: string, spec: TSpec<P, Q, B, R, A>) =>
      endpoint<P, Q, B, R, A>({ tag, auth: auth as Access as A, ...spec, method, path, summary });
  return { get: at("GET"), post: at("POST"), put: at("PUT"), patch: at("PATCH"), delete: at("DELETE") };
}

/** 64 KB: every request body but a sync batch fits in it many times over. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
