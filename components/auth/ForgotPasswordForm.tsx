"use client";

import { useState } from "react";
import { Field } from "./Field";
import { FormAlert, FormStatus, SubmitButton } from "./FormParts";
import { useApiForm } from "./useApiForm";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const form = useApiForm<{ email: string }, { message: string }>({
    initial: { email: "" },
    request: (body) => {
      setSent(null);
      return { url: "/api/v1/auth/forgot-password", body };
    },
    onSuccess: (data) => setSent(data.message),
  });

  return (
    <form method="post" noValidate onSubmit={form.onSubmit} className="mt-6 space-y-4">
      <FormStatus message={sent} />
      <FormAlert message={form.formError?.message} />
      <Field label="Email" type="email" autoComplete="email" required {...form.field("email")} />
      <SubmitButton pending={form.pending} label="Send reset link" pendingLabel="Sending…" />
    </form>
  );
}
