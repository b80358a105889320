import { hashPassword } from "@/lib/auth/password";
import { canModerateUser, type TRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { isCommandLine, writeAudit, type TActing } from "./audit";
import { isUniqueViolation, ready, withLockedRow } from "./common";

/**
 * Accounts, roles and bans. Role changes, bans and unbans are the one implementation behind the
 * admin routes, POST /mod/actions and the command line (scripts/user.ts): each takes the acting user
 * route() already read (or COMMAND_LINE) and writes its audit row in the transaction of the change.
 */

/** What is safe to hand to the rest of the app: never the password hash. */
export const publicUser = {
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

/** A new account; with `createdBy`, its audit row is written in the same transaction. */
export async function createUser(input: {
  name: string;
  email: string;
  password: string;
  role?: TRole;
  createdBy?: TActing;
}): Promise<TPublicUser> {
  const prisma = await ready();
  const passwordHash = await hashPassword(input.password);
  const createdBy = input.createdBy;
  const data = { name: input.name, email: input.email, passwordHash, role: input.role ?? "LEARNER" };
  try {
    // Sign-up makes accounts on its own; only an account made by someone is audited (in one transaction).
    if (!createdBy) return await prisma.user.create({ data, select: publicUser });
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data, select: publicUser });
      await writeAudit(tx, createdBy, { action: "user.create", targetUserId: user.id, details: { role: user.role } });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead, or reset your password.");
    throw error;
  }
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


/** Whether the actor may ban this user: the command line may ban anyone; staff as canModerateUser says. */
const mayActOn = (actor: TActing, target: { id: string; role: TRole }) => isCommandLine(actor) || canModerateUser(actor, target);

export async function setUserRole(input: { actor: TActing; userId: string; role: TRole }): Promise<TPublicUser> {
  const prisma = await ready();
  const { actor } = input;
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only admins can change roles.");
  if (actor.id === input.userId) throw new AppError("FORBIDDEN", "You cannot change your own role; ask another admin.");
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: { role: true } });
    if (!before) throw new AppError("NOT_FOUND", "No such user.");
    const user = await tx.user.update({ where: { id: input.userId }, data: { role: input.role }, select: publicUser });
    await writeAudit(tx, actor, { action: "user.role", targetUserId: input.userId, details: { from: before.role, to: input.role } });
    return user;
  });
}

/**
 * Bans end every session (the token version moves on) and refuse sign-in. Banning a banned user or
 * unbanning one who is not banned is a 409, checked in the transaction that makes the change.
 */
export async function banUser(input: { actor: TActing; userId: string; reason: string }): Promise<TPublicUser> {
  return setBan(input.actor, input.userId, input.reason);
}

export async function unbanUser(input: { actor: TActing; userId: string }): Promise<TPublicUser> {
  return setBan(input.actor, input.userId, null);
}

async function setBan(actor: TActing, userId: string, reason: string | null): Promise<TPublicUser> {
  const ban = reason !== null;
  if (actor.role === "LEARNER") throw new AppError("FORBIDDEN", `Only moderators and admins can ${ban ? "ban" : "unban"}.`);
  return withLockedRow("users", userId, async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, bannedAt: true } });
    if (!target) throw new AppError("NOT_FOUND", "No such user.");
    if (!mayActOn(actor, target)) throw new AppError("FORBIDDEN", `You cannot ${ban ? "ban" : "unban"} this user.`);
    if (ban && target.bannedAt) throw new AppError("CONFLICT", "This user is already banned.");
    if (!ban && !target.bannedAt) throw new AppError("CONFLICT", "This user is not banned.");
    const user = await tx.user.update({
      where: { id: userId },
      data: ban ? { bannedAt: new Date(), banReason: reason, tokenVersion: { increment: 1 } } : { bannedAt: null, banReason: null },
      select: publicUser,
    });
    await writeAudit(tx, actor, { action: ban ? "user.ban" : "user.unban", targetUserId: userId, reason });
    return user;
  });
}

export const USERS_PAGE_SIZE = 20;

export async function listUsers(input: { actor: TActing; q: string; page: number }) {
  const prisma = await ready();
  if (input.actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only admins can list users.");
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
