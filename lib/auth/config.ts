import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { checkLimit, consumeLimit, resetLimit } from "@/lib/db/rate-limit";
import { findOrCreateOAuthUser, getSessionState, verifyCredentials } from "@/lib/db/users";
import type { TRole } from "@/lib/domain/roles";
import { clientIp } from "@/lib/http/client-ip";
import { ZSignInRequest } from "@/lib/schemas/auth";

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

/** Records a failed attempt against both the account and the address. */
export async function recordFailedSignIn(email: string, ip: string) {
  await Promise.all([consumeLimit("signInAccount", email), consumeLimit("signInIp", ip)]);
}

export async function signInBlocked(email: string, ip: string) {
  const [account, address] = await Promise.all([checkLimit("signInAccount", email), checkLimit("signInIp", ip)]);
  if (!account.allowed) return account;
  if (!address.allowed) return address;
  return null;
}

const github =
  process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET
    ? [GitHub({ clientId: process.env.AUTH_GITHUB_ID, clientSecret: process.env.AUTH_GITHUB_SECRET })]
    : [];

export const oauthProviders = github.map((p) => ({ id: p.id, name: p.name }));

const config: NextAuthConfig = {
  trustHost: process.env.AUTH_TRUST_HOST === "true" || process.env.NODE_ENV !== "production",
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = ZSignInRequest.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = clientIp(request.headers);
        const blocked = await signInBlocked(email, ip);
        if (blocked && !blocked.allowed) throw new RateLimitedSignIn(blocked.retryAfterSeconds);
        const result = await verifyCredentials(email, password);
        if (result.status === "invalid") {
          await recordFailedSignIn(email, ip);
          return null;
        }
        if (result.status === "banned") throw new BannedSignIn();
        await resetLimit("signInAccount", email);
        const { user } = result;
        return { id: user.id, name: user.name, email: user.email, role: user.role, tokenVersion: user.tokenVersion };
      },
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
      } else if (user) {
        token.uid = user.id;
        token.tv = user.tokenVersion ?? 0;
      }
      if (!token.uid) return null;
      // Every request: a ban, sign-out-everywhere, password or role change shows up here.
      const state = await getSessionState(token.uid);
      if (!state || state.bannedAt || state.tokenVersion !== token.tv) return null;
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

export const { handlers, auth, signIn, signOut } = NextAuth(config);
