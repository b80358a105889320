import { createHash, randomBytes } from "node:crypto";
import { dummyHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { canModerateUser, roleAtLeast, type TRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { databaseReady, db } from "./client";
import { exportDiscussion, forgetVotesOf } from "./discussion";
import { exportProgress } from "./progress";
import { spendStatement, verdict, type TLimiterName, type TLimitResult, type TWindowRow } from "./rate-limit";

/** What is safe to hand to the rest of the app: never the password hash. */
const publicUser = {
  id: true,
  email: true,
  name: true,
  role: true,
  createdAt: true,
  bannedAt: true,
  silencedUntil: true,
} as const;

export type TPublicUser = {
  id: string;
  email: string;
  name: string;
  role: TRole;
  createdAt: Date;
  bannedAt: Date | null;
  silencedUntil: Date | null;
};

async function ready() {
  await databaseReady();
  return db();
}

function isUniqueViolation(error: unknown) {
  return (error as { code?: string })?.code === "P2002";
}

export async function createUser(input: { name: string; email: string; password: string; role?: TRole }): Promise<TPublicUser> {
  const prisma = await ready();
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: { name: input.name, email: input.email, passwordHash, role: input.role ?? "LEARNER" },
      select: publicUser,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead, or reset your password.");
    throw error;
  }
}

/**
 * Checks an email and password. Returns the user only when both match and the account is not
 * banned; the same work is done for unknown emails, so timing does not reveal accounts.
 */
export async function verifyCredentials(email: string, password: string) {
  const prisma = await ready();
  const user = await prisma.user.findUnique({
    where: { email },
    select: { ...publicUser, passwordHash: true, tokenVersion: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !user.passwordHash || !ok) return { status: "invalid" as const };
  if (user.bannedAt) return { status: "banned" as const };
  const { passwordHash: _omit, ...rest } = user;
  return { status: "ok" as const, user: rest };
}

export type TSessionState = {
  id: string;
  name: string;
  email: string;
  role: TRole;
  tokenVersion: number;
  bannedAt: Date | null;
  /** This session (its JWT's `sid`) was signed out. */
  revoked: boolean;
};

type TSessionRow = { id: string | null; name: string; email: string; role: TRole; token_version: number; banned_at: Date | null; revoked: boolean };

const toState = (row: TSessionRow | undefined): TSessionState | null =>
  row?.id
    ? { id: row.id, name: row.name, email: row.email, role: row.role, tokenVersion: row.token_version, bannedAt: row.banned_at, revoked: row.revoked }
    : null;

/** A session id as our JWTs carry it; anything else matches no revocation (and no session). */
const sidOrNull = (sid: string | null | undefined) => (sid && /^[0-9a-f-]{36}$/i.test(sid) ? sid : null);

/**
 * Read on every authenticated request (the JWT callback and the route wrapper's session check):
 * the user's standing and whether this session was signed out, in one statement.
 */
export async function getSessionState(userId: string, sid?: string | null): Promise<TSessionState | null> {
  const prisma = await ready();
  const rows = await prisma.$queryRaw<TSessionRow[]>`
    SELECT u.id::text, u.name, u.email, u.role::text AS role, u.token_version, u.banned_at,
      EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.sid = ${sidOrNull(sid)}::uuid) AS revoked
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
    SELECT u.id::text, u.name, u.email, u.role::text AS role, u.token_version, u.banned_at,
      EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.sid = ${sidOrNull(sid)}::uuid) AS revoked,
      spend.points, spend.ms_left
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

export async function getUser(userId: string): Promise<(TPublicUser & { hasPassword: boolean }) | null> {
  const prisma = await ready();
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { ...publicUser, passwordHash: true } });
  if (!user) return null;
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null };
}

export async function getUserByEmail(email: string): Promise<TPublicUser | null> {
  const prisma = await ready();
  return prisma.user.findUnique({ where: { email }, select: publicUser });
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

export async function changePassword(input: { userId: string; currentPassword: string; newPassword: string }) {
  const prisma = await ready();
  const user = await prisma.user.findUnique({ where: { id: input.userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in again to change your password.");
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("FORBIDDEN", "The current password is not correct.", { field: "currentPassword" });
  }
  await prisma.user.update({
    where: { id: input.userId },
    data: { passwordHash: await hashPassword(input.newPassword), tokenVersion: { increment: 1 } },
  });
}

async function getActor(userId: string) {
  const prisma = await ready();
  const actor = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, role: true, bannedAt: true } });
  if (!actor || actor.bannedAt) throw new AppError("UNAUTHORIZED", "Sign in again.");
  return actor;
}

export async function setUserRole(input: { actorId: string; userId: string; role: TRole }): Promise<TPublicUser> {
  const prisma = await ready();
  const actor = await getActor(input.actorId);
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only admins can change roles.");
  if (actor.id === input.userId) throw new AppError("FORBIDDEN", "You cannot change your own role; ask another admin.");
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: { role: true } });
    if (!before) throw new AppError("NOT_FOUND", "No such user.");
    const user = await tx.user.update({ where: { id: input.userId }, data: { role: input.role }, select: publicUser });
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: "user.role",
        targetUserId: input.userId,
        details: { from: before.role, to: input.role },
      },
    });
    return user;
  });
}

export async function banUser(input: { actorId: string; userId: string; reason: string }): Promise<TPublicUser> {
  const prisma = await ready();
  const actor = await getActor(input.actorId);
  if (!roleAtLeast(actor.role, "MODERATOR")) throw new AppError("FORBIDDEN", "Only moderators and admins can ban.");
  return prisma.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true } });
    if (!target) throw new AppError("NOT_FOUND", "No such user.");
    if (!canModerateUser(actor, target)) throw new AppError("FORBIDDEN", "You cannot ban this user.");
    const user = await tx.user.update({
      where: { id: input.userId },
      data: { bannedAt: new Date(), banReason: input.reason, tokenVersion: { increment: 1 } },
      select: publicUser,
    });
    await tx.auditLog.create({ data: { actorId: actor.id, action: "user.ban", targetUserId: input.userId, reason: input.reason } });
    return user;
  });
}

export async function unbanUser(input: { actorId: string; userId: string }): Promise<TPublicUser> {
  const prisma = await ready();
  const actor = await getActor(input.actorId);
  if (!roleAtLeast(actor.role, "MODERATOR")) throw new AppError("FORBIDDEN", "Only moderators and admins can unban.");
  return prisma.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true } });
    if (!target) throw new AppError("NOT_FOUND", "No such user.");
    if (!canModerateUser(actor, target)) throw new AppError("FORBIDDEN", "You cannot unban this user.");
    const user = await tx.user.update({ where: { id: input.userId }, data: { bannedAt: null, banReason: null }, select: publicUser });
    await tx.auditLog.create({ data: { actorId: actor.id, action: "user.unban", targetUserId: input.userId } });
    return user;
  });
}

export const USERS_PAGE_SIZE = 20;

export async function listUsers(input: { actorId: string; q: string; page: number }) {
  const prisma = await ready();
  const actor = await getActor(input.actorId);
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only admins can list users.");
  const where = input.q
    ? { OR: [{ email: { contains: input.q, mode: "insensitive" as const } }, { name: { contains: input.q, mode: "insensitive" as const } }] }
    : {};
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      select: { ...publicUser, banReason: true },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
  ]);
  return { users, total, page: input.page, pageSize: USERS_PAGE_SIZE, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

// ── Password reset ──────────────────────────────────────────────────────────────────────────────

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Returns a token to send, or null when no such (usable) account exists. Older unused tokens die. */
export async function createPasswordReset(email: string): Promise<{ token: string; user: { email: string; name: string } } | null> {
  const prisma = await ready();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, bannedAt: true } });
  if (!user || user.bannedAt) return null;
  const token = randomBytes(32).toString("base64url");
  await prisma.$transaction([
    prisma.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } }),
    prisma.passwordResetToken.create({
      data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) },
    }),
  ]);
  return { token, user: { email: user.email, name: user.name } };
}

/** Sets a new password with a reset token: single use, one hour; ends every other session. */
export async function resetPassword(input: { token: string; password: string }): Promise<void> {
  const prisma = await ready();
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    // Claim the token atomically so two concurrent requests cannot both use it.
    const claimed = await tx.passwordResetToken.updateMany({
      where: { tokenHash: sha256(input.token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) {
      throw new AppError("BAD_REQUEST", "This reset link is invalid, expired or already used. Ask for a new one.", { field: "token" });
    }
    const row = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: sha256(input.token) }, select: { userId: true } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, tokenVersion: { increment: 1 } } });
  });
}

// ── Sign-up by confirmed email ──────────────────────────────────────────────────────────────────

export const SIGN_UP_TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * Sign-up, step 1 (docs/SECURITY.md, "Sign-up"). The route answers 202 before this runs, the same
 * way for every address; this decides what to mail: a confirmation link for an address without an
 * account, or a notice to the owner of an address that has one. Nothing is created for the latter.
 */
export async function requestSignUp(input: { name: string; email: string; password: string }): Promise<
  { kind: "confirm"; token: string; name: string } | { kind: "exists"; name: string }
> {
  const prisma = await ready();
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { name: true } });
  if (existing) return { kind: "exists", name: existing.name };
  const token = randomBytes(32).toString("base64url");
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction([
    prisma.pendingSignUp.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
    prisma.pendingSignUp.create({
      data: { email: input.email, name: input.name, passwordHash, tokenHash: sha256(token), expiresAt: new Date(Date.now() + SIGN_UP_TOKEN_TTL_MS) },
    }),
  ]);
  return { kind: "confirm", token, name: input.name };
}

/** Sign-up, step 2: the mailed link's token creates the account (single use, one hour). */
export async function confirmSignUp(token: string): Promise<TPublicUser> {
  const prisma = await ready();
  try {
    return await prisma.$transaction(async (tx) => {
      const claimed = await tx.pendingSignUp.updateMany({
        where: { tokenHash: sha256(token), usedAt: null, expiresAt: { gt: new Date() } },
        data: { usedAt: new Date() },
      });
      if (claimed.count !== 1) {
        throw new AppError("BAD_REQUEST", "This link is invalid, expired or already used. Sign up again to get a new one.", { field: "token" });
      }
      const pending = await tx.pendingSignUp.findUniqueOrThrow({ where: { tokenHash: sha256(token) } });
      return tx.user.create({
        data: { name: pending.name, email: pending.email, passwordHash: pending.passwordHash },
        select: publicUser,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead, or reset your password.");
    throw error;
  }
}

// ── OAuth ───────────────────────────────────────────────────────────────────────────────────────

/** Finds the user linked to an OAuth identity, linking by verified email or creating one. */
export async function findOrCreateOAuthUser(input: { provider: string; providerAccountId: string; email: string; name: string }) {
  const prisma = await ready();
  const linked = await prisma.oAuthAccount.findUnique({
    where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
    select: { user: { select: { id: true, tokenVersion: true, bannedAt: true } } },
  });
  if (linked) return linked.user;
  const user = await prisma.user.upsert({
    where: { email: input.email },
    create: { email: input.email, name: input.name.slice(0, 60) || input.email.split("@")[0]! },
    update: {},
    select: { id: true, tokenVersion: true, bannedAt: true },
  });
  await prisma.oAuthAccount.create({ data: { userId: user.id, provider: input.provider, providerAccountId: input.providerAccountId } });
  return user;
}

// ── Data rights ─────────────────────────────────────────────────────────────────────────────────

/** Everything stored about the user (later issues add their tables here). */
export async function exportUserData(userId: string) {
  const prisma = await ready();
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      ...publicUser,
      updatedAt: true,
      banReason: true,
      accounts: { select: { provider: true, providerAccountId: true, createdAt: true } },
      resetTokens: { select: { createdAt: true, expiresAt: true, usedAt: true } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  const audit = await prisma.auditLog.findMany({
    where: { targetUserId: userId },
    select: { action: true, reason: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const [progress, discussion] = await Promise.all([exportProgress(userId), exportDiscussion(userId)]);
  return { exportedAt: new Date().toISOString(), user, progress, discussion, moderationHistory: audit };
}

/**
 * Deletes the account and its personal data. Rows that only identify the user go with it
 * (cascade: votes, reports, notifications); audit rows keep the action but lose the link (SET
 * NULL). Threads and posts stay, with the author set to null: they show as "[deleted account]"
 * with the body kept, so replies keep their context, and the helpful counts the user's votes
 * added are taken back in the same transaction (docs/decisions/008-discussion-and-moderation.md).
 */
export async function deleteAccount(input: { userId: string; password?: string }) {
  const prisma = await ready();
  const user = await prisma.user.findUnique({ where: { id: input.userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  if (user.passwordHash && !(input.password && (await verifyPassword(user.passwordHash, input.password)))) {
    throw new AppError("FORBIDDEN", "The password is not correct.", { field: "password" });
  }
  await prisma.$transaction(async (tx) => {
    await forgetVotesOf(tx, input.userId);
    await tx.user.delete({ where: { id: input.userId } });
  });
}
