"use client";

import { recordProgress, useProgress } from "@/components/progress/useProgress";
import { saveStatusText } from "@/lib/domain/progress-view";

export const CONFIDENCE_LEVELS = [
  { value: 1, label: "Not yet" },
  { value: 2, label: "With my notes" },
  { value: 3, label: "Mostly" },
  { value: 4, label: "Yes, confidently" },
] as const;

/**
 * "Can you explain this lesson in 30 seconds without reading notes?" on a 4-step scale. The rating
 * goes through the progress outbox: kept in this browser for guests, synced for signed-in learners
 * (the newest rating wins across devices).
 */
export function Confidence({ lessonId }: { lessonId: string }) {
  const view = useProgress();
  const rating = view.lessons[lessonId]?.confidence ?? null;
  const pending = view.pending.some((m) => m.kind === "confidence" && m.lessonId === lessonId);
  const status = saveStatusText({ ready: view.ready, signedIn: view.user !== null, saved: rating !== null, pending, online: view.online });

  return (
    <fieldset>
      <legend className="font-medium">Can you explain this lesson in 30 seconds without reading notes?</legend>
      <div className="mt-3 flex flex-wrap gap-2">
        {CONFIDENCE_LEVELS.map((level) => (
          <label
            key={level.value}
            className="cursor-pointer rounded-lg border border-[var(--border)] px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 dark:has-[:checked]:bg-[#14233a]"
          >
            <input
              type="radio"
              name={`confidence-${lessonId}`}
              value={level.value}
              checked={rating === level.value}
              onChange={() => void recordProgress({ kind: "confidence", lessonId, rating: level.value })}
              className="sr-only"
            />
            {level.label}
          </label>
        ))}
      </div>
      <p className="mt-2 text-sm text-[var(--fg-muted)]" role="status" data-testid="confidence-status">
        {status}
      </p>
    </fieldset>
  );
}
