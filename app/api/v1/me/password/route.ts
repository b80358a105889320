import { NextResponse } from "next/server";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { changePassword } from "@/lib/db/users";
import { route } from "@/lib/http/route";
import { ZChangePasswordRequest } from "@/lib/schemas/auth";

/** Changes the password, which ends every session, then signs this browser in again. */
export const POST = route({ auth: "user", body: ZChangePasswordRequest }, async ({ user, body, ip }) => {
  await changePassword({ userId: user.id, currentPassword: body.currentPassword, newPassword: body.newPassword });
  await signInWithPassword({ email: user.email, password: body.newPassword, ip });
  return NextResponse.json({ message: "Password changed. Your other devices were signed out." });
});
