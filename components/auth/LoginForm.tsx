"use client";

import Link from "next/link";
import { OAuthButtons } from "./OAuthButtons";
import { nextAfterSignIn, withNext, type TMe } from "./api";
import { rememberSignedIn } from "@/lib/client/api";
import { Field, PasswordField } from "./Field";
import { FormAlert, FormStatus, SubmitButton } from "./FormParts";
import { useApiForm } from "./useApiForm";
import { useQueryParam } from "./useQueryParam";
import { textLinkClass } from "@/components/ui/tokens";

/** Notices other pages send here with `?notice=`; unknown values show nothing. */
const NOTICES: Record<string, string> = {
  "signed-out-everywhere": "You were signed out on every device. Sign in again to continue.",
};

export function LoginForm() {
  const next = useQueryParam("next");
  const noticeKey = useQueryParam("notice") ?? "";
  // own keys only: "?notice=__proto__" must not reach Object.prototype
  const notice = Object.hasOwn(NOTICES, noticeKey) ? NOTICES[noticeKey]! : null;
  // Auth.js sends failed OAuth sign-ins back here with ?error=<code>.
  const authError = useQueryParam("error") ? "Sign-in did not finish. Try again." : null;
  const form = useApiForm<{ email: string; password: string }, { user: TMe }>({
    initial: { email: "", password: "" },
    request: (body) => ({ url: "/api/v1/auth/sign-in", body }),
    onSuccess: () => {
      rememberSignedIn(true);
      window.location.assign(nextAfterSignIn(next));
      return "navigating";
    },
  });

  return (
    <>
      {/* method="post" keeps the password out of the address bar if someone submits before the script loads. */}
      <form method="post" noValidate onSubmit={form.onSubmit} className="mt-6 space-y-4">
        <FormStatus message={notice} />
        <FormAlert message={form.formError?.message ?? authError} />
        <Field label="Email" type="email" autoComplete="username" required {...form.field("email")} />
        <PasswordField label="Password" purpose="current" required {...form.field("password")} />
        <SubmitButton pending={form.pending} label="Sign in" pendingLabel="Signing in…" />
      </form>
      <OAuthButtons next={nextAfterSignIn(next)} />
      <ul className="mt-6 space-y-2 text-sm">
        <li>
          New here?{" "}
          <Link href={withNext("/signup", next)} className={textLinkClass}>
            Create an account
          </Link>
        </li>
        <li>
          <Link href="/forgot-password" className={textLinkClass}>
            Forgot your password?
          </Link>
        </li>
      </ul>
    </>
  );
}
