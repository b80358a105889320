import { NextResponse } from "next/server";
import { signInAs } from "@/lib/auth/sign-in";
import { confirmSignUp } from "@/lib/db/credentials";
import { route } from "@/lib/http/route";
import { ZConfirmSignUpRequest } from "@/lib/schemas/auth";

/** The mailed link's token creates the account and signs this browser in (201). */
export const POST = route({ body: ZConfirmSignUpRequest, limit: { name: "confirmIp", by: "ip" } }, async ({ body }) => {
  const user = await confirmSignUp(body.token);
  await signInAs(user.id);
  return NextResponse.json({ user: { id: user.id, name: user.name, email: user.email, role: user.role } }, { status: 201 });
});
