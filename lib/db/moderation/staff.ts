import { roleAtLeast, type TRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";

/** A moderator or admin as route() hands them over: their account was read once for the request. */
export type TStaff = { id: string; role: TRole };

export function requireStaff(actor: TStaff): void {
  if (!roleAtLeast(actor.role, "MODERATOR")) throw new AppError("FORBIDDEN", "This needs the moderator role.");
}
