"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { withNext } from "./api";
import { apiFetch } from "@/lib/client/api";
import { Field, PasswordField } from "./Field";
import { FormAlert, SubmitButton } from "./FormParts";
import { useApiForm } from "./useApiForm";
import { useQueryParam } from "./useQueryParam";
import { textLinkClass } from "@/components/ui/tokens";

/**
 * Sign-up asks for the address to be confirmed: the server answers the same for every address
 * (docs/SECURITY.md), mails a link to finish, and the account is created from that link.
 */
export function SignupForm() {
  const next = useQueryParam("next");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useApiForm<{ name: string; email: string; password: string }, { message: string }>({
    initial: { name: "", email: "", password: "" },
    request: (body) => ({ url: "/api/v1/auth/sign-up", body: { ...body, next: next ?? undefined } }),
    onSuccess: (_data, values) => setSentTo(values.email.trim()),
  });

  if (sentTo) return <CheckInbox email={sentTo} onRetry={() => setSentTo(null)} />;

  return (
    <>
      <form method="post" noValidate onSubmit={form.onSubmit} className="mt-6 space-y-4">
        <FormAlert message={form.formError?.message} />
        <Field label="Name" autoComplete="name" maxLength={60} required {...form.field("name")} />
        <Field label="Email" type="email" autoComplete="email" required {...form.field("email")} />
        <PasswordField label="Password" purpose="new" required {...form.field("password")} />
        <SubmitButton pending={form.pending} label="Create account" pendingLabel="Creating account…" />
      </form>
      <p className="mt-6 text-sm">
        Already have an account?{" "}
        <Link href={withNext("/login", next)} className={textLinkClass}>
          Sign in
        </Link>
      </p>
    </>
  );
}

function CheckInbox({ email, onRetry }: { email: string; onRetry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [localMail, setLocalMail] = useState(false);
  useEffect(() => {
    heading.current?.focus();
    void apiFetch<{ mail?: string }>("/api/v1/auth/providers").then((r) => setLocalMail(r.ok && r.data.mail === "outbox"));
  }, []);
  return (
    <div role="status" className="mt-6 space-y-3">
      <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        Check your inbox
      </h2>
      <p>
        We sent a message to <strong className="break-all">{email}</strong>. Open the link in it within one hour to finish creating your
        account. If the address already has an account, the message says so instead.
      </p>
      {localMail ? (
        <p className="rounded-md border border-[var(--border)] bg-[var(--bg-soft)] px-3 py-2 text-sm">
          This server sends no real mail (no <code>SMTP_URL</code> is set, as in a local <code>npm start</code>): the message is printed in
          the terminal where the server runs and saved in its <code>data/outbox</code> folder.
        </p>
      ) : null}
      <p className="text-sm">
        Nothing arrived after a few minutes? Check the spam folder, or{" "}
        <button type="button" onClick={onRetry} className={textLinkClass}>
          try again with another address
        </button>
        .
      </p>
    </div>
  );
}
