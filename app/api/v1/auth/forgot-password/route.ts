import { after } from "next/server";
import { resetPasswordMail } from "@/lib/auth/mails";
import { consumeLimit } from "@/lib/db/rate-limit";
import { createPasswordReset } from "@/lib/db/users";
import { NO_STORE } from "@/lib/http/contract";
import { route } from "@/lib/http/route";
import { sendMail } from "@/lib/mail";
import { authApi } from "@/lib/schemas/auth";

const ANSWER = "If an account exists for that email, we sent a link to reset the password. It works once, for one hour.";

/**
 * The same 202 for every address, before any lookup: the token and the mail are made after the
 * response, so neither the answer nor its timing says whether the address has an account.
 */
export const POST = route(authApi.forgotPassword, async ({ body }) => {
  after(async () => {
    try {
      // per address, silently: the answer is the same whether or not the email has an account
      if (!(await consumeLimit("resetEmail", body.email)).allowed) return;
      const reset = await createPasswordReset(body.email);
      if (reset) await sendMail(resetPasswordMail(reset.user, reset.token));
    } catch (error) {
      console.error("forgot-password: the reset mail could not be sent:", error instanceof Error ? error.message : error);
    }
  });
  return { data: { message: ANSWER }, cache: NO_STORE };
});
