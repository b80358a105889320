import { randomBytes } from "node:crypto";

/**
 * One-time sign-in grants: our own endpoints that have just proven who someone is (a confirmed
 * sign-up, a password change) sign them in through Auth.js's credentials provider with a grant
 * instead of a password, so the sign-in limiter meant for password guesses does not apply to them.
 * A grant is 32 random bytes, lives in this process for 30 seconds and works once: it is minted and
 * redeemed within the same request. Kept on globalThis because Next.js may load this module once
 * per bundle.
 */
const TTL_MS = 30_000;
const KEY = Symbol.for("learn-netverks.sign-in-grants");
const grants: Map<string, { userId: string; expires: number }> = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Map<
  string,
  { userId: string; expires: number }
>;

export function mintSignInGrant(userId: string): string {
  const now = Date.now();
  for (const [key, grant] of grants) if (grant.expires < now) grants.delete(key);
  const token = randomBytes(32).toString("base64url");
  grants.set(token, { userId, expires: now + TTL_MS });
  return token;
}

export function redeemSignInGrant(token: string): string | null {
  const grant = grants.get(token);
  grants.delete(token);
  return grant && grant.expires >= Date.now() ? grant.userId : null;
}
