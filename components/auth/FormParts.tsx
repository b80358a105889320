import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/tokens";

const MESSAGE_TONES = {
  alert:
    "rounded-md border border-red-700/40 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-300/40 dark:bg-red-950/40 dark:text-red-300",
  status:
    "rounded-md border border-green-700/40 bg-green-50 px-3 py-2 text-sm text-green-800 dark:border-green-300/40 dark:bg-green-950/40 dark:text-green-200",
};

type TFormMessage = { message: string | null | undefined; children?: ReactNode };

/**
 * A live region that is always in the page (empty when there is nothing to say), so screen
 * readers announce the message when it appears.
 */
function FormMessage({ role, message, children }: TFormMessage & { role: keyof typeof MESSAGE_TONES }) {
  return (
    <div role={role} className="empty:mb-0">
      {message ? (
        <div className={MESSAGE_TONES[role]}>
          <p>{message}</p>
          {children}
        </div>
      ) : null}
    </div>
  );
}

/** Form-level errors, in an assertive (alert) region. */
export function FormAlert(props: TFormMessage) {
  return <FormMessage role="alert" {...props} />;
}

/** Good news (and neutral notices) in a polite live region. */
export function FormStatus(props: TFormMessage) {
  return <FormMessage role="status" {...props} />;
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
