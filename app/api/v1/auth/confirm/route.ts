import { signInAs } from "@/lib/auth/sign-in";
import { confirmSignUp } from "@/lib/db/users";
import { NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { authApi } from "@/lib/schemas/auth";

/** The mailed link's token creates the account and signs this browser in (201). */
export const POST = route(authApi.confirm, async ({ body }) => {
  const user = await confirmSignUp(body.token);
  await signInAs(user.id);
  return { data: { user: { id: user.id, name: user.name, email: user.email, role: user.role } }, cache: NO_STORE };
});
