import { signOut } from "@/lib/auth/config";
import { revokeRequestSession } from "@/lib/auth/session";
import { NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { authApi } from "@/lib/schemas/auth";

/** Ends this device's session for good (a copy of its cookie stops working); other devices stay signed in. */
export const POST = route(authApi.signOut, async ({ req }) => {
  await revokeRequestSession(req.headers);
  await signOut({ redirect: false });
  return { data: { signedOut: true as const }, cache: NO_STORE };
});
