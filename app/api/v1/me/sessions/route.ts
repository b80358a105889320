import { NextResponse } from "next/server";
import { signOut } from "@/lib/auth/config";
import { revokeSessions } from "@/lib/db/sessions";
import { route } from "@/lib/http/route";

/** "Sign out of all devices": every session token, this one included, stops working. */
export const DELETE = route({ auth: "user" }, async ({ user }) => {
  await revokeSessions(user.id);
  await signOut({ redirect: false });
  return NextResponse.json({ signedOut: "everywhere" });
});
