"use client";

import Link from "next/link";
import { nextAfterSignIn, type TMe } from "./api";
import { rememberSignedIn } from "@/lib/client/api";
import { FormAlert, SubmitButton } from "./FormParts";
import { useApiForm } from "./useApiForm";
import { useQueryParam } from "./useQueryParam";
import { textLinkClass } from "@/components/ui/tokens";

/**
 * The page the confirmation mail links to. Opening the link changes nothing by itself (mail
 * scanners open links too): the account is created when the person presses the button.
 */
export function ConfirmSignUpForm() {
  const token = useQueryParam("token");
  const next = useQueryParam("next");
  const form = useApiForm<Record<string, never>, { user: TMe }>({
    initial: {},
    request: () => ({ url: "/api/v1/auth/confirm", body: { token: token ?? "" } }),
    onSuccess: () => {
      rememberSignedIn(true);
      window.location.assign(nextAfterSignIn(next));
      return "navigating";
    },
  });

  if (token === "") {
    return (
      <div className="mt-6 space-y-3">
        <p>This page needs the link from the confirmation email, and that link is missing here.</p>
        <p>
          <Link href="/signup" className={textLinkClass}>
            Sign up again
          </Link>
        </p>
      </div>
    );
  }

  const status = form.formError?.status;
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} className="mt-6 space-y-4">
      <FormAlert message={form.formError?.message}>
        {status === 400 || form.formError?.fields.token ? (
          <p className="mt-2">
            <Link href="/signup" className={textLinkClass}>
              Sign up again
            </Link>
          </p>
        ) : status === 409 ? (
          <p className="mt-2">
            <Link href="/login" className={textLinkClass}>
              Sign in
            </Link>{" "}
            or{" "}
            <Link href="/forgot-password" className={textLinkClass}>
              reset your password
            </Link>
          </p>
        ) : null}
      </FormAlert>
      <SubmitButton pending={form.pending} label="Create my account" pendingLabel="Creating your account…" />
    </form>
  );
}
