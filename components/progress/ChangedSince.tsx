"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import type { TLessonDiff } from "@/lib/domain/diff";
import { recordProgress } from "./useProgress";
import { buttonClass } from "@/components/ui/tokens";

type Props = { lessonId: string; trackSlug: string; lessonSlug: string; from: string; currentVersion: string };

/**
 * For a learner who completed an older version before a major change: what changed (from the
 * content API's diff) and which quiz and self-check questions to redo.
 */
export function ChangedSince({ lessonId, trackSlug, lessonSlug, from, currentVersion }: Props) {
  const [diff, setDiff] = useState<TLessonDiff | null | "error">(null);

  useEffect(() => {
    let live = true;
    apiFetch<TLessonDiff>(`/api/v1/tracks/${trackSlug}/lessons/${lessonSlug}/diff?from=${encodeURIComponent(from)}`).then(
      (res) => live && setDiff(res.ok ? res.data : "error"),
    );
    return () => {
      live = false;
    };
  }, [trackSlug, lessonSlug, from]);

  const redoQuiz = diff && diff !== "error" ? diff.quiz.filter((q) => q.status !== "removed") : [];
  return (
    <div className="mt-4 rounded-lg border-l-4 border-amber-500 bg-amber-50 p-4 dark:bg-[#2a2110]" role="region" aria-labelledby="changed-since">
      <h3 id="changed-since" className="font-semibold">
        Changed since you completed {from}
      </h3>
      {diff === null ? (
        <p className="mt-1 text-sm">Loading what changed…</p>
      ) : diff === "error" ? (
        <p className="mt-1 text-sm">
          Could not load the list of changes. Compare with <a className="underline" href={`/tracks/${trackSlug}/${lessonSlug}/v/${from}`}>the version you completed</a>.
        </p>
      ) : (
        <div className="mt-2 space-y-3 text-sm">
          <ul className="list-disc space-y-1 pl-5">
            {diff.notes
              .filter((n) => n.kind === "major")
              .map((n) => (
                <li key={n.version}>
                  <strong>{n.version}:</strong> {n.note}
                </li>
              ))}
            {diff.sections.map((s) => (
              <li key={s.id}>
                {s.status === "added" ? "Added" : s.status === "removed" ? "Removed" : "Changed"} section: {s.title}
              </li>
            ))}
          </ul>
          {redoQuiz.length > 0 ? (
            <div>
              <p className="font-medium">
                Quiz questions to redo (<a href="#quiz" className="underline">go to the quiz</a>):
              </p>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {redoQuiz.map((q) => (
                  <li key={q.id}>
                    {q.title} <span className="text-[var(--fg-muted)]">({q.status})</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {diff.newSelfCheck.length > 0 ? (
            <div>
              <p className="font-medium">
                Self-check questions to redo (<a href="#self-check" className="underline">go to the self-check</a>):
              </p>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {diff.newSelfCheck.map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
      <button
        type="button"
        onClick={() => void recordProgress({ kind: "complete", lessonId, version: currentVersion })}
        className={`mt-3 bg-[var(--bg)] ${buttonClass("secondary", "sm")}`}
      >
        I have caught up: mark {currentVersion} complete
      </button>
    </div>
  );
}
