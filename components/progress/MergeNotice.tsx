"use client";

import { dismissMergeNotice, useProgress } from "./useProgress";

/**
 * "Merged N items from this browser": shown once after sign-in replayed the guest outbox into the
 * account. Fixed to the corner, so it moves nothing on the page. One per page: the page's main
 * progress island renders it.
 */
export function MergeNotice() {
  const { merged } = useProgress();
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      {merged !== null ? (
        <p className="pointer-events-auto flex items-center gap-3 rounded-lg border border-emerald-600 bg-[var(--bg)] px-4 py-3 text-sm shadow-lg">
          <span>
            Merged {merged} {merged === 1 ? "item" : "items"} from this browser into your account.
          </span>
          <button
            type="button"
            onClick={dismissMergeNotice}
            className="rounded px-2 py-1 font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300"
          >
            Dismiss
          </button>
        </p>
      ) : null}
    </div>
  );
}
