import { roleAtLeast, type TRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { auth } from "./config";

export type TSessionUser = { id: string; name: string; email: string; role: TRole };

/** The signed-in user, or null. Runs the JWT checks (ban, token version) against the database. */
export async function getSessionUser(): Promise<TSessionUser | null> {
  const session = await auth();
  return session?.user?.id ? session.user : null;
}

export async function requireUser(): Promise<TSessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
  return user;
}

export async function requireRole(minimum: TRole): Promise<TSessionUser> {
  const user = await requireUser();
  if (!roleAtLeast(user.role, minimum)) throw new AppError("FORBIDDEN", `This needs the ${minimum.toLowerCase()} role.`);
  return user;
}
