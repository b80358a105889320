"use client";

import { exerciseCountText, exerciseProgress } from "@/lib/domain/progress-view";
import { useProgress } from "./useProgress";

/**
 * How many SQL lab exercises the learner solved, out of `exerciseIds` (lesson id -> exercise ids).
 * The static HTML says how many there are ("3 exercises"); once progress is known the same line
 * says how many are solved, so nothing moves when it arrives.
 */
export function ExerciseCount({
  exerciseIds,
  className = "",
  testId,
}: {
  exerciseIds: Record<string, string[]>;
  className?: string;
  testId?: string;
}) {
  const view = useProgress();
  const counts = exerciseProgress(exerciseIds, view.ready ? view.lessons : {});
  if (counts.total === 0) return null;
  const text = view.ready
    ? exerciseCountText(counts)
    : `${counts.total} ${counts.total === 1 ? "exercise" : "exercises"}`;
  const done = view.ready && counts.solved === counts.total;
  return (
    <span
      className={`${className} ${done ? "text-emerald-700 dark:text-emerald-400" : "text-[var(--fg-muted)]"}`}
      data-testid={testId}
    >
      {done ? "✓ " : ""}
      {text}
    </span>
  );
}
