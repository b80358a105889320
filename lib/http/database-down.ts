/**
 * Whether an error means the database cannot be reached right now (the server is down, restarting,
 * refusing connections, or dropped the connection mid-query), as opposed to a bug or bad input. The
 * route wrapper answers those with 503 and Retry-After, so a client (and the progress outbox) knows
 * to try again; every other unexpected error stays a 500.
 *
 * The signal can sit anywhere in the chain Prisma builds: a Prisma error code (P1001 can't reach,
 * P1017 connection closed, P2024 pool timeout), the driver adapter's error kind, a PostgreSQL
 * SQLSTATE of class 08 (connection exception) or 57P0x (the server is shutting down or starting
 * up), 53300 (too many connections), or a socket error from node-postgres.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseDoesNotExist"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const SQLSTATE = /^(08\d{3}|57P0[1-4]|53300)$/;
const MESSAGES = /Connection terminated|Can't reach database server|server closed the connection|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|timeout exceeded when trying to connect/i;

type ErrorLike = { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
/** Prisma's "Raw query failed. Code: `57P01`" names the SQLSTATE only in its message. */
const CODE_IN_MESSAGE = /Code: `(08\d{3}|57P0[1-4]|53300)`/;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as ErrorLike;
    const code = typeof e.code === "string" ? e.code : typeof e.originalCode === "string" ? e.originalCode : "";
    if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)) return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && (MESSAGES.test(e.message) || CODE_IN_MESSAGE.test(e.message))) return true;
    // Prisma keeps the driver adapter's error (with the SQLSTATE) in meta, not in cause
    if (e.meta?.driverAdapterError && !seen.has(e.meta.driverAdapterError)) {
      if (isDatabaseUnavailable(e.meta.driverAdapterError)) return true;
    }
    current = e.cause;
  }
  return false;
}

/** Seconds a client should wait before retrying when the database is away (a restart takes a few). */
export const DATABASE_RETRY_SECONDS = 5;
