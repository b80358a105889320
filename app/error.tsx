"use client";

import Link from "next/link";
import { buttonClass } from "@/components/ui/tokens";

/** Shown when rendering a page throws; the digest lets support find the server log line. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-red-700 dark:text-red-300">Something went wrong</p>
      <h1 className="mt-2 text-3xl font-bold">This page could not be shown</h1>
      <p className="mt-4 text-[var(--fg-muted)]">
        It is not something you did. Try again; if it keeps happening, your lesson progress is safe and you can come back
        later.
      </p>
      {error.digest ? <p className="mt-2 text-xs text-[var(--fg-muted)]">Reference: {error.digest}</p> : null}
      <div className="mt-8 flex justify-center gap-3">
        <button type="button" onClick={reset} className={buttonClass("primary")}>
          Try again
        </button>
        <Link href="/" className={buttonClass("secondary")}>
          Go home
        </Link>
      </div>
    </section>
  );
}
