"use client";

import { useProgress } from "@/components/progress/useProgress";
import { solvedExercises } from "@/lib/domain/progress";

const ENGINES = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;

/** "Solved on SQLite" beside an exercise's button, from the learner's progress (empty until known). */
export function ExerciseSolvedMark({ lessonId, exerciseId }: { lessonId: string; exerciseId: string }) {
  const view = useProgress();
  const solved = view.ready ? solvedExercises(view.lessons[lessonId])[exerciseId] : undefined;
  return (
    <span className="lab-solved" data-testid={`exercise-solved-${exerciseId}`}>
      {solved ? `✓ Solved on ${ENGINES[solved.engine]}` : ""}
    </span>
  );
}
