import { NextResponse } from "next/server";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { getUserByEmail } from "@/lib/db/users";
import { route } from "@/lib/http/route";
import { ZSignInRequest } from "@/lib/schemas/auth";

export const POST = route({ body: ZSignInRequest }, async ({ body }) => {
  await signInWithPassword(body);
  const user = (await getUserByEmail(body.email))!;
  return NextResponse.json({ user: { id: user.id, name: user.name, email: user.email, role: user.role } });
});
