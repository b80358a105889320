import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as getDocument } from "@/app/api/v1/openapi.json/route";
import type { Endpoint } from "@/lib/http/contract";
import { openApiDocument, operations } from "@/lib/http/openapi";

/**
 * The published OpenAPI document against the routes on disk: it is valid OpenAPI 3.1, every
 * route.ts under app/api/v1 exports only handlers made by route() from a contract, and the document
 * lists exactly those operations, so a new route without schemas, or a document that drifts from
 * the files, fails here.
 */
const API_ROOT = path.join(process.cwd(), "app/api/v1");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir = API_ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/threads/[id]/posts/route.ts -> /api/v1/threads/{id}/posts */
function apiPath(file: string): string {
  const dir = path.relative(path.join(process.cwd(), "app"), path.dirname(file));
  return `/${dir.split(path.sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}");
}

/** What is wrong with one route module's exports; empty when every handler carries a matching contract. */
function contractProblems(file: string, exports: Record<string, unknown>): string[] {
  const where = path.relative(process.cwd(), file);
  const methods = Object.keys(exports).filter((name) => HTTP_METHODS.includes(name));
  if (methods.length === 0) return [`${where} exports no HTTP method`];
  return methods.flatMap((method) => {
    const contract = (exports[method] as { contract?: Endpoint } | undefined)?.contract;
    if (!contract) return [`${where}: ${method} has no contract (wrap it in route() with an endpoint from lib/schemas)`];
    const problems: string[] = [];
    if (contract.method !== method) problems.push(`${where}: ${method} uses the contract of ${contract.method} ${contract.path}`);
    if (contract.path !== apiPath(file)) problems.push(`${where}: ${method}'s contract says ${contract.path}, the file serves ${apiPath(file)}`);
    if (!contract.response) problems.push(`${where}: ${method}'s contract has no response schema`);
    return problems;
  });
}

const files = routeFiles();
const onDisk = async () => {
  const found: string[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const exports = (await import(file)) as Record<string, unknown>;
    problems.push(...contractProblems(file, exports));
    for (const method of Object.keys(exports).filter((m) => HTTP_METHODS.includes(m))) found.push(`${method} ${apiPath(file)}`);
  }
  return { found: found.sort(), problems };
};

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator)", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(openApiDocument())));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("every route.ts under app/api/v1 is made by route() from a contract that names its own method and path", { timeout: 120_000 }, async () => {
    expect(files.length).toBeGreaterThanOrEqual(37);
    const { problems } = await onDisk();
    expect(problems).toEqual([]);
  });

  it("lists exactly the operations on disk, each with a response schema, and each once", { timeout: 120_000 }, async () => {
    const { found } = await onDisk();
    const doc = openApiDocument();
    const listed = Object.entries(doc.paths ?? {})
      .flatMap(([p, item]) => Object.keys(item as object).filter((k) => HTTP_METHODS.includes(k.toUpperCase())).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(listed).toEqual(found);
    const ids = operations().map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { contract } of operations()) {
      const op = (doc.paths![contract.path] as Record<string, { responses: Record<string, { content?: unknown }> }>)[contract.method.toLowerCase()]!;
      expect(op.responses[String(contract.status ?? 200)]?.content, `${contract.method} ${contract.path}`).toBeTruthy();
    }
  });

  it("names each operation's access level, parameters and body", () => {
    const doc = openApiDocument();
    const reply = (doc.paths!["/api/v1/threads/{id}/posts"] as Record<string, Record<string, unknown>>).post!;
    expect(reply["x-access"]).toBe("user");
    expect(reply.parameters).toEqual([expect.objectContaining({ in: "path", name: "id", required: true })]);
    expect(JSON.stringify(reply.requestBody)).toContain('"parentId"');
    expect(Object.keys(reply.responses as object)).toEqual(expect.arrayContaining(["201", "401", "403", "422", "429"]));
  });

  it("is served at /api/v1/openapi.json, cacheable, the same document", async () => {
    const res = await getDocument(new NextRequest("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public/);
    expect(res.headers.get("etag")).toBeTruthy();
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

describe("the drift check itself", () => {
  const file = path.join(API_ROOT, "threads/[id]/posts/route.ts");

  it("fails a route whose handler has no contract", () => {
    const bare = async () => new Response("{}");
    expect(contractProblems(file, { POST: bare })).toEqual([expect.stringContaining("POST has no contract")]);
  });

  it("fails a contract filed under the wrong path or method", async () => {
    const { discussionApi } = await import("@/lib/schemas/discussion");
    const borrowed = Object.assign(async () => new Response("{}"), { contract: discussionApi.editPost });
    const problems = contractProblems(file, { POST: borrowed });
    expect(problems).toEqual([expect.stringContaining("uses the contract of PATCH"), expect.stringContaining("says /api/v1/posts/{id}")]);
  });
});
