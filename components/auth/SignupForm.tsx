"use client";

import Link from "next/link";
import { nextAfterSignIn, rememberSignedIn, withNext, type TMe } from "./api";
import { Field } from "./Field";
import { FormAlert, SubmitButton, linkClass } from "./FormParts";
import { useApiForm } from "./useApiForm";
import { useQueryParam } from "./useQueryParam";

export function SignupForm() {
  const next = useQueryParam("next");
  const form = useApiForm<{ name: string; email: string; password: string }, { user: TMe }>({
    initial: { name: "", email: "", password: "" },
    request: (body) => ({ url: "/api/v1/auth/sign-up", body }),
    // "An account with this email already exists…" belongs under the email.
    statusField: { 409: "email" },
    onSuccess: () => {
      rememberSignedIn(true);
      window.location.assign(nextAfterSignIn(next));
      return "navigating";
    },
  });

  return (
    <>
      <form method="post" noValidate onSubmit={form.onSubmit} className="mt-6 space-y-4">
        <FormAlert message={form.formError?.message} />
        <Field label="Name" autoComplete="name" maxLength={60} required {...form.field("name")} />
        <Field label="Email" type="email" autoComplete="email" required {...form.field("email")} />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="8 to 128 characters; common passwords are refused"
          required
          {...form.field("password")}
        />
        <SubmitButton pending={form.pending} label="Create account" pendingLabel="Creating account…" />
      </form>
      <p className="mt-6 text-sm">
        Already have an account?{" "}
        <Link href={withNext("/login", next)} className={linkClass}>
          Sign in
        </Link>
      </p>
    </>
  );
}
