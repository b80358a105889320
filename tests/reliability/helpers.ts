import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";

/** A small HTTP client for the reliability tests: one cookie jar, one client address. */
export class Client {
  cookies = new Map<string, string>();
  constructor(
    readonly origin: string,
    readonly ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`,
  ) {}

  at(origin: string): Client {
    const other = new Client(origin, this.ip);
    other.cookies = this.cookies;
    return other;
  }

  async request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.origin}${pathname}`, {
      method,
      headers: {
        "X-Forwarded-For": this.ip,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(this.cookies.size ? { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON (pages)
    }
    return { status: res.status, headers: res.headers, text, json: json as Json };
  }

  get = (p: string, headers?: Record<string, string>) => this.request("GET", p, undefined, headers);
  post = (p: string, body: unknown, headers?: Record<string, string>) => this.request("POST", p, body, headers);
}

/** A parsed response body, read loosely by tests: a missing field reads as undefined and fails the expectation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads of arbitrary JSON; expectations check the values
type Json = Record<string, any>;

export const newLearner = (prefix = "rel") => {
  const id = randomBytes(4).toString("hex");
  return { name: `${prefix} ${id}`, email: `${prefix}-${id}@reliability.test`, password: `pw-${id}-${randomBytes(4).toString("hex")}` };
};

/** Signs up through `client` and confirms from the mail the instances write to `outbox`. */
export async function signUp(client: Client, outbox: string, user = newLearner()) {
  const res = await client.post("/api/v1/auth/sign-up", user);
  expect(res.status, res.text).toBe(202);
  const suffix = `-${user.email.replace(/[^a-z0-9@._-]/gi, "_")}.txt`;
  // polled by hand, not with expect.poll, so that beforeAll hooks can sign learners up too
  let token: string | undefined;
  for (const deadline = Date.now() + 15_000; !token && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const file = fs.existsSync(outbox) ? fs.readdirSync(outbox).find((f) => f.endsWith(suffix)) : undefined;
    if (file) token = /[?&]token=([^&\s]+)/.exec(fs.readFileSync(path.join(outbox, file), "utf8"))?.[1];
  }
  expect(token, `no confirmation mail for ${user.email} in ${outbox}`).toBeTruthy();
  const confirmed = await client.post("/api/v1/auth/confirm", { token: decodeURIComponent(token!) });
  expect(confirmed.status, confirmed.text).toBe(201);
  return { ...user, id: confirmed.json.user.id as string };
}

export const mutation = (lessonId: string, extra: Record<string, unknown>) => ({
  id: randomUUID(),
  lessonId,
  clientTime: new Date().toISOString(),
  ...extra,
});
