import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-limits";

/**
 * Password rules: 8 to 128 characters, not one of the ~49,000 most common passwords (the list
 * maintained by the zxcvbn-ts project), and not the account's own email or name.
 */
export { PASSWORD_MAX, PASSWORD_MIN } from "./password-limits";

const common = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  if (common.has(lower)) return "is one of the most common passwords; choose something less guessable";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if ((local && local.length >= 4 && lower === local) || (context.email && lower === context.email.toLowerCase())) {
    return "must not be your email address";
  }
  if (context.name && lower === context.name.trim().toLowerCase()) return "must not be your name";
  return null;
}

/** Trimmed and lower-cased: one account per mailbox however it is typed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
