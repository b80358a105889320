import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN, normalizeEmail, passwordProblem } from "@/lib/domain/password-policy";

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
