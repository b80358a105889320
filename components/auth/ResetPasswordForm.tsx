"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { PasswordField } from "./Field";
import { FormAlert, SubmitButton } from "./FormParts";
import { useApiForm } from "./useApiForm";
import { useQueryParam } from "./useQueryParam";
import { textLinkClass } from "@/components/ui/tokens";

export function ResetPasswordForm() {
  // null until hydrated: render the form meanwhile, so a normal visit does not jump.
  const token = useQueryParam("token");
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const form = useApiForm<{ password: string; confirm: string }, { message: string }>({
    initial: { password: "", confirm: "" },
    validate: (v) => (v.password && v.confirm !== v.password ? { confirm: "The two passwords do not match." } : null),
    request: (v) => ({ url: "/api/v1/auth/reset-password", body: { token: token ?? "", password: v.password } }),
    onSuccess: (data) => setDone(data.message),
  });

  // The form goes away on success: put focus on the message instead of losing it.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (done) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status" className="mt-6 focus:outline-none">
        <p className="rounded-md border border-green-700/40 bg-green-50 px-3 py-2 text-sm text-green-800 dark:border-green-300/40 dark:bg-green-950/40 dark:text-green-200">
          {done}
        </p>
        <p className="mt-4">
          <Link href="/login" className={textLinkClass}>
            Sign in
          </Link>
        </p>
      </div>
    );
  }

  if (token === "") {
    return (
      <div className="mt-6 space-y-3">
        <p>This page needs the link from the password reset email, and that link is missing here.</p>
        <p>
          <Link href="/forgot-password" className={textLinkClass}>
            Ask for a new reset link
          </Link>
        </p>
      </div>
    );
  }

  // 400: the token is invalid, expired or used; 422 about the token only (malformed link) too.
  const tokenProblem = form.formError && (form.formError.status === 400 || form.formError.fields.token);

  return (
    <form method="post" noValidate onSubmit={form.onSubmit} className="mt-6 space-y-4">
      <FormAlert message={form.formError?.message}>
        {tokenProblem ? (
          <p className="mt-2">
            <Link href="/forgot-password" className={textLinkClass}>
              Ask for a new reset link
            </Link>
          </p>
        ) : null}
      </FormAlert>
      <PasswordField label="New password" purpose="new" required {...form.field("password")} />
      <PasswordField label="Confirm new password" purpose="confirm" required {...form.field("confirm")} />
      <SubmitButton pending={form.pending} label="Change password" pendingLabel="Changing password…" />
    </form>
  );
}
