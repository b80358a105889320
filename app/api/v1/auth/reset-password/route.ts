import { NextResponse } from "next/server";
import { resetPassword } from "@/lib/db/credentials";
import { route } from "@/lib/http/route";
import { ZResetPasswordRequest } from "@/lib/schemas/auth";

export const POST = route({ body: ZResetPasswordRequest, limit: { name: "resetIp", by: "ip" } }, async ({ body }) => {
  await resetPassword(body);
  return NextResponse.json({ message: "Password changed. Sign in with the new password; other devices were signed out." });
});
