"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { apiFetch, type TApiFailure } from "@/lib/client/api";
import { BODY_MAX, TITLE_MAX, TITLE_MIN } from "@/lib/domain/discussion";
import { buttonClass } from "@/components/ui/tokens";

type Props<T> = {
  /** Shown as the form's accessible name. */
  label: string;
  withTitle?: boolean;
  initialTitle?: string;
  initialBody?: string;
  bodyLabel: string;
  submitLabel: string;
  request: (values: { title: string; body: string }) => { url: string; method: string; body: unknown };
  onDone: (data: T) => void;
  onCancel?: () => void;
};

const inputClass =
  "mt-1 block w-full rounded-md border border-[var(--border)] bg-[var(--bg)] px-3 py-2 text-[var(--fg)] placeholder:text-[var(--fg-muted)] focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500 aria-invalid:border-red-700 dark:aria-invalid:border-red-300";

/** New thread, reply or edit: posts JSON and shows the server's messages by field. */
export function Composer<T>({
  label,
  withTitle,
  initialTitle = "",
  initialBody = "",
  bodyLabel,
  submitLabel,
  request,
  onDone,
  onCancel,
}: Props<T>) {
  const id = useId();
  const [title, setTitle] = useState(initialTitle);
  const [body, setBody] = useState(initialBody);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<TApiFailure | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    (withTitle && !initialTitle ? titleRef.current : bodyRef.current)?.focus();
  }, [withTitle, initialTitle]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setFailure(null);
    const req = request({ title, body });
    const res = await apiFetch<T>(req.url, { method: req.method, body: req.body });
    setPending(false);
    if (res.ok) {
      onDone(res.data);
      return;
    }
    setFailure(res.error);
    if (res.error.fields.title) titleRef.current?.focus();
    else if (res.error.fields.body) bodyRef.current?.focus();
  }

  const titleErrors = failure?.fields.title;
  const bodyErrors = failure?.fields.body;
  const otherMessage = failure && !titleErrors && !bodyErrors ? failure.message : null;

  return (
    <form
      aria-label={label}
      onSubmit={submit}
      noValidate
      className="mt-3 space-y-3 rounded-lg border border-[var(--border)] bg-[var(--bg-soft)] p-3"
    >
      {withTitle ? (
        <div>
          <label htmlFor={`${id}-title`} className="block text-sm font-medium">
            Title
          </label>
          <input
            ref={titleRef}
            id={`${id}-title`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={TITLE_MAX + 20}
            aria-invalid={titleErrors ? true : undefined}
            aria-describedby={titleErrors ? `${id}-title-error` : `${id}-title-hint`}
            className={inputClass}
          />
          {titleErrors ? (
            <p id={`${id}-title-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
              {titleErrors[0]}
            </p>
          ) : (
            <p id={`${id}-title-hint`} className="mt-1 text-xs text-[var(--fg-muted)]">
              {TITLE_MIN}–{TITLE_MAX} characters.
            </p>
          )}
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-body`} className="block text-sm font-medium">
          {bodyLabel}
        </label>
        <textarea
          ref={bodyRef}
          id={`${id}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={5}
          aria-invalid={bodyErrors ? true : undefined}
          aria-describedby={`${bodyErrors ? `${id}-body-error ` : ""}${id}-body-hint`}
          className={`${inputClass} font-mono text-sm`}
        />
        {bodyErrors ? (
          <p id={`${id}-body-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
            {bodyErrors[0]}
          </p>
        ) : null}
        <p id={`${id}-body-hint`} className="mt-1 text-xs text-[var(--fg-muted)]">
          Markdown: **bold**, `code`, ``` code blocks ```, [links](https://…). HTML shows as text.{" "}
          {body.length.toLocaleString("en-US")} / {BODY_MAX.toLocaleString("en-US")}
        </p>
      </div>
      <div role="alert" className="text-sm text-red-700 dark:text-red-300">
        {otherMessage}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className={buttonClass("primary", "sm")}>
          {pending ? "Posting…" : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} className={buttonClass("secondary", "xs")}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
