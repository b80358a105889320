import { NextResponse } from "next/server";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createUser } from "@/lib/db/users";
import { route } from "@/lib/http/route";
import { ZSignUpRequest } from "@/lib/schemas/auth";

export const POST = route({ body: ZSignUpRequest, limit: { name: "signUpIp", by: "ip" } }, async ({ body, ip }) => {
  const user = await createUser(body);
  await signInWithPassword({ email: body.email, password: body.password, ip });
  return NextResponse.json({ user: { id: user.id, name: user.name, email: user.email, role: user.role } }, { status: 201 });
});
