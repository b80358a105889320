import { roleAtLeast, type TRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { ready } from "../common";

/**
 * Who is asking, for every discussion service: guests read, signed-in users write, staff (moderators
 * and admins) see and change everything. route() hands the services the user it read for the request
 * (lib/auth/session.ts, a TActor and more); loadActor and loadViewer read one the same way for callers
 * outside route() (tests, scripts).
 */

export type TActor = {
  id: string;
  name: string;
  role: TRole;
  createdAt: Date;
  bannedAt: Date | null;
  silencedUntil: Date | null;
};
const actorSelect = { id: true, name: true, role: true, createdAt: true, bannedAt: true, silencedUntil: true } as const;

/** A reader: null for guests (and for ids that no longer exist or are banned). */
export async function loadViewer(viewerId: string | null | undefined): Promise<TActor | null> {
  if (!viewerId) return null;
  const prisma = await ready();
  const viewer = await prisma.user.findUnique({ where: { id: viewerId }, select: actorSelect });
  return viewer && !viewer.bannedAt ? viewer : null;
}

/** Someone changing something: must exist; banned accounts are refused with 403. */
export async function loadActor(userId: string): Promise<TActor> {
  const prisma = await ready();
  const actor = await prisma.user.findUnique({ where: { id: userId }, select: actorSelect });
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in again.");
  if (actor.bannedAt) throw new AppError("FORBIDDEN", "Your account is suspended, so you cannot do this.");
  return actor;
}

export const isStaff = (user: { role: TRole } | null) => Boolean(user && roleAtLeast(user.role, "MODERATOR"));
