"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { CONFIDENCE_LABELS, latestAttempt, lessonStatus, type TVersionKind } from "@/lib/domain/progress-view";
import { ChangedSince } from "./ChangedSince";
import { shortDate } from "./format";
import { MergeNotice } from "./MergeNotice";
import { recordProgress, useProgress } from "./useProgress";
import { buttonClass, textLinkClass } from "@/components/ui/tokens";

type Props = {
  lessonId: string;
  trackSlug: string;
  lessonSlug: string;
  /** The version this page shows. */
  version: string;
  currentVersion: string;
  versions: TVersionKind[];
  selfCheckCount: number;
};

/** A visit is recorded at most this often per lesson (a reload is not new activity). */
const VISIT_EVERY_MS = 30 * 60 * 1000;

/**
 * "Your progress" on the lesson page: the learner's state of this lesson, "Mark complete", and
 * what changed since an older completed version. Records the visit. Same size while loading and
 * once loaded (the changed-since block only appears for learners it concerns).
 */
export function LessonProgressPanel({ lessonId, trackSlug, lessonSlug, version, currentVersion, versions, selfCheckCount }: Props) {
  const view = useProgress();
  const lesson = view.lessons[lessonId];
  const status = lessonStatus(lesson, versions);
  const visited = useRef(false);

  useEffect(() => {
    if (!view.ready || visited.current) return;
    visited.current = true;
    const last = lesson?.visitedAt ? Date.parse(lesson.visitedAt) : 0;
    if (Date.now() - last > VISIT_EVERY_MS) void recordProgress({ kind: "visit", lessonId });
  }, [view.ready, lesson?.visitedAt, lessonId]);

  const attempt = latestAttempt(lesson);
  const known = Object.values(lesson?.selfCheck ?? {}).filter((s) => s.state === "known").length;
  const completed = status === "completed" || status === "outdated";
  const statusText = !view.ready
    ? "Loading your progress…"
    : status === "completed" || status === "outdated"
      ? `Completed ${lesson!.completedVersion} on ${shortDate(lesson!.completedAt!)}.${status === "outdated" ? " This lesson has changed since." : ""}`
      : status === "visited" && lesson?.visitedAt
        ? `In progress · last visited ${shortDate(lesson.visitedAt)}.`
        : status === "visited"
          ? "In progress."
          : "Not started yet.";
  const syncText = !view.ready
    ? "\u00a0"
    : !view.user
      ? null
      : view.pending.length > 0
        ? view.online
          ? "Saving to your account…"
          : "Offline, will sync when you are back online."
        : "Synced to your account.";

  return (
    <section aria-labelledby="your-progress" className="mt-10 min-h-[15rem] max-w-3xl rounded-xl border border-[var(--border)] p-5">
      <h2 id="your-progress" className="scroll-mt-20 text-xl font-bold">
        Your progress
      </h2>
      <p className="mt-1" data-testid="progress-status">
        {statusText}
      </p>
      <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-[var(--fg-muted)]">Quiz</dt>
          <dd>{!view.ready ? "\u00a0" : attempt ? `${attempt.score} of ${attempt.total} right first time` : "Not taken yet"}</dd>
        </div>
        <div>
          <dt className="text-[var(--fg-muted)]">Confidence</dt>
          <dd>{!view.ready ? "\u00a0" : lesson?.confidence ? CONFIDENCE_LABELS[lesson.confidence] : "Not rated"}</dd>
        </div>
        <div>
          <dt className="text-[var(--fg-muted)]">Self-check</dt>
          <dd>{!view.ready ? "\u00a0" : `${known} of ${selfCheckCount} known`}</dd>
        </div>
      </dl>
      <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2">
        {completed ? (
          <span className="inline-flex h-9 items-center font-medium text-emerald-700 dark:text-emerald-400">✓ Completed</span>
        ) : (
          <button
            type="button"
            disabled={!view.ready}
            onClick={() => void recordProgress({ kind: "complete", lessonId, version })}
            className={`h-9 ${buttonClass("primary", "sm")}`}
          >
            Mark complete
          </button>
        )}
        <Link href="/dashboard" className={`text-sm ${textLinkClass}`}>
          Your dashboard
        </Link>
        <Link href="/review" className={`text-sm ${textLinkClass}`}>
          Review queue
        </Link>
      </div>
      <p className="mt-3 text-sm text-[var(--fg-muted)]" data-testid="sync-status">
        {syncText ?? (
          <>
            Kept in this browser.{" "}
            <Link href={`/signup?next=/tracks/${trackSlug}/${lessonSlug}`} className={textLinkClass}>
              Sign up
            </Link>{" "}
            or{" "}
            <Link href={`/login?next=/tracks/${trackSlug}/${lessonSlug}`} className={textLinkClass}>
              log in
            </Link>{" "}
            to keep it on every device.
          </>
        )}
      </p>
      {status === "outdated" && lesson?.completedVersion ? (
        <ChangedSince lessonId={lessonId} trackSlug={trackSlug} lessonSlug={lessonSlug} from={lesson.completedVersion} currentVersion={currentVersion} />
      ) : null}
      <MergeNotice />
    </section>
  );
}
