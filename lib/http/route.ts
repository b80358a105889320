import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { ZodError, type ZodType } from "zod";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./respond";

/**
 * The one wrapper every /api/v1 handler goes through (STYLE.md habit 4): it parses params, query
 * and body with zod and maps every error to a JSON answer. Query or path problems are 400, a body
 * that fails validation is 422 (both name the fields); AppError keeps its status; anything else
 * is a 500 with a generic message and a request id, never a stack trace.
 */
export type RouteContext<P, Q, B> = { req: NextRequest; params: P; query: Q; body: B; requestId: string };

type Options<P, Q, B> = {
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
};

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

async function readBody(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(400, { body: ["must be valid JSON"] });
  }
}

export function route<P = undefined, Q = undefined, B = undefined>(
  options: Options<P, Q, B>,
  handler: (ctx: RouteContext<P, Q, B>) => Promise<Response>,
) {
  return async (req: NextRequest, context: NextContext): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const params = parse(options.params, await context.params, 400);
      const query = parse(options.query, Object.fromEntries(req.nextUrl.searchParams), 400);
      const body = options.body ? parse(options.body, await readBody(req), 422) : (undefined as B);
      const res = await handler({ req, params, query, body, requestId });
      res.headers.set("X-Request-Id", requestId);
      return res;
    } catch (error) {
      return toErrorResponse(error, requestId);
    }
  };
}

export function toErrorResponse(error: unknown, requestId: string): Response {
  const headers = { "X-Request-Id": requestId };
  if (error instanceof InputError) {
    const code = error.status === 422 ? "VALIDATION_FAILED" : "BAD_REQUEST";
    return errorResponse(error.status, code, error.message, { fields: error.fields, requestId, headers });
  }
  if (error instanceof ZodError) {
    const fields = fieldErrors(error);
    return errorResponse(422, "VALIDATION_FAILED", describeFields(fields), { fields, requestId, headers });
  }
  if (error instanceof AppError) {
    return errorResponse(error.status, error.code, error.message, { requestId, headers });
  }
  if (isUniqueViolation(error)) {
    return errorResponse(409, "CONFLICT", "That already exists.", { requestId, headers });
  }
  console.error(`[${requestId}] unhandled error:`, error);
  return errorResponse(500, "INTERNAL", "Something went wrong on our side. Try again; quote this request id if it persists.", {
    requestId,
    headers,
  });
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "P2002" || e?.code === "23505" || e?.cause?.code === "23505";
}
