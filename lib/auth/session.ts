import { getToken } from "next-auth/jwt";
import { getSessionState } from "@/lib/db/users";
import type { TRole } from "@/lib/domain/roles";

export type TSessionUser = { id: string; name: string; email: string; role: TRole };

/**
 * The same checks as the JWT callback (user exists, not banned, token version current), from the
 * request's cookie: one decryption and one primary-key read. Used by the route wrapper on every API
 * call; `auth()` runs Auth.js's whole session handler and re-encrypts the token each time, which
 * tripled the cost of a signed-in request. (GET /api/v1/me still calls `auth()` so the session
 * keeps sliding.) `banned` tells a banned user's genuine token apart from no session at all.
 */
export async function getRequestSession(headers: Headers): Promise<{ user: TSessionUser | null; banned: boolean }> {
  const secret = process.env.AUTH_SECRET;
  if (!secret || !/authjs\.session-token/.test(headers.get("cookie") ?? "")) return { user: null, banned: false };
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: { headers }, secret, secureCookie }).catch(() => null);
    if (typeof token?.uid !== "string") continue;
    const state = await getSessionState(token.uid);
    if (!state) return { user: null, banned: false };
    if (state.bannedAt) return { user: null, banned: true };
    if (state.tokenVersion !== token.tv) return { user: null, banned: false };
    return { user: { id: state.id, name: state.name, email: state.email, role: state.role }, banned: false };
  }
  return { user: null, banned: false };
}

