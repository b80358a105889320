/**
 * The house styles of buttons and links (issue 14): islands and pages take their classes from here
 * instead of repeating class strings, so a change of look is made once, in light and dark.
 */

export type TButtonTone = "primary" | "secondary" | "danger";
/** xs: inside lists and toolbars; sm: beside text; md: the main action of a form or page. */
export type TButtonSize = "xs" | "sm" | "md";

const BUTTON_BASE =
  "inline-flex items-center justify-center rounded-md font-medium focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-70";

const TONES: Record<TButtonTone, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-brand-500",
  secondary: "border border-[var(--border)] text-[var(--fg)] hover:bg-[var(--bg-soft)] focus-visible:outline-brand-500",
  danger: "bg-red-700 text-white hover:bg-red-800 focus-visible:outline-red-700",
};

const SIZES: Record<TButtonSize, string> = {
  xs: "gap-1 px-2.5 py-1 text-sm",
  sm: "gap-1 px-3 py-1.5 text-sm",
  md: "gap-1 px-4 py-2",
};

/** A button's classes (also for a link that looks like a button). */
export function buttonClass(tone: TButtonTone = "secondary", size: TButtonSize = "md"): string {
  return `${BUTTON_BASE} ${TONES[tone]} ${SIZES[size]}`;
}

/** A link inside running text. */
export const textLinkClass = "font-medium text-brand-700 underline hover:no-underline dark:text-brand-300";

/** A button that reads as a link (paging, "Reply", "Edit"). */
export const linkButtonClass =
  "rounded px-1 text-sm font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300 disabled:cursor-not-allowed disabled:opacity-70";
