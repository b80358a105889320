import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { POST_INTERVAL_SECONDS } from "@/lib/domain/discussion";
import { databaseReady, db } from "./client";

/**
 * Rate limits with rate-limiter-flexible, state in the database (table rate_limits) so every app
 * instance shares it. Keys are namespaced per limiter.
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

const globalForLimits = globalThis as typeof globalThis & { __lnvLimiters?: Map<string, RateLimiterPrisma> };

function limiter(name: TLimiterName): RateLimiterPrisma {
  globalForLimits.__lnvLimiters ??= new Map();
  let l = globalForLimits.__lnvLimiters.get(name);
  if (!l) {
    l = new RateLimiterPrisma({
      storeClient: db(),
      tableName: "rateLimiterFlexible",
      keyPrefix: name,
      clearExpiredByTimeout: false,
      ...LIMITS[name],
    });
    globalForLimits.__lnvLimiters.set(name, l);
  }
  return l;
}

export type TLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function blocked(res: RateLimiterRes): TLimitResult {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** Spends one point; not allowed once the budget is used up. */
export async function consumeLimit(name: TLimiterName, key: string): Promise<TLimitResult> {
  await databaseReady();
  try {
    await limiter(name).consume(key, 1);
    return { allowed: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return blocked(error);
    throw error;
  }
}

/** Whether the budget is already used up, without spending a point. */
export async function checkLimit(name: TLimiterName, key: string): Promise<TLimitResult> {
  await databaseReady();
  const res = await limiter(name).get(key);
  if (res && res.consumedPoints >= LIMITS[name].points) return blocked(res);
  return { allowed: true };
}

export async function resetLimit(name: TLimiterName, key: string): Promise<void> {
  await databaseReady();
  await limiter(name).delete(key);
}
