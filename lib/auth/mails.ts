import { safeNextPath } from "@/lib/format";
import { siteLink, type TMail } from "@/lib/mail";

/** The messages the account flows send. Every link is on the configured public origin (lib/mail.ts). */

export function resetPasswordMail(user: { email: string; name: string }, token: string): TMail {
  const link = siteLink(`/reset-password?token=${encodeURIComponent(token)}`);
  return {
    to: user.email,
    subject: "Reset your Learn Netverks password",
    text: `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset your password. Open this link within one hour:\n\n${link}\n\nIf you did not ask, ignore this message: your password stays the same.\n`,
  };
}

export function confirmSignUpMail(to: string, name: string, token: string, next = "/"): TMail {
  const back = safeNextPath(next);
  const link = siteLink(`/signup/confirm?token=${encodeURIComponent(token)}${back === "/" ? "" : `&next=${encodeURIComponent(back)}`}`);
  return {
    to,
    subject: "Confirm your Learn Netverks account",
    text: `Hello ${name},\n\nOpen this link within one hour to finish creating your account:\n\n${link}\n\nIf you did not sign up, ignore this message: no account is created without the link.\n`,
  };
}

export function signUpAttemptMail(to: string, name: string): TMail {
  return {
    to,
    subject: "A sign-up attempt with your address",
    text: `Hello ${name},\n\nSomeone (perhaps you) tried to create a Learn Netverks account with this address, which already has one. Nothing was changed.\n\nSign in: ${siteLink("/login")}\nForgot your password? ${siteLink("/forgot-password")}\n\nIf it was not you, you can ignore this message.\n`,
  };
}
