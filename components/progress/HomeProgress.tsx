"use client";

import Link from "next/link";
import { ProgressBar } from "@/components/ui/ProgressBar";
import { continueTarget, trackProgress, type TOutlineTrack } from "@/lib/domain/progress-view";
import { ProgressLinks } from "./ProgressLinks";
import { MergeNotice } from "./MergeNotice";
import { useProgress } from "./useProgress";

const buttonClass = "inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700";

/** "Continue where you left off" on the home page, in a box that keeps its size while loading. */
export function HomeProgress({ tracks }: { tracks: TOutlineTrack[] }) {
  const view = useProgress();
  const target = continueTarget(tracks, view.lessons);
  const first = tracks[0]?.lessons.find((l) => l.published);
  let text: React.ReactNode = "\u00a0";
  let action: React.ReactNode = null;
  if (view.ready) {
    if (target.kind === "resume" || target.kind === "next") {
      const href = `/tracks/${target.track.slug}/${target.lesson.slug}`;
      text = (
        <>
          {target.kind === "resume" ? "You were reading" : "Next up"}: <strong>Step {target.lesson.step} · {target.lesson.title}</strong>{" "}
          <span className="text-[var(--fg-muted)]">({target.track.title})</span>
        </>
      );
      action = (
        <Link href={href} className={buttonClass}>
          {target.kind === "resume" ? "Continue" : "Go to the next step"}
        </Link>
      );
    } else if (target.kind === "done") {
      text = `Every published step of ${target.track.title} is done. New steps are on the way.`;
    } else if (first && tracks[0]) {
      text = `No activity yet — start with step ${first.step}: ${first.title}.`;
      action = (
        <Link href={`/tracks/${tracks[0].slug}/${first.slug}`} className={buttonClass}>
          Start with step {first.step}
        </Link>
      );
    }
  }
  return (
    <section aria-labelledby="continue-heading" className="mt-8 rounded-xl border border-[var(--border)] p-5">
      <h2 id="continue-heading" className="text-xl font-bold">
        Continue where you left off
      </h2>
      {/* Same structure in every state (two lines of text reserved on phones, one button row, one link row), so nothing moves when it loads. */}
      <p className="mt-2 min-h-[3.2rem] sm:min-h-[1.6rem]" data-testid="continue">
        {text}
      </p>
      <div className="mt-3 h-9">{action}</div>
      <ProgressLinks className="mt-3 text-sm" />
      <MergeNotice />
    </section>
  );
}

/** The learner's bar inside a track card on the home page. */
export function TrackCardProgress({ trackTitle, publishedIds }: { trackTitle: string; publishedIds: string[] }) {
  const view = useProgress();
  const p = trackProgress(publishedIds, view.lessons);
  return (
    <div className="mt-4 h-11">
      <p className="text-sm text-[var(--fg-muted)]">{view.ready ? `Your progress: ${p.completed} of ${p.published} published steps (${p.percent}%)` : "\u00a0"}</p>
      <div className="mt-1">
        <ProgressBar percent={view.ready ? p.percent : 0} label={`Your progress in ${trackTitle}: ${p.percent}% of the published steps completed`} />
      </div>
    </div>
  );
}
