import { getToken, type JWT } from "next-auth/jwt";
import type { TLimiterName, TLimitResult } from "@/lib/db/rate-limit";
import { getSessionState, getSessionStateSpending, revokeSession, type TSessionState } from "@/lib/db/sessions";
import type { TRole } from "@/lib/domain/roles";

/**
 * The signed-in user as route() hands it to handlers and services, read once per request: standing
 * (bannedAt is always null here, a banned account has no session), age and silence included, so a
 * discussion write does not read the user again.
 */
export type TSessionUser = {
  id: string;
  name: string;
  email: string;
  role: TRole;
  createdAt: Date;
  bannedAt: Date | null;
  silencedUntil: Date | null;
};

/** Auth.js's session cookie, plain or `__Secure-`, whole or in chunks (`.0`, `.1`, …). */
const SESSION_COOKIE = /^(?:__Secure-)?authjs\.session-token(?:\.\d+)?$/;

/**
 * Decrypted session cookies, by their exact text (ADR 006). The same cookie arrives with every
 * request of a visit, and decrypting it (HKDF key derivation, AES-CBC and HMAC through WebCrypto)
 * was the largest single cost of a signed-in API call. Only cookies that decrypted under our secret
 * are kept, so an entry is exactly what decryption would return again; expiry is checked on every
 * hit, and everything that can revoke a session (ban, token version, deletion) is read from the
 * database on every request below, never from here. Least recently used entries go first.
 */
const DECODED_MAX = 10_000;
const decoded = new Map<string, JWT>();
let decodedSecret: string | undefined;

/** The session cookies of a Cookie header, in order, as one cache key; null when there are none. */
export function sessionCookieKey(cookieHeader: string): string | null {
  const parts: string[] = [];
  for (const pair of cookieHeader.split(";")) {
    const text = pair.trim();
    const eq = text.indexOf("=");
    if (eq > 0 && SESSION_COOKIE.test(text.slice(0, eq))) parts.push(text);
  }
  return parts.length > 0 ? parts.join("; ") : null;
}

async function decodeSession(headers: Headers, secret: string): Promise<JWT | null> {
  const key = sessionCookieKey(headers.get("cookie") ?? "");
  if (!key) return null;
  if (decodedSecret !== secret) {
    decoded.clear();
    decodedSecret = secret;
  }
  const hit = decoded.get(key);
  if (hit) {
    decoded.delete(key);
    if (typeof hit.exp === "number" && hit.exp * 1000 > Date.now()) {
      decoded.set(key, hit); // most recently used goes last
      return hit;
    }
  }
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: { headers }, secret, secureCookie }).catch(() => null);
    if (typeof token?.uid !== "string") continue;
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(key, token);
    return token;
  }
  return null;
}

/**
 * The same checks as the JWT callback (user exists, not banned, token version current), from the
 * request's cookie: one decryption (cached above) and one primary-key read. Used by the route
 * wrapper on every API call; `auth()` runs Auth.js's whole session handler and re-encrypts the token
 * each time, which tripled the cost of a signed-in request. (GET /api/v1/me still calls `auth()` so
 * the session keeps sliding.) `banned` tells a banned user's genuine token apart from no session.
 *
 * With `spend`, the same statement also spends a point of that limiter for the user (a signed-in
 * write), and `limit` says whether the write is allowed.
 */
export async function getRequestSession(
  headers: Headers,
  spend?: TLimiterName,
): Promise<{ user: TSessionUser | null; banned: boolean; limit?: TLimitResult }> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return { user: null, banned: false };
  const token = await decodeSession(headers, secret);
  if (!token || typeof token.uid !== "string") return { user: null, banned: false };
  let state: TSessionState | null;
  let limit: TLimitResult | undefined;
  if (typeof token.sid !== "string") return { user: null, banned: false };
  if (spend) ({ state, limit } = await getSessionStateSpending(token.uid, token.sid, spend));
  else state = await getSessionState(token.uid, token.sid);
  if (!state) return { user: null, banned: false };
  if (state.bannedAt) return { user: null, banned: true };
  if (state.revoked || state.tokenVersion !== token.tv) return { user: null, banned: false };
  const { id, name, email, role, createdAt, bannedAt, silencedUntil } = state;
  return { user: { id, name, email, role, createdAt, bannedAt, silencedUntil }, banned: false, limit };
}

/**
 * Signing out on this device: the session the request's cookie carries is revoked (until its token
 * would have expired), so a copy of the cookie no longer works anywhere. Other devices stay signed in.
 */
export async function revokeRequestSession(headers: Headers): Promise<void> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return;
  const token = await decodeSession(headers, secret);
  if (typeof token?.uid !== "string" || typeof token.sid !== "string") return;
  const expiresAt = new Date(typeof token.exp === "number" ? token.exp * 1000 : Date.now() + 30 * 24 * 60 * 60 * 1000);
  await revokeSession({ userId: token.uid, sid: token.sid, expiresAt });
}
