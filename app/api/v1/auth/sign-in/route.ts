import { signInWithPassword } from "@/lib/auth/sign-in";
import { getUserByEmail } from "@/lib/db/users";
import { NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { authApi } from "@/lib/schemas/auth";

export const POST = route(authApi.signIn, async ({ body }) => {
  await signInWithPassword(body);
  const user = (await getUserByEmail(body.email))!;
  return { data: { user: { id: user.id, name: user.name, email: user.email, role: user.role } }, cache: NO_STORE };
});
