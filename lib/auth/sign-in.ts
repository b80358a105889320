import { CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { BannedSignIn, forgivePasswordAttempt, RateLimitedSignIn, signIn, spendPasswordAttempt } from "./config";
import { mintSignInGrant } from "./grants";

/**
 * Signs in with email and password and sets the session cookie on this response. Failures become
 * AppErrors: 429 after too many failures (per account and per address, spent before the password is
 * checked: lib/auth/config.ts), 403 for a banned account, 401 with one generic message otherwise
 * (never which of email or password was wrong).
 */
export async function signInWithPassword(input: { email: string; password: string }) {
  await signInWith({ email: input.email, password: input.password });
}

/** Signs in a user our own code has just proven (a confirmed sign-up, a changed password). */
export async function signInAs(userId: string) {
  await signInWith({ grant: mintSignInGrant(userId) });
}

async function signInWith(credentials: Record<string, string>) {
  try {
    await signIn("credentials", { ...credentials, redirect: false });
    // Auth.js reports some configuration errors only in its log and sets no cookie: never answer
    // "signed in" without a session.
    const jar = await cookies();
    if (!jar.getAll().some((c) => c.name.endsWith("authjs.session-token") && c.value)) {
      console.error("sign-in: Auth.js set no session cookie; check AUTH_SECRET and AUTH_URL");
      throw new AppError("UNAVAILABLE", "Sign-in is not available right now. Try again later.");
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof RateLimitedSignIn) throw tooMany(error.retryAfterSeconds);
    if (error instanceof BannedSignIn) throw new AppError("FORBIDDEN", "This account is suspended. Contact the moderators if you think this is a mistake.");
    if (error instanceof CredentialsSignin) throw new AppError("UNAUTHORIZED", "Email or password is not correct.");
    throw error;
  }
}

/**
 * Runs a check of the user's current password (changing the password, deleting the account) under
 * the sign-in limiter: a wrong password spends from the same budget as a failed sign-in, so these
 * forms cannot be used to guess it faster. `check` throws its own error for a wrong password.
 */
export async function withCurrentPassword<T>(email: string, check: () => Promise<T>): Promise<T> {
  const ip = clientIp();
  const attempt = await spendPasswordAttempt(email, ip);
  if (!attempt.allowed) throw tooMany(attempt.retryAfterSeconds);
  const result = await check();
  await forgivePasswordAttempt(email, ip);
  return result;
}

function tooMany(retryAfterSeconds: number) {
  return new AppError("RATE_LIMITED", "Too many failed sign-in attempts. Wait a few minutes, or reset your password.", {
    retryAfterSeconds,
  });
}
