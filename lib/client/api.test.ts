import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError, NETWORK_MESSAGE, SIGNED_OUT_EVENT, apiFetch, apiGet, formatWait } from "./api";

/** A real HTTP server whose answers each test scripts, and the requests it saw. */
type Seen = { method: string; url: string; contentType?: string; accept?: string; body: string };
let server: Server;
let base = "";
let seen: Seen[] = [];
let answers: ((req: IncomingMessage, res: ServerResponse) => void)[] = [];

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", contentType: req.headers["content-type"], accept: req.headers.accept, body });
      const answer = answers.shift() ?? json(500, { error: { code: "INTERNAL", message: "no answer scripted" } });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  seen = [];
  answers = [];
  vi.unstubAllGlobals();
});

describe("apiFetch", () => {
  it("sends JSON and returns the parsed answer", async () => {
    answers.push(json(201, { id: "t1" }));
    const res = await apiFetch<{ id: string }>(`${base}/api/v1/threads`, { method: "POST", body: { title: "Hi" } });
    expect(res).toEqual({ ok: true, status: 201, data: { id: "t1" } });
    expect(seen).toEqual([{ method: "POST", url: "/api/v1/threads", contentType: "application/json", accept: "application/json", body: '{"title":"Hi"}' }]);
  });

  it("maps an error answer to an ApiError with its code, message and field errors", async () => {
    answers.push(json(422, { error: { code: "VALIDATION", message: "Check the form.", fields: { title: ["Too short."], n: "not a list" } } }));
    const res = await apiFetch(`${base}/x`, { method: "POST", body: {} });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error).toBeInstanceOf(ApiError);
    expect(res.error).toMatchObject({ status: 422, code: "VALIDATION", message: "Check the form.", fields: { title: ["Too short."] } });
  });

  it("says how long to wait on 429 and names the request id on 5xx", async () => {
    answers.push(json(429, { error: { code: "RATE_LIMITED", message: "Slow down." } }, { "Retry-After": "150" }));
    answers.push(json(500, { error: { code: "INTERNAL", message: "Oops.", requestId: "r-1" } }));
    const limited = await apiFetch(`${base}/a`, { method: "POST" });
    const broken = await apiFetch(`${base}/b`);
    expect(!limited.ok && limited.error).toMatchObject({ status: 429, retryAfter: 150, message: "Slow down. You can try again in 3 minutes." });
    expect(!broken.ok && broken.error).toMatchObject({ status: 500, code: "INTERNAL", message: "Oops. (Request id: r-1)" });
  });

  it("turns a non-JSON answer into a generic error, never a parse exception", async () => {
    answers.push((_req, res) => res.writeHead(502, { "Content-Type": "text/html" }).end("<h1>Bad gateway</h1>"));
    answers.push((_req, res) => res.writeHead(200, { "Content-Type": "text/plain" }).end("hello"));
    const gateway = await apiFetch(`${base}/a`, { method: "DELETE" });
    const garbled = await apiFetch(`${base}/b`, { method: "POST" });
    expect(!gateway.ok && gateway.error).toMatchObject({ status: 502, code: "UNKNOWN", message: expect.stringContaining("Something went wrong") });
    expect(!garbled.ok && garbled.error).toMatchObject({ status: 200, code: "BAD_RESPONSE" });
  });

  it("reports an unreachable server as status 0 with the network message", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const res = await apiFetch(url, { retryDelaysMs: [] });
    expect(!res.ok && res.error).toMatchObject({ status: 0, code: "NETWORK", message: NETWORK_MESSAGE });
  });
});

describe("retry policy", () => {
  it("retries a GET after 503 and 502, then succeeds", async () => {
    answers.push(json(503, { error: { code: "UNAVAILABLE", message: "Later." } }));
    answers.push((_req, res) => res.writeHead(502).end());
    answers.push(json(200, { items: [] }));
    const res = await apiFetch(`${base}/api/v1/review`, { retryDelaysMs: [1, 1] });
    expect(res).toEqual({ ok: true, status: 200, data: { items: [] } });
    expect(seen.map((s) => s.method)).toEqual(["GET", "GET", "GET"]);
  });

  it("gives up after the last delay and returns the last failure", async () => {
    for (let i = 0; i < 3; i++) answers.push(json(504, { error: { code: "TIMEOUT", message: `try ${i}` } }));
    const res = await apiFetch(`${base}/x`, { retryDelaysMs: [1, 1] });
    expect(!res.ok && res.error.message).toBe("try 2");
    expect(seen).toHaveLength(3);
  });

  it("never retries a write, nor a GET the server refused for good", async () => {
    answers.push(json(503, { error: { code: "UNAVAILABLE", message: "Later." } }));
    answers.push(json(404, { error: { code: "NOT_FOUND", message: "Gone." } }));
    const write = await apiFetch(`${base}/w`, { method: "POST", body: {}, retryDelaysMs: [1, 1] });
    const missing = await apiFetch(`${base}/r`, { retryDelaysMs: [1, 1] });
    expect(!write.ok && write.error.status).toBe(503);
    expect(!missing.ok && missing.error.status).toBe(404);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(["POST /w", "GET /r"]);
  });

  it("apiGet returns the data or throws the ApiError", async () => {
    answers.push(json(200, { n: 1 }));
    answers.push(json(403, { error: { code: "FORBIDDEN", message: "No." } }));
    await expect(apiGet(`${base}/a`)).resolves.toEqual({ n: 1 });
    await expect(apiGet(`${base}/b`)).rejects.toMatchObject({ name: "ApiError", status: 403, code: "FORBIDDEN" });
  });
});

describe("signed out", () => {
  it("fires the one signed-out event on any 401, and not otherwise", async () => {
    const target = new EventTarget();
    vi.stubGlobal("window", target);
    const heard = vi.fn();
    target.addEventListener(SIGNED_OUT_EVENT, heard);
    answers.push(json(403, { error: { code: "FORBIDDEN", message: "No." } }));
    answers.push(json(401, { error: { code: "UNAUTHORIZED", message: "Sign in to do this." } }));
    await apiFetch(`${base}/mod`);
    expect(heard).not.toHaveBeenCalled();
    const res = await apiFetch(`${base}/api/v1/posts/1/votes`, { method: "POST" });
    expect(!res.ok && res.error).toMatchObject({ status: 401, message: "Sign in to do this." });
    expect(heard).toHaveBeenCalledTimes(1);
  });
});

describe("formatWait", () => {
  it("rounds up to the unit a person reads", () => {
    expect([0.2, 42, 150, 7200].map(formatWait)).toEqual(["1 second", "42 seconds", "3 minutes", "2 hours"]);
  });
});
