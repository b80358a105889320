import { auth, signOut } from "@/lib/auth/config";
import { withCurrentPassword } from "@/lib/auth/sign-in";
import { deleteAccount, getUser } from "@/lib/db/users";
import { NO_STORE, PRIVATE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { accountApi } from "@/lib/schemas/account";

/** Who is signed in: `{ user: null }` for guests (the header asks on every page). */
export const GET = route(accountApi.me, async ({ user }) => {
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
  return { data: body, cache: PRIVATE };
});

export const DELETE = route(accountApi.deleteAccount, async ({ user, body }) => {
  await withCurrentPassword(user.email, () => deleteAccount({ userId: user.id, password: body.password }));
  await signOut({ redirect: false });
  return { data: { deleted: true as const }, cache: NO_STORE };
});
