import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { endpoint, NO_STORE, PRIVATE, PUBLIC_CONTENT, type TCachePolicy } from "./contract";
import { raw, route } from "./route";

/**
 * route() as the contract's enforcer: it writes the body and the cache headers from what the
 * handler returns, and in tests and development refuses a body its response schema does not accept.
 */
const ZGreeting = z.object({ id: z.uuid(), words: z.array(z.string()), at: z.iso.datetime() });
const greet = endpoint({
  method: "GET",
  path: "/api/v1/test-greeting",
  tag: "Test",
  summary: "a greeting",
  auth: "public",
  query: z.object({ n: z.coerce.number().int().min(1).max(3).default(1) }),
  response: ZGreeting,
});
const ID = "3f0e7b52-7d1c-4a57-9a43-56b1c1e0f0aa";
const AT = new Date("2026-05-28T10:00:00.000Z");

const call = (handler: ReturnType<typeof route>, url = "http://localhost/api/v1/test-greeting", headers: HeadersInit = {}) =>
  handler(new NextRequest(url, { headers }), { params: Promise.resolve({}) });

const greeting = (cache: TCachePolicy) => route(greet, async ({ query }) => ({ data: { id: ID, words: Array(query.n).fill("hello"), at: AT }, cache }));

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("route() writes what the handler returns", () => {
  it("serialises the data as JSON.stringify does (Dates as ISO strings), with the parsed query", async () => {
    const res = await call(greeting(NO_STORE), "http://localhost/api/v1/test-greeting?n=2");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(JSON.stringify({ id: ID, words: ["hello", "hello"], at: AT }));
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("private data is never stored, and a small body is left uncompressed", async () => {
    const res = await call(greeting(PRIVATE));
    expect(res.headers.get("cache-control")).toBe("private, no-store, no-transform");
    expect(res.headers.get("content-type")).toBe("application/json");
  });

  it("public data gets Cache-Control from its policy, an ETag, and a 304 with no body when the client has it", async () => {
    const handler = greeting(PUBLIC_CONTENT);
    const first = await call(handler);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, s-maxage=300, stale-while-revalidate=86400");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await call(handler, undefined, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("answers with the contract's status", async () => {
    const created = route({ ...greet, method: "POST", status: 201 }, async () => ({ data: { id: ID, words: [], at: AT }, cache: PRIVATE }));
    const res = await created(new NextRequest("http://localhost/api/v1/test-greeting", { method: "POST" }), { params: Promise.resolve({}) });
    expect(res.status).toBe(201);
  });

  it("passes a raw Response through (the escape hatch for non-JSON answers), adding only the request id", async () => {
    const handler = route(greet, async () => raw(new Response(null, { status: 204 })));
    const res = await call(handler);
    expect(res.status).toBe(204);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("response validation", () => {
  // The handler's types are satisfied with a cast: drift in real code comes from data the types do not see (a JSON column, an any).
  const drifting = route(greet, async () => ({ data: { id: "not-a-uuid", words: "hello" } as unknown as z.output<typeof ZGreeting>, cache: NO_STORE }));

  it("in tests, a body the response schema refuses is a 500 and one log line naming the route and the fields", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call(drifting);
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe("INTERNAL");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    expect(JSON.stringify(body)).not.toContain("not-a-uuid");
    expect(logged).toHaveBeenCalledTimes(1);
    const line = String(logged.mock.calls[0]?.[0]);
    expect(line).toContain("GET /api/v1/test-greeting");
    expect(line).toContain(body.error.requestId);
    for (const field of ["id:", "words:", "at:"]) expect(line).toContain(field);
  });

  it("in development too", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await call(drifting)).status).toBe(500);
  });

  it("not in production: the body goes out unchecked (a parse per response costs CPU)", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const res = await call(drifting);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "not-a-uuid", words: "hello" });
  });
});
