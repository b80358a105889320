"use client";

import { useId, type InputHTMLAttributes } from "react";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/domain/password-limits";
import type { TFieldProps } from "./useApiForm";

type Props = TFieldProps & {
  label: string;
  hint?: string;
  /** Set when something else needs to find the input (to focus it); otherwise generated. */
  id?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "value" | "onChange" | "id">;

export const inputClass =
  "mt-1 block w-full rounded-md border border-[var(--border)] bg-[var(--bg)] px-3 py-2 text-[var(--fg)] placeholder:text-[var(--fg-muted)] focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500 aria-invalid:border-red-700 dark:aria-invalid:border-red-300 disabled:opacity-70";

/** A labelled input whose hint and errors are tied to it with aria-describedby. */
export function Field({
  label,
  hint,
  id: fixedId,
  name,
  value,
  onChange,
  errors,
  inputRef,
  className,
  ...input
}: Props) {
  const generatedId = useId();
  const id = fixedId ?? generatedId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        {...input}
        ref={inputRef}
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-[var(--fg-muted)]">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <div id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {errors!.map((message, i) => (
            <p key={i}>{message}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** The rule a new password must meet (lib/domain/password-policy.ts checks it on the server), under every field that sets one. */
const NEW_PASSWORD_HINT = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters; common passwords are refused`;

/**
 * A password input. `new`: choosing one (browsers offer to generate and save it; the policy is its
 * hint); `confirm`: the new one typed again; `current`: the one the account has.
 */
export function PasswordField({
  purpose,
  hint,
  ...props
}: Omit<Props, "type" | "autoComplete"> & { purpose: "new" | "confirm" | "current" }) {
  return (
    <Field
      {...props}
      type="password"
      autoComplete={purpose === "current" ? "current-password" : "new-password"}
      hint={hint ?? (purpose === "new" ? NEW_PASSWORD_HINT : undefined)}
    />
  );
}
