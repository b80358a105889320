import { signOut } from "@/lib/auth/config";
import { revokeSessions } from "@/lib/db/users";
import { NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { accountApi } from "@/lib/schemas/account";

/** "Sign out of all devices": every session token, this one included, stops working. */
export const DELETE = route(accountApi.signOutEverywhere, async ({ user }) => {
  await revokeSessions(user.id);
  await signOut({ redirect: false });
  return { data: { signedOut: "everywhere" as const }, cache: NO_STORE };
});
