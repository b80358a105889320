import type { TRole } from "@/lib/domain/roles";
import type { Tx } from "./common";
import type { Prisma } from "./generated/client";

/**
 * Who performs a moderation or administration change: a signed-in user as route() hands it over
 * (read once per request), or the operator at the command line (scripts/user.ts), who has no account
 * and an admin's powers. Every such change writes its audit row through writeAudit, inside the
 * transaction of the change, so a refused audit row undoes the change.
 */
export type TActing = { id: string; role: TRole } | typeof COMMAND_LINE;
export const COMMAND_LINE = { id: null, role: "ADMIN", via: "cli" } as const;

export const isCommandLine = (actor: TActing): actor is typeof COMMAND_LINE => actor.id === null;

type TAuditEntry = Omit<Prisma.AuditLogUncheckedCreateInput, "actorId" | "details"> & { details?: Record<string, unknown> };

/** The audit row of a change; `actor` null is the system itself (auto-hide by reports). */
export async function writeAudit(tx: Tx, actor: TActing | null, entry: TAuditEntry) {
  const { details: given, ...row } = entry;
  const details = actor !== null && isCommandLine(actor) ? { ...given, via: "cli" } : given;
  return tx.auditLog.create({
    data: { ...row, actorId: actor?.id ?? null, ...(details ? { details: details as Prisma.InputJsonValue } : {}) },
    select: { id: true, action: true, createdAt: true },
  });
}
