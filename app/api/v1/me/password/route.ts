import { NextResponse } from "next/server";
import { signInAs, withCurrentPassword } from "@/lib/auth/sign-in";
import { changePassword } from "@/lib/db/credentials";
import { route } from "@/lib/http/route";
import { ZChangePasswordRequest } from "@/lib/schemas/auth";

/** Changes the password, which ends every session, then signs this browser in again. */
export const POST = route({ auth: "user", body: ZChangePasswordRequest }, async ({ user, body }) => {
  await withCurrentPassword(user.email, () =>
    changePassword({ userId: user.id, currentPassword: body.currentPassword, newPassword: body.newPassword }),
  );
  await signInAs(user.id);
  return NextResponse.json({ message: "Password changed. Your other devices were signed out." });
});
