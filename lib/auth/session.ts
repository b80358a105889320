import { getToken } from "next-auth/jwt";
import { getSessionState } from "@/lib/db/users";
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

/**
 * Whether the request carries a genuine session token of an account that is now banned. A ban
 * ends the session (the JWT callback refuses it), so without this the banned user would get a
 * plain 401 "Sign in"; with it, the route wrapper can say why with a 403.
 */
export async function sessionIsBanned(headers: Headers): Promise<boolean> {
  const secret = process.env.AUTH_SECRET;
  if (!secret || !/authjs\.session-token/.test(headers.get("cookie") ?? "")) return false;
  for (const secureCookie of [false, true]) {
    const token = await getToken({ req: { headers }, secret, secureCookie });
    if (typeof token?.uid === "string") {
      const state = await getSessionState(token.uid);
      return Boolean(state?.bannedAt);
    }
  }
  return false;
}
