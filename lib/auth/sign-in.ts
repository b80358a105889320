import { CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { AppError } from "@/lib/errors";
import { BannedSignIn, RateLimitedSignIn, signIn, signInBlocked } from "./config";

/**
 * Signs in with email and password and sets the session cookie on this response. Failures become
 * AppErrors: 429 after too many failures (per account and per address), 403 for a banned account,
 * 401 with one generic message otherwise (never which of email or password was wrong).
 */
export async function signInWithPassword(input: { email: string; password: string; ip: string }) {
  const blocked = await signInBlocked(input.email, input.ip);
  if (blocked && !blocked.allowed) throw tooMany(blocked.retryAfterSeconds);
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    // Auth.js reports some configuration errors (e.g. an untrusted host) only in its log and sets no
    // cookie: never answer "signed in" without a session.
    const jar = await cookies();
    if (!jar.getAll().some((c) => c.name.endsWith("authjs.session-token") && c.value)) {
      console.error("sign-in: Auth.js set no session cookie; check AUTH_SECRET and AUTH_TRUST_HOST or AUTH_URL");
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

function tooMany(retryAfterSeconds: number) {
  return new AppError("RATE_LIMITED", "Too many failed sign-in attempts. Wait a few minutes, or reset your password.", {
    retryAfterSeconds,
  });
}
