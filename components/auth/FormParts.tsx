import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/tokens";

/**
 * Form-level errors. The alert region is always in the page (empty when there is nothing to
 * say), so screen readers announce the message when it appears.
 */
export function FormAlert({ message, children }: { message: string | null | undefined; children?: ReactNode }) {
  return (
    <div role="alert" className="empty:mb-0">
      {message ? (
        <div className="rounded-md border border-red-700/40 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-300/40 dark:bg-red-950/40 dark:text-red-300">
          <p>{message}</p>
          {children}
        </div>
      ) : null}
    </div>
  );
}

/** Good news (and neutral notices) in a polite live region, also always present. */
export function FormStatus({ message, children }: { message: string | null | undefined; children?: ReactNode }) {
  return (
    <div role="status" className="empty:mb-0">
      {message ? (
        <div className="rounded-md border border-green-700/40 bg-green-50 px-3 py-2 text-sm text-green-800 dark:border-green-300/40 dark:bg-green-950/40 dark:text-green-200">
          <p>{message}</p>
          {children}
        </div>
      ) : null}
    </div>
  );
}

export function SubmitButton({
  pending,
  label,
  pendingLabel,
  variant = "primary",
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "danger";
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`${buttonClass(variant === "danger" ? "danger" : "primary")} w-full sm:w-auto`}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
