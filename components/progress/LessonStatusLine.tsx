"use client";

import { lessonStatus, type TVersionKind } from "@/lib/domain/progress-view";
import { useProgress } from "./useProgress";

/** One reserved line under the lesson header: this learner's state of the lesson (same height in every state). */
export function LessonStatusLine({ lessonId, versions }: { lessonId: string; versions: TVersionKind[] }) {
  const view = useProgress();
  const lesson = view.lessons[lessonId];
  const status = view.ready ? lessonStatus(lesson, versions) : null;
  return (
    <p className="mt-2 h-6 overflow-hidden text-ellipsis whitespace-nowrap text-sm" data-testid="lesson-status">
      {status === "completed" ? (
        <span className="font-medium text-emerald-700 dark:text-emerald-400">✓ You completed this lesson</span>
      ) : status === "outdated" ? (
        <>
          <span className="font-medium text-amber-800 dark:text-amber-300">Completed {lesson?.completedVersion}, changed since: </span>
          <a href="#your-progress" className="font-medium text-brand-700 underline dark:text-brand-300">
            see what changed
          </a>
        </>
      ) : status === "visited" ? (
        <span className="text-[var(--fg-muted)]">In progress</span>
      ) : null}
    </p>
  );
}
