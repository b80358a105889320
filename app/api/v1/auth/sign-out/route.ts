import { NextResponse } from "next/server";
import { signOut } from "@/lib/auth/config";
import { revokeRequestSession } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

/** Ends this device's session for good (a copy of its cookie stops working); other devices stay signed in. */
export const POST = route({}, async ({ req }) => {
  await revokeRequestSession(req.headers);
  await signOut({ redirect: false });
  return NextResponse.json({ signedOut: true });
});
