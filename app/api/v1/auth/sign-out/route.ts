import { NextResponse } from "next/server";
import { signOut } from "@/lib/auth/config";
import { route } from "@/lib/http/route";

export const POST = route({}, async () => {
  await signOut({ redirect: false });
  return NextResponse.json({ signedOut: true });
});
