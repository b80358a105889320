"use client";

import { useId, useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { NOTE_MAX } from "@/lib/domain/discussion";
import { REPORT_REASON_LABELS } from "./client";
import { buttonClass } from "@/components/ui/tokens";

type Reason = keyof typeof REPORT_REASON_LABELS;

/** Report a post once, with a reason (and a note, required for "Other"). */
export function ReportForm({
  postId,
  onDone,
  onCancel,
}: {
  postId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState<Reason | "">("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason) {
      setError({ field: "reason", message: "Pick a reason." });
      return;
    }
    setPending(true);
    const res = await apiFetch(`/api/v1/posts/${postId}/reports`, {
      method: "POST",
      body: { reason, note: note || undefined },
    });
    setPending(false);
    if (res.ok) return onDone("Thanks: moderators will review this post.");
    if (res.error.status === 409) return onDone(res.error.message);
    const field = Object.keys(res.error.fields)[0];
    setError({ field, message: field ? res.error.fields[field]![0]! : res.error.message });
  }

  const errorOf = (field: "reason" | "note") =>
    error?.field === field ? (
      <p id={`${id}-${field}-error`} className="mt-1 text-red-700 dark:text-red-300">
        {error.message}
      </p>
    ) : null;

  return (
    <form
      aria-label="Report this post"
      onSubmit={submit}
      noValidate
      className="mt-2 space-y-2 rounded-lg border border-[var(--border)] bg-[var(--bg-soft)] p-3 text-sm"
    >
      <fieldset aria-describedby={error?.field === "reason" ? `${id}-reason-error` : undefined}>
        <legend className="font-medium">Why are you reporting this post?</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {(Object.keys(REPORT_REASON_LABELS) as Reason[]).map((r) => (
            <label key={r} className="flex items-center gap-2">
              <input
                type="radio"
                name={`${id}-reason`}
                value={r}
                checked={reason === r}
                onChange={() => setReason(r)}
              />
              {REPORT_REASON_LABELS[r]}
            </label>
          ))}
        </div>
        {errorOf("reason")}
      </fieldset>
      <div>
        <label htmlFor={`${id}-note`} className="block font-medium">
          Note {reason === "OTHER" ? "(required)" : "(optional)"}
        </label>
        <textarea
          id={`${id}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={NOTE_MAX}
          aria-invalid={error?.field === "note" ? true : undefined}
          aria-describedby={error?.field === "note" ? `${id}-note-error` : undefined}
          className="mt-1 block w-full rounded-md border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-[var(--fg)] focus-visible:outline-2 focus-visible:outline-brand-500"
        />
        {errorOf("note")}
      </div>
      <div role="alert" className="text-red-700 dark:text-red-300">
        {error && !error.field ? error.message : null}
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={buttonClass("primary", "sm")}>
          {pending ? "Sending…" : "Send report"}
        </button>
        <button type="button" onClick={onCancel} className={buttonClass("secondary", "xs")}>
          Cancel
        </button>
      </div>
    </form>
  );
}
