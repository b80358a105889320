"use client";

import { useEffect, useState } from "react";

export const CONFIDENCE_LEVELS = [
  { value: 1, label: "Not yet" },
  { value: 2, label: "With my notes" },
  { value: 3, label: "Mostly" },
  { value: 4, label: "Yes, confidently" },
] as const;

type Stored = { rating: number; at: string };

const key = (lessonId: string) => `lnv:confidence:${lessonId}`;

/**
 * "Can you explain this lesson in 30 seconds without reading notes?" on a 4-step scale.
 * Kept in this browser for now; the progress sync stores it on the server for signed-in learners.
 */
export function Confidence({ lessonId }: { lessonId: string }) {
  const [stored, setStored] = useState<Stored | null>(null);

  useEffect(() => {
    try {
      const raw = localStorage.getItem(key(lessonId));
      // Read once on mount: localStorage is not available during the static render.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (raw) setStored(JSON.parse(raw) as Stored);
    } catch {
      // unreadable or blocked storage: start unsaved
    }
  }, [lessonId]);

  function rate(rating: number) {
    const next = { rating, at: new Date().toISOString() };
    try {
      localStorage.setItem(key(lessonId), JSON.stringify(next));
      setStored(next);
    } catch {
      setStored(null);
    }
  }

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
              checked={stored?.rating === level.value}
              onChange={() => rate(level.value)}
              className="sr-only"
            />
            {level.label}
          </label>
        ))}
      </div>
      <p className="mt-2 text-sm text-[var(--fg-muted)]" role="status" data-testid="confidence-status">
        {stored ? "Saved in this browser." : "Not saved yet."}
      </p>
    </fieldset>
  );
}
