import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN, normalizeEmail, passwordProblem } from "@/lib/domain/password-policy";
import { contracts } from "@/lib/http/contract";

export const ZEmail = z
  .string({ error: "Email is required" })
  .trim()
  .min(1, "Email is required")
  .max(254, "Email is too long")
  .pipe(z.email("Enter a valid email address, like name@example.com"))
  .transform(normalizeEmail);

export const ZName = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(60, "Name must be at most 60 characters")
  .refine((n) => !/[<>]/.test(n), "Name must not contain < or >");

const ZPasswordInput = z.string({ error: "Password is required" }).min(1, "Password is required");

export const ZNewPassword = z
  .string({ error: "Password is required" })
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`);

export const ZSignUpRequest = z
  .object({
    name: ZName,
    email: ZEmail,
    password: ZNewPassword,
    /** Where the confirmation link leads after the account is made (a path on this site). */
    next: z.string().max(500, "next is too long").optional(),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, { email: v.email, name: v.name });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: `Password ${problem}` });
  });
export type TSignUpRequest = z.infer<typeof ZSignUpRequest>;

export const ZSignInRequest = z.object({ email: ZEmail, password: ZPasswordInput.max(PASSWORD_MAX, "Password is too long") });
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZChangePasswordRequest = z.object({ currentPassword: ZPasswordInput, newPassword: ZNewPassword }).superRefine((v, ctx) => {
  const problem = passwordProblem(v.newPassword);
  if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: `Password ${problem}` });
  if (v.currentPassword === v.newPassword) {
    ctx.addIssue({ code: "custom", path: ["newPassword"], message: "New password must differ from the current one" });
  }
});

export const ZForgotPasswordRequest = z.object({ email: ZEmail });

export const ZConfirmSignUpRequest = z.object({
  token: z.string({ error: "The confirmation link is incomplete" }).min(20, "The confirmation link is incomplete").max(200, "The confirmation link is malformed"),
});

export const ZResetPasswordRequest = z
  .object({ token: z.string().min(20, "The reset link is incomplete").max(200, "The reset link is malformed"), password: ZNewPassword })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: `Password ${problem}` });
  });

export const ZDeleteAccountRequest = z.object({
  password: z.string().max(PASSWORD_MAX).optional(),
  confirm: z.literal("DELETE", { error: 'Type DELETE to confirm' }),
});

export const ZRole = z.enum(["LEARNER", "MODERATOR", "ADMIN"], { error: "Role must be LEARNER, MODERATOR or ADMIN" });
export const ZSetRoleRequest = z.object({ role: ZRole });
export const ZBanRequest = z.object({ reason: z.string().trim().min(3, "Give a reason (at least 3 characters)").max(500) });
export const ZUserListQuery = z.object({
  q: z.string().trim().max(100, "Search is at most 100 characters").optional().default(""),
  page: z.coerce.number({ error: "page must be a number" }).int("page must be a whole number").min(1, "page starts at 1").max(10_000).default(1),
});
export const ZUserIdParams = z.object({ id: z.uuid("id must be a user id (UUID)") });

// ── Responses and contracts ───────────────────────────────────────────────────────────────────────

const ZTime = z.string().meta({ description: "An ISO date-time, e.g. 2026-05-28T10:00:00.000Z" });

/** A user as staff and the user themself see it: never the password hash. */
export const ZPublicUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: ZRole,
    createdAt: ZTime,
    bannedAt: ZTime.nullable(),
    silencedUntil: ZTime.nullable(),
  })
  .meta({ id: "User" });

export const ZSignedInUser = z.object({ user: z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: ZRole }) });
export const ZMessage = z.object({ message: z.string() });

const auth = contracts("Auth", "public");

export const authApi = {
  providers: auth.get("/api/v1/auth/providers", "OAuth providers switched on here, and how this server delivers mail", {
    description: '`mail` is "outbox" when mail goes to the server log and data/outbox (a local `npm start`), else "smtp".',
    response: z.object({ providers: z.array(z.object({ id: z.string(), name: z.string() })), mail: z.enum(["smtp", "outbox"]) }),
  }),
  signUp: auth.post("/api/v1/auth/sign-up", "Ask for an account: a confirmation link is mailed (the same 202 whether or not the address has an account)",
    { body: ZSignUpRequest, response: ZMessage, status: 202, limit: { name: "signUpIp", by: "ip" } }),
  confirm: auth.post("/api/v1/auth/confirm", "The mailed link's token creates the account and signs this browser in", {
    body: ZConfirmSignUpRequest,
    response: ZSignedInUser,
    status: 201,
    limit: { name: "confirmIp", by: "ip" },
    errors: { 400: "The link is invalid, expired or already used", 409: "An account with this email already exists" },
  }),
  signIn: auth.post("/api/v1/auth/sign-in", "Sign in with email and password (sets the session cookie)",
    { body: ZSignInRequest, response: ZSignedInUser, errors: { 401: "Wrong email or password" } }),
  signOut: auth.post("/api/v1/auth/sign-out", "End this device's session for good; other devices stay signed in",
    { response: z.object({ signedOut: z.literal(true) }) }),
  forgotPassword: auth.post("/api/v1/auth/forgot-password", "Mail a password reset link (the same 202 whether or not the address has an account)",
    { body: ZForgotPasswordRequest, response: ZMessage, status: 202, limit: { name: "resetIp", by: "ip" } }),
  resetPassword: auth.post("/api/v1/auth/reset-password", "Set a new password with the mailed token; every session ends", {
    body: ZResetPasswordRequest,
    response: ZMessage,
    limit: { name: "resetIp", by: "ip" },
    errors: { 400: "The link is invalid, expired or already used" },
  }),
};
