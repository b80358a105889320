"use client";

import { trackExerciseProgress, trackExerciseText } from "@/lib/domain/progress-view";
import { useProgress } from "./useProgress";

/**
 * How many SQL lab exercises the learner solved, out of `exerciseIds` (lesson id -> exercise ids)
 * and, for a whole track, its capstones' `capstoneIds` (capstone id -> exercise ids; the line then
 * says "(incl. capstones)"). The static HTML says how many there are ("3 exercises"); once progress
 * is known the same line says how many are solved, so nothing moves when it arrives.
 */
export function ExerciseCount({
  exerciseIds,
  capstoneIds = {},
  className = "",
  testId,
}: {
  exerciseIds: Record<string, string[]>;
  capstoneIds?: Record<string, string[]>;
  className?: string;
  testId?: string;
}) {
  const view = useProgress();
  const counts = trackExerciseProgress(exerciseIds, capstoneIds, view.ready ? view.lessons : {});
  if (counts.total === 0) return null;
  const text = view.ready
    ? trackExerciseText(counts)
    : `${counts.total} ${counts.total === 1 ? "exercise" : "exercises"}${counts.capstones.total > 0 ? " (incl. capstones)" : ""}`;
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
