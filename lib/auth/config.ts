import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { consumeLimit, refundLimit, resetLimit, type TLimitResult } from "@/lib/db/rate-limit";
import { findOrCreateOAuthUser, getSessionState, getUser, verifyCredentials } from "@/lib/db/users";
import type { TRole } from "@/lib/domain/roles";
import { clientIp } from "@/lib/http/client-ip";
import { requestContext } from "@/lib/http/request-context.mjs";
import { ZSignInRequest } from "@/lib/schemas/auth";
import { redeemSignInGrant } from "./grants";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: TRole };
  }
  interface User {
    role?: TRole;
    tokenVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    tv?: number;
    /** This session's id: signing out on this device revokes it (revoked_sessions). */
    sid?: string;
    role?: TRole;
  }
}

export class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}
export class BannedSignIn extends CredentialsSignin {
  code = "banned";
}

/**
 * Spends one password attempt from the account's budget and the address's budget, each in one
 * atomic statement, BEFORE the password is checked: 25 concurrent guesses get exactly 5 tries.
 * Returns the refusal when either budget was already spent.
 */
export async function spendPasswordAttempt(email: string, ip: string): Promise<TLimitResult> {
  const [account, address] = await Promise.all([consumeLimit("signInAccount", email), consumeLimit("signInIp", ip)]);
  if (!account.allowed) return account;
  return address;
}

/** After the right password: the account's failures are forgotten, and the address gets its point back. */
export async function forgivePasswordAttempt(email: string, ip: string) {
  await Promise.all([resetLimit("signInAccount", email), refundLimit("signInIp", ip)]);
}

const github =
  process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET
    ? [GitHub({ clientId: process.env.AUTH_GITHUB_ID, clientSecret: process.env.AUTH_GITHUB_SECRET })]
    : [];

export const oauthProviders = github.map((p) => ({ id: p.id, name: p.name }));

type TSignedInUser = { id: string; name: string; email: string; role: TRole; tokenVersion: number };

/** The credentials provider's check: a one-time grant from our own code, or an email and password. */
async function authorize(raw: Partial<Record<string, unknown>>): Promise<TSignedInUser | null> {
  if (typeof raw.grant === "string") {
    // Our own endpoints (confirming a sign-up, changing the password) have already proven who this is.
    const userId = redeemSignInGrant(raw.grant);
    const user = userId ? await getUser(userId) : null;
    if (!user || user.bannedAt) return null;
    const state = await getSessionState(user.id);
    return state && { id: user.id, name: user.name, email: user.email, role: user.role, tokenVersion: state.tokenVersion };
  }
  const parsed = ZSignInRequest.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = clientIp();
  const attempt = await spendPasswordAttempt(email, ip);
  if (!attempt.allowed) throw new RateLimitedSignIn(attempt.retryAfterSeconds);
  const result = await verifyCredentials(email, password);
  if (result.status === "invalid") return null;
  if (result.status === "banned") throw new BannedSignIn();
  await forgivePasswordAttempt(email, ip);
  const { user } = result;
  return { id: user.id, name: user.name, email: user.email, role: user.role, tokenVersion: user.tokenVersion };
}

const config: NextAuthConfig = {
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome (the sign-in limiter counts it), not a server fault:
    // Auth.js would log it as an error with a stack trace, burying real errors in the log.
    error(error) {
      if (error.name === "CredentialsSignin") return;
      console.error(`[auth][error] ${error.name}:`, error);
    },
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: (raw) => authorize(raw),
    }),
    ...github,
  ],
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (account && account.provider !== "credentials") {
        const email = (profile?.email ?? user?.email ?? "").toLowerCase();
        if (!email) return null;
        const linked = await findOrCreateOAuthUser({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email,
          name: String(profile?.name ?? user?.name ?? ""),
        });
        if (linked.bannedAt) return null;
        token.uid = linked.id;
        token.tv = linked.tokenVersion;
        token.sid = randomUUID();
      } else if (user) {
        token.uid = user.id;
        token.tv = user.tokenVersion ?? 0;
        token.sid = randomUUID();
      }
      // A token without a session id predates per-session sign-out: it cannot be revoked alone, so it ends.
      if (!token.uid || !token.sid) return null;
      // Every request: a ban, sign-out here or everywhere, a password or role change shows up here.
      const state = await getSessionState(token.uid, token.sid);
      if (!state || state.bannedAt || state.revoked || state.tokenVersion !== token.tv) return null;
      token.role = state.role;
      token.name = state.name;
      token.email = state.email;
      return token;
    },
    session({ session, token }) {
      session.user = { ...session.user, id: token.uid!, role: token.role!, name: token.name ?? "", email: token.email ?? "" };
      return session;
    },
  },
};

/**
 * The configuration per request: the session cookie is `__Secure-` and Secure when the request came
 * over HTTPS (as scripts/serve.mjs decided: TLS, or a trusted proxy's X-Forwarded-Proto), or, outside
 * a request, when the public origin is https. Auth.js's URLs come from AUTH_URL (the public origin),
 * which scripts/serve.mjs sets, never from the request's Host.
 */
function configForRequest(): NextAuthConfig {
  const https = requestContext()?.https ?? (process.env.APP_URL ?? "").startsWith("https:");
  return { ...config, useSecureCookies: https };
}

export const { handlers, auth, signIn, signOut } = NextAuth(configForRequest);
