import { randomBytes } from "node:crypto";
import { dummyHash, hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, ready, sha256 } from "./common";
import { publicUser, type TPublicUser } from "./users";

/** Signing in: passwords, password reset, sign-up by confirmed email, and OAuth identities. */

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

// ── Password reset ──────────────────────────────────────────────────────────────────────────────

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

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
