export const ROLES = ["LEARNER", "MODERATOR", "ADMIN"] as const;
export type TRole = (typeof ROLES)[number];

export function roleAtLeast(role: TRole, minimum: TRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** Whether `actor` may ban / silence `target`: staff act on lower roles only; admins on anyone but themselves. */
export function canModerateUser(actor: { id: string; role: TRole }, target: { id: string; role: TRole }): boolean {
  if (actor.id === target.id) return false;
  if (actor.role === "ADMIN") return true;
  return actor.role === "MODERATOR" && target.role === "LEARNER";
}
