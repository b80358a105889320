import { resetPassword } from "@/lib/db/users";
import { NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { authApi } from "@/lib/schemas/auth";

export const POST = route(authApi.resetPassword, async ({ body }) => {
  await resetPassword(body);
  return { data: { message: "Password changed. Sign in with the new password; other devices were signed out." }, cache: NO_STORE };
});
