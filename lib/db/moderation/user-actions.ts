import { AUDIT_ACTION, silenceUntil } from "@/lib/domain/moderation";
import { canModerateUser } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { writeAudit } from "../audit";
import { ready } from "../common";
import { banUser, unbanUser } from "../users";
import type { TStaff } from "./staff";

/**
 * Actions on a user from the moderation page. Silencing lives here; banning and unbanning are the
 * same functions the admin routes and the command line call (lib/db/users.ts).
 */

export async function silenceUser(actor: TStaff, request: { userId: string; days: number; reason?: string }) {
  return setSilence(actor, "silence", request);
}

export async function unsilenceUser(actor: TStaff, request: { userId: string; reason?: string }) {
  return setSilence(actor, "unsilence", { ...request, days: 0 });
}

async function setSilence(actor: TStaff, action: "silence" | "unsilence", request: { userId: string; days: number; reason?: string }) {
  const prisma = await ready();
  return prisma.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: request.userId }, select: { id: true, role: true, silencedUntil: true } });
    if (!target) throw new AppError("NOT_FOUND", "No such user.", { field: "userId" });
    if (!canModerateUser(actor, target)) throw new AppError("FORBIDDEN", "You cannot silence or unsilence this user.");
    const now = new Date();
    const silenced = target.silencedUntil !== null && target.silencedUntil.getTime() > now.getTime();
    if (action === "unsilence" && !silenced) throw new AppError("CONFLICT", "This user is not silenced.");
    const until = action === "silence" ? silenceUntil(now, request.days, target.silencedUntil) : null;
    await tx.user.update({ where: { id: target.id }, data: { silencedUntil: until } });
    const audit = await writeAudit(tx, actor, {
      action: AUDIT_ACTION[action],
      targetUserId: target.id,
      reason: request.reason || null,
      details: until ? { days: request.days, until: until.toISOString() } : { was: target.silencedUntil?.toISOString() ?? null },
    });
    return { action, auditId: audit.id, user: { id: target.id, silencedUntil: until?.toISOString() ?? null } };
  });
}

export async function banFromModeration(actor: TStaff, request: { userId: string; reason: string }) {
  const user = await banUser({ actor, userId: request.userId, reason: request.reason });
  return { action: "ban" as const, user: { id: user.id, bannedAt: user.bannedAt?.toISOString() ?? null } };
}

export async function unbanFromModeration(actor: TStaff, request: { userId: string }) {
  const user = await unbanUser({ actor, userId: request.userId });
  return { action: "unban" as const, user: { id: user.id, bannedAt: null } };
}
