import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
// eslint-disable-next-line no-restricted-imports -- the test needs the error Prisma itself throws, from its own client on a dead address
import { PrismaClient } from "@/lib/db/generated/client";
import { isDatabaseUnavailable } from "@/lib/http/database-down";
import { toErrorResponse } from "@/lib/http/route";
import { AppError } from "@/lib/errors";

/**
 * The errors Prisma really throws when PostgreSQL is away, read from real connections: a port where
 * nothing listens, and a server that accepts the connection and hangs up, as a PostgreSQL that is
 * killed mid-query does. Both must be 503 with Retry-After; a bug must stay a 500.
 */
async function errorFrom(connectionString: string): Promise<unknown> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString, connectionTimeoutMillis: 2000 }) });
  try {
    await prisma.$queryRaw`SELECT 1`;
    throw new Error("the query unexpectedly worked");
  } catch (error) {
    return error;
  } finally {
    await prisma.$disconnect().catch(() => {});
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("a database that cannot be reached is a 503, not a 500", () => {
  it("nothing listening on the port (PostgreSQL stopped)", async () => {
    const error = await errorFrom(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`);
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    const res = toErrorResponse(error, "req-1");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "UNAVAILABLE", requestId: "req-1" });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it("a server that hangs up at once (PostgreSQL killed under the connection)", async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const error = await errorFrom(`postgres://postgres@127.0.0.1:${(server.address() as net.AddressInfo).port}/postgres`);
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
      expect(toErrorResponse(error, "req-2").status).toBe(503);
    } finally {
      server.close();
    }
  });

  it("SQLSTATE 57P01 (admin shutdown) and 57P03 (starting up) from the driver count; bugs and bad input do not", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: { code: "57P03" } }))).toBe(true);
    // the shape Prisma 7 gave when PostgreSQL was killed mid-query (tests/reliability/crash.test.ts)
    const killedMidQuery = Object.assign(new Error("\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `57P01`. Message: `terminating connection due to unexpected postmaster exit`"), {
      code: "P2010",
      meta: { driverAdapterError: Object.assign(new Error("terminating connection due to unexpected postmaster exit"), { cause: { originalCode: "57P01" } }) },
    });
    expect(isDatabaseUnavailable(killedMidQuery)).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2010", message: "Raw query failed.", meta: { driverAdapterError: { cause: { originalCode: "57P01" } } } })).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2010", message: "Raw query failed. Code: `42P01`.", meta: { driverAdapterError: { cause: { originalCode: "42P01" } } } })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("syntax error"), { code: "42601" }))).toBe(false);
    expect(toErrorResponse(new TypeError("boom"), "req-3").status).toBe(500);
    expect(toErrorResponse(new AppError("UNAVAILABLE", "later"), "req-4").status).toBe(503);
  });
});
