import { NextResponse } from "next/server";
import { auth, signOut } from "@/lib/auth/config";
import { withCurrentPassword } from "@/lib/auth/sign-in";
import { deleteAccount } from "@/lib/db/account";
import { getUser } from "@/lib/db/users";
import { route } from "@/lib/http/route";
import { ZDeleteAccountRequest } from "@/lib/schemas/auth";

/** Who is signed in: `{ user: null }` for guests (the header asks on every page). */
export const GET = route({ auth: "optional" }, async ({ user }) => {
  // Every page asks this once: let Auth.js re-issue the session cookie, so a session in use slides.
  if (user) await auth();
  const full = user ? await getUser(user.id) : null;
  const body = full
    ? {
        user: {
          id: full.id,
          name: full.name,
          email: full.email,
          role: full.role,
          createdAt: full.createdAt,
          hasPassword: full.hasPassword,
        },
      }
    : { user: null };
  return NextResponse.json(body, { headers: { "Cache-Control": "private, no-store" } });
});

export const DELETE = route({ auth: "user", body: ZDeleteAccountRequest }, async ({ user, body }) => {
  await withCurrentPassword(user.email, () => deleteAccount({ userId: user.id, password: body.password }));
  await signOut({ redirect: false });
  return NextResponse.json({ deleted: true });
});
