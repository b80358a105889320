import type { TRole } from "@/lib/domain/roles";
import { ready } from "./common";
import { Prisma } from "./generated/client";
import { spendStatement, verdict, type TLimiterName, type TLimitResult, type TWindowRow } from "./rate-limit";

/** Sessions (JWTs): the standing read on every authenticated request, and revoking one or all of them. */

export type TSessionState = {
  id: string;
  name: string;
  email: string;
  role: TRole;
  tokenVersion: number;
  bannedAt: Date | null;
  /** For the discussion's posting rules (new accounts, silences), so a write reads the user once. */
  createdAt: Date;
  silencedUntil: Date | null;
  /** This session (its JWT's `sid`) was signed out. */
  revoked: boolean;
};

type TSessionRow = {
  id: string | null;
  name: string;
  email: string;
  role: TRole;
  token_version: number;
  banned_at: Date | null;
  created_at: Date;
  silenced_until: Date | null;
  revoked: boolean;
};

const toState = (row: TSessionRow | undefined): TSessionState | null =>
  row?.id
    ? {
        id: row.id,
        name: row.name,
        email: row.email,
        role: row.role,
        tokenVersion: row.token_version,
        bannedAt: row.banned_at,
        createdAt: row.created_at,
        silencedUntil: row.silenced_until,
        revoked: row.revoked,
      }
    : null;

/** A session id as our JWTs carry it; anything else matches no revocation (and no session). */
const sidOrNull = (sid: string | null | undefined) => (sid && /^[0-9a-f-]{36}$/i.test(sid) ? sid : null);

const stateColumns = (sid: string | null | undefined) => Prisma.sql`u.id::text, u.name, u.email, u.role::text AS role, u.token_version,
  u.banned_at, u.created_at, u.silenced_until,
  EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.sid = ${sidOrNull(sid)}::uuid) AS revoked`;

/**
 * Read on every authenticated request (the JWT callback and the route wrapper's session check):
 * the user's standing and whether this session was signed out, in one statement.
 */
export async function getSessionState(userId: string, sid?: string | null): Promise<TSessionState | null> {
  const prisma = await ready();
  const rows = await prisma.$queryRaw<TSessionRow[]>`
    SELECT ${stateColumns(sid)}
    FROM users u WHERE u.id = ${userId}::uuid`;
  return toState(rows[0]);
}

/**
 * getSessionState and a spend from the named limiter for the same user, in one statement (one round
 * trip): every signed-in write does both. The point is spent even when the session then turns out
 * to be revoked, as any attempt counts.
 */
export async function getSessionStateSpending(
  userId: string,
  sid: string | null | undefined,
  limiterName: TLimiterName,
): Promise<{ state: TSessionState | null; limit: TLimitResult }> {
  const prisma = await ready();
  const rows = await prisma.$queryRaw<(TWindowRow & TSessionRow)[]>`
    WITH spend AS (${spendStatement(limiterName, userId)})
    SELECT ${stateColumns(sid)}, spend.points, spend.ms_left
    FROM spend LEFT JOIN users u ON u.id = ${userId}::uuid`;
  const row = rows[0]!;
  return { state: toState(row), limit: verdict(limiterName, row) };
}

/** Ends one session (signing out on one device); the user's other sessions go on. */
export async function revokeSession(input: { userId: string; sid: string; expiresAt: Date }): Promise<void> {
  const sid = sidOrNull(input.sid);
  if (!sid) return;
  const prisma = await ready();
  await prisma.$transaction([
    prisma.$executeRaw`
      INSERT INTO revoked_sessions (sid, user_id, expires_at)
      SELECT ${sid}::uuid, u.id, ${input.expiresAt} FROM users u WHERE u.id = ${input.userId}::uuid
      ON CONFLICT (sid) DO NOTHING`,
    // rows of tokens that expired anyway are of no further use
    prisma.$executeRaw`DELETE FROM revoked_sessions WHERE expires_at < now()`,
  ]);
}

/** Ends every session of the user (their JWTs carry the old version). Returns the new version. */
export async function revokeSessions(userId: string): Promise<number> {
  const prisma = await ready();
  const user = await prisma.user.update({
    where: { id: userId },
    data: { tokenVersion: { increment: 1 } },
    select: { tokenVersion: true },
  });
  return user.tokenVersion;
}
