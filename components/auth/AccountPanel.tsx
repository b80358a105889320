"use client";

import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import { ROLE_LABELS, formatDay, type TMe } from "./api";
import { apiFetch, rememberSignedIn } from "@/lib/client/api";
import { Field, PasswordField } from "./Field";
import { FormAlert, FormStatus, SubmitButton } from "./FormParts";
import { useApiForm } from "./useApiForm";
import { buttonClass } from "@/components/ui/tokens";

type State =
  { status: "loading" } | { status: "error"; message: string } | { status: "guest" } | { status: "user"; user: TMe };

function Section({
  id,
  title,
  children,
  danger = false,
}: {
  id: string;
  title: string;
  children: ReactNode;
  danger?: boolean;
}) {
  return (
    <section
      aria-labelledby={id}
      className={`rounded-xl border p-5 sm:p-6 ${danger ? "border-red-700/50 dark:border-red-300/40" : "border-[var(--border)]"}`}
    >
      <h2 id={id} className={`text-xl font-bold ${danger ? "text-red-700 dark:text-red-300" : ""}`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Everything personal on /account; the page itself is the same static shell for everyone. */
export function AccountPanel() {
  const [state, setState] = useState<State>({ status: "loading" });

  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    apiFetch<{ user: TMe | null }>("/api/v1/me").then((res) => {
      if (!live) return;
      if (!res.ok) setState({ status: "error", message: res.error.message });
      else setState(res.data.user ? { status: "user", user: res.data.user } : { status: "guest" });
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  if (state.status === "loading") {
    return (
      <p role="status" className="mt-6 text-[var(--fg-muted)]">
        Loading your account…
      </p>
    );
  }

  if (state.status === "error") {
    return (
      <div className="mt-6 space-y-4">
        <FormAlert message={state.message} />
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => {
            setState({ status: "loading" });
            setAttempt((n) => n + 1);
          }}
        >
          Try again
        </button>
      </div>
    );
  }

  if (state.status === "guest") {
    return (
      <div className="mt-6 rounded-xl border border-[var(--border)] p-6">
        <h2 className="text-xl font-bold">You are signed out</h2>
        <p className="mt-2 text-[var(--fg-muted)]">
          Sign in to see your account, change your password or download your data.
        </p>
        <Link href="/login?next=%2Faccount" className={`${buttonClass("primary")} mt-4`}>
          Sign in
        </Link>
      </div>
    );
  }

  const { user } = state;
  return (
    <div className="mt-6 space-y-6">
      <Section id="account-profile" title="Profile">
        <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-[var(--fg-muted)]">Name</dt>
          <dd className="break-words">{user.name}</dd>
          <dt className="font-medium text-[var(--fg-muted)]">Email</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="font-medium text-[var(--fg-muted)]">Role</dt>
          <dd>{ROLE_LABELS[user.role] ?? user.role}</dd>
          <dt className="font-medium text-[var(--fg-muted)]">Member since</dt>
          <dd>{formatDay(user.createdAt)}</dd>
        </dl>
      </Section>
      {user.hasPassword ? <ChangePassword /> : null}
      <SignOutEverywhere />
      <Section id="account-data" title="Your data">
        <p className="mt-2 text-[var(--fg-muted)]">A copy of everything stored about you, as a JSON file.</p>
        <a href="/api/v1/me/export" download className={`${buttonClass("secondary")} mt-4`}>
          Download my data (JSON)
        </a>
      </Section>
      <DeleteAccount />
    </div>
  );
}

function ChangePassword() {
  const [done, setDone] = useState<string | null>(null);
  const form = useApiForm<{ currentPassword: string; newPassword: string }, { message: string }>({
    initial: { currentPassword: "", newPassword: "" },
    request: (body) => {
      setDone(null);
      return { url: "/api/v1/me/password", body };
    },
    onSuccess: (data) => setDone(data.message),
    resetOnSuccess: true,
  });
  return (
    <Section id="account-password" title="Change password">
      <form method="post" noValidate onSubmit={form.onSubmit} className="mt-4 space-y-4">
        <FormStatus message={done} />
        <FormAlert message={form.formError?.message} />
        <PasswordField label="Current password" purpose="current" required {...form.field("currentPassword")} />
        <PasswordField label="New password" purpose="new" required {...form.field("newPassword")} />
        <SubmitButton pending={form.pending} label="Change password" pendingLabel="Changing password…" />
      </form>
    </Section>
  );
}

function SignOutEverywhere() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function signOutEverywhere() {
    setPending(true);
    setError(null);
    const res = await apiFetch("/api/v1/me/sessions", { method: "DELETE" });
    if (res.ok) {
      // A full load, so the header and every island see the signed-out state.
      rememberSignedIn(false);
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/login?notice=signed-out-everywhere");
      return;
    }
    setError(res.error.message);
    setPending(false);
  }
  return (
    <Section id="account-sessions" title="Sign out of all devices">
      <p className="mt-2 text-[var(--fg-muted)]">
        Ends every session, including this one: use it if you signed in on a shared computer or lost a device.
      </p>
      <div className="mt-4 space-y-4">
        <FormAlert message={error} />
        <button type="button" onClick={signOutEverywhere} disabled={pending} className={buttonClass("secondary")}>
          {pending ? "Signing out…" : "Sign out of all devices"}
        </button>
      </div>
    </Section>
  );
}

function DeleteAccount() {
  const form = useApiForm<{ password: string; confirm: string }, { deleted: true }>({
    initial: { password: "", confirm: "" },
    validate: (v) => (v.confirm !== "DELETE" ? { confirm: "Type DELETE in capital letters to confirm." } : null),
    // Accounts that only sign in with GitHub have no password: the server then needs none.
    request: (v) => ({
      url: "/api/v1/me",
      method: "DELETE",
      body: { password: v.password || undefined, confirm: v.confirm },
    }),
    onSuccess: () => {
      // A full load, so the header and every island see the signed-out state.
      rememberSignedIn(false);
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/");
      return "navigating";
    },
  });
  return (
    <Section id="account-delete" title="Delete account" danger>
      <p className="mt-2">
        This permanently deletes your account: your name, email and password, any linked sign-in (such as GitHub),
        pending password reset links and everything else saved with the account. Records of moderation actions are kept
        without your name. You will be signed out, and this cannot be undone.
      </p>
      <p className="mt-2 text-[var(--fg-muted)]">Want a copy first? Use “Download my data” above.</p>
      <form method="post" noValidate onSubmit={form.onSubmit} className="mt-4 space-y-4">
        <FormAlert message={form.formError?.message} />
        <PasswordField
          label="Your password"
          purpose="current"
          hint="Leave empty if you only sign in with GitHub."
          {...form.field("password")}
        />
        <Field
          label="Type DELETE to confirm"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          {...form.field("confirm")}
        />
        <SubmitButton
          pending={form.pending}
          label="Delete my account"
          pendingLabel="Deleting account…"
          variant="danger"
        />
      </form>
    </Section>
  );
}
