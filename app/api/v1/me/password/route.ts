import { signInAs, withCurrentPassword } from "@/lib/auth/sign-in";
import { changePassword } from "@/lib/db/users";
import { NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { accountApi } from "@/lib/schemas/account";

/** Changes the password, which ends every session, then signs this browser in again. */
export const POST = route(accountApi.changePassword, async ({ user, body }) => {
  await withCurrentPassword(user.email, () =>
    changePassword({ userId: user.id, currentPassword: body.currentPassword, newPassword: body.newPassword }),
  );
  await signInAs(user.id);
  return { data: { message: "Password changed. Your other devices were signed out." }, cache: NO_STORE };
});
