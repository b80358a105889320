import { POST_INTERVAL_SECONDS } from "@/lib/domain/discussion";
import { REPORTS_PER_DAY } from "@/lib/domain/moderation";
import { databaseReady, db } from "./client";
import { Prisma } from "./generated/client";

/**
 * Fixed-window rate limits with their state in the database (table rate_limits), so every app
 * instance shares them (ADR 009). A spend is one statement: an upsert that starts a new window when
 * the old one has expired and otherwise adds a point, returning the count and the time left. Rows
 * are keyed `<limiter>:<key>`, the layout rate-limiter-flexible used before, so rows written then
 * still count.
 */
export const LIMITS = {
  /** failed sign-ins per account */
  signInAccount: { points: 5, duration: 15 * 60 },
  /** failed sign-ins per IP */
  signInIp: { points: 5, duration: 15 * 60 },
  /** accounts created per IP */
  signUpIp: { points: 10, duration: 60 * 60 },
  /** password-reset emails per address and per IP */
  resetEmail: { points: 3, duration: 60 * 60 },
  resetIp: { points: 10, duration: 60 * 60 },
  /** generic write budget per user on the API */
  userWrite: { points: 120, duration: 60 },
  /** discussion: one thread or reply per user per 15 seconds */
  postInterval: { points: 1, duration: POST_INTERVAL_SECONDS },
  /** discussion: edits of posts and threads per user (each one renders markdown) */
  postEdit: { points: 6, duration: 60 },
  /** discussion: reports filed per user per day */
  reportDaily: { points: REPORTS_PER_DAY, duration: 24 * 60 * 60 },
  /** Content-Security-Policy violation reports per address (anyone may send them) */
  cspReport: { points: 20, duration: 60 },
  /** sign-up confirmation mails per address, sent whether or not it has an account */
  signUpEmail: { points: 3, duration: 60 * 60 },
  /** confirmation links redeemed per IP (the tokens cannot be guessed; this bounds the work) */
  confirmIp: { points: 30, duration: 60 * 60 },
} as const;

/**
 * The discussion's per-user posting limits (15-second interval, new-account daily caps) are on
 * unless DISCUSSION_RATE_LIMITS=off. Only the e2e server sets that, so its specs can post many
 * vectors quickly; production never does. Read on every call so tests can switch it.
 */
export function discussionLimitsOn(): boolean {
  return process.env.DISCUSSION_RATE_LIMITS !== "off";
}

export type TLimiterName = keyof typeof LIMITS;

export type TLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type TWindowRow = { points: number; ms_left: number };

const rowKey = (name: TLimiterName, key: string) => `${name}:${key}`;

/**
 * The statement that spends one point, for use on its own or as a CTE inside a bigger statement
 * (the route wrapper spends a signed-in write's point in the same round trip as its session read).
 * Returns one row: the window's points so far (this one included) and the milliseconds it has left.
 */
export function spendStatement(name: TLimiterName, key: string): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO rate_limits AS r (key, points, expire)
    VALUES (${rowKey(name, key)}, 1, now() + make_interval(secs => ${LIMITS[name].duration}))
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN r.expire > now() THEN r.points + 1 ELSE 1 END,
      expire = CASE WHEN r.expire > now() THEN r.expire ELSE EXCLUDED.expire END
    RETURNING points, (extract(epoch FROM expire - now()) * 1000)::float8 AS ms_left`;
}

export function verdict(name: TLimiterName, row: TWindowRow | undefined): TLimitResult {
  if (!row || row.points <= LIMITS[name].points) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(row.ms_left) / 1000)) };
}

/** Spends one point; not allowed once the budget is used up (the refused attempt counts too). */
export async function consumeLimit(name: TLimiterName, key: string): Promise<TLimitResult> {
  await databaseReady();
  const rows = await db().$queryRaw<TWindowRow[]>(spendStatement(name, key));
  return verdict(name, rows[0]);
}

/** Whether the budget is already used up, without spending a point. */
export async function checkLimit(name: TLimiterName, key: string): Promise<TLimitResult> {
  await databaseReady();
  // "points + 1": would one more spend be allowed? (verdict() judges the count after a spend)
  const rows = await db().$queryRaw<TWindowRow[]>`
    SELECT points + 1 AS points, (extract(epoch FROM expire - now()) * 1000)::float8 AS ms_left
    FROM rate_limits WHERE key = ${rowKey(name, key)} AND expire > now()`;
  return verdict(name, rows[0]);
}

/** Gives back one point, e.g. the one a successful sign-in spent from its address's budget. */
export async function refundLimit(name: TLimiterName, key: string): Promise<void> {
  await databaseReady();
  await db().$executeRaw`UPDATE rate_limits SET points = points - 1 WHERE key = ${rowKey(name, key)} AND points > 0 AND expire > now()`;
}

export async function resetLimit(name: TLimiterName, key: string): Promise<void> {
  await databaseReady();
  await db().$executeRaw`DELETE FROM rate_limits WHERE key = ${rowKey(name, key)}`;
}
