"use client";

import { ProgressBar } from "@/components/ui/ProgressBar";
import { STATUS_LABELS, lessonStatus, trackProgress, type TVersionKind } from "@/lib/domain/progress-view";
import { ExerciseCount } from "./ExerciseCount";
import { ProgressLinks } from "./ProgressLinks";
import { MergeNotice } from "./MergeNotice";
import { useProgress } from "./useProgress";

/** The learner's percentage of a track, above the track's lesson list (a fixed-height box). */
export function TrackProgress({
  trackTitle,
  publishedIds,
  exerciseIds = {},
  capstoneIds = {},
}: {
  trackTitle: string;
  publishedIds: string[];
  /** SQL lab exercises per published lesson (lesson id -> exercise ids). */
  exerciseIds?: Record<string, string[]>;
  /** The parts' capstones' exercises (capstone id -> exercise ids), counted with the lessons'. */
  capstoneIds?: Record<string, string[]>;
}) {
  const view = useProgress();
  const p = trackProgress(publishedIds, view.lessons);
  return (
    <section aria-labelledby="track-progress" className="mt-6 rounded-xl border border-[var(--border)] p-4">
      {/* The figures sit on their own line (beside the heading from sm up) in every state: nothing moves when they arrive. */}
      <div className="text-sm sm:flex sm:items-baseline sm:justify-between sm:gap-4">
        <h2 id="track-progress" className="font-semibold">
          Your progress
        </h2>
        <p data-testid="track-percent" className="truncate text-[var(--fg-muted)] sm:w-96 sm:text-right">
          {view.ready ? `${p.completed} of ${p.published} published steps completed · ${p.percent}%` : "\u00a0"}
        </p>
      </div>
      <div className="mt-2">
        <ProgressBar percent={view.ready ? p.percent : 0} label={`${p.percent}% of the published ${trackTitle} steps completed`} />
      </div>
      <ExerciseCount exerciseIds={exerciseIds} capstoneIds={capstoneIds} className="mt-2 block text-sm" testId="track-exercises" />
      <ProgressLinks className="mt-2 text-sm" />
      <MergeNotice />
    </section>
  );
}

const TONE: Record<string, string> = {
  completed: "text-emerald-700 dark:text-emerald-400",
  outdated: "text-amber-800 dark:text-amber-300",
  visited: "text-[var(--fg-muted)]",
};

/** A lesson row's state on the track page; the slot keeps its size while loading. */
export function LessonStateBadge({ lessonId, versions }: { lessonId: string; versions: TVersionKind[] }) {
  const view = useProgress();
  const status = view.ready ? lessonStatus(view.lessons[lessonId], versions) : "not-started";
  return (
    <span className={`inline-block h-5 w-44 shrink-0 truncate text-right text-sm ${TONE[status] ?? ""}`} data-testid="lesson-state">
      {status === "not-started" ? "" : `${status === "completed" ? "✓ " : ""}${STATUS_LABELS[status]}`}
    </span>
  );
}
