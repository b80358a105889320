"use client";

import { recordProgress, useProgress } from "./useProgress";

const buttonClass =
  "rounded-md border border-[var(--border)] px-2.5 py-1 text-sm hover:bg-[var(--bg-soft)] focus-visible:outline-2 focus-visible:outline-brand-500 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:font-medium dark:aria-pressed:bg-[#14233a]";

/** "Did you know it?" under a self-check answer: stored as the self-check state of the lesson. */
export function SelfCheckMark({ lessonId, index }: { lessonId: string; index: number }) {
  const view = useProgress();
  const state = view.lessons[lessonId]?.selfCheck[String(index)]?.state;
  const mark = (next: "known" | "unsure") => void recordProgress({ kind: "selfCheck", lessonId, index, state: next });
  return (
    <div role="group" aria-label={`Question ${index + 1}: did you know it?`} className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-[var(--fg-muted)]">Did you know it?</span>
      <button type="button" aria-pressed={state === "known"} onClick={() => mark("known")} className={buttonClass}>
        Knew it
      </button>
      <button type="button" aria-pressed={state === "unsure"} onClick={() => mark("unsure")} className={buttonClass}>
        Not sure
      </button>
    </div>
  );
}
