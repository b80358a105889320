import { NextResponse } from "next/server";
import { consumeLimit } from "@/lib/db/rate-limit";
import { createPasswordReset } from "@/lib/db/users";
import { route } from "@/lib/http/route";
import { appUrl, sendMail } from "@/lib/mail";
import { ZForgotPasswordRequest } from "@/lib/schemas/auth";

const ANSWER = "If an account exists for that email, we sent a link to reset the password. It works once, for one hour.";

export const POST = route({ body: ZForgotPasswordRequest, limit: { name: "resetIp", by: "ip" } }, async ({ req, body }) => {
  // Per-address limit is silent: the answer is the same whether or not the email has an account.
  const perEmail = await consumeLimit("resetEmail", body.email);
  if (perEmail.allowed) {
    const reset = await createPasswordReset(body.email);
    if (reset) {
      const link = `${appUrl(req)}/reset-password?token=${encodeURIComponent(reset.token)}`;
      await sendMail({
        to: reset.user.email,
        subject: "Reset your Learn Netverks password",
        text: `Hello ${reset.user.name},\n\nSomeone (hopefully you) asked to reset your password. Open this link within one hour:\n\n${link}\n\nIf you did not ask, ignore this message: your password stays the same.\n`,
      });
    }
  }
  return NextResponse.json({ message: ANSWER }, { status: 202 });
});
