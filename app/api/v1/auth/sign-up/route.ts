import { after } from "next/server";
import { confirmSignUpMail, signUpAttemptMail } from "@/lib/auth/mails";
import { consumeLimit } from "@/lib/db/rate-limit";
import { requestSignUp } from "@/lib/db/users";
import { NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { sendMail } from "@/lib/mail";
import { authApi } from "@/lib/schemas/auth";

const ANSWER = "Check your inbox: we sent a link to finish creating your account. It works once, for one hour.";

/**
 * Sign-up never says whether an address already has an account (docs/SECURITY.md): every valid
 * request within the address's limit gets the same 202, and the work happens after the response.
 * A new address gets a confirmation link (the account is created from it); the owner of an existing
 * one gets a notice instead, and nothing is created.
 */
export const POST = route(authApi.signUp, async ({ body }) => {
  after(async () => {
    try {
      // per address, silently: mail bombing someone through this form stops after a few messages
      if (!(await consumeLimit("signUpEmail", body.email)).allowed) return;
      const outcome = await requestSignUp(body);
      await sendMail(outcome.kind === "confirm" ? confirmSignUpMail(body.email, outcome.name, outcome.token, body.next) : signUpAttemptMail(body.email, outcome.name));
    } catch (error) {
      console.error("sign-up: the confirmation could not be sent:", error instanceof Error ? error.message : error);
    }
  });
  return { data: { message: ANSWER }, cache: NO_STORE };
});
