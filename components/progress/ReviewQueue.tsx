"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import type { TRating, TReviewCard } from "@/lib/domain/progress";
import { MergeNotice } from "./MergeNotice";
import { recordProgress, useProgress } from "./useProgress";
import { textLinkClass } from "@/components/ui/tokens";
import { SignInLinks } from "@/components/ui/SignInLinks";

type Queue = { status: "loading" } | { status: "error" } | { status: "ok"; items: TReviewCard[]; nextDue: string | null; scheduled: number };

const RATINGS: { value: TRating; label: string; hint: string }[] = [
  { value: 1, label: "Again", hint: "forgot it" },
  { value: 2, label: "Hard", hint: "got there slowly" },
  { value: 3, label: "Good", hint: "knew it" },
  { value: 4, label: "Easy", hint: "instantly" },
];

const buttonClass =
  "rounded-md border border-[var(--border)] px-3 py-2 text-sm font-medium hover:bg-[var(--bg-soft)] focus-visible:outline-2 focus-visible:outline-brand-500";

/** "Jun 3, 2026", or "today at 4:30 PM". */
function when(iso: string): string {
  const d = new Date(iso);
  const today = new Date();
  if (d.toDateString() === today.toDateString()) return `today at ${d.toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" })}`;
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" });
}

const Key = ({ children }: { children: React.ReactNode }) => (
  <kbd className="rounded border border-[var(--border)] bg-[var(--bg-soft)] px-1.5 py-0.5 font-mono text-xs">{children}</kbd>
);

/**
 * The review queue: items due by their FSRS schedule, one at a time. Space shows the answer,
 * 1–4 rate it; each rating is a `review` mutation through the same outbox as all progress.
 */
export function ReviewQueue() {
  // Tall from the start, so the footer is not pushed down when the queue arrives.
  return (
    <div className="flow-root min-h-[60vh]">
      <ReviewQueueBody />
    </div>
  );
}

function ReviewQueueBody() {
  const view = useProgress();
  const [queue, setQueue] = useState<Queue>({ status: "loading" });
  const [index, setIndex] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const answerRef = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);

  const [round, setRound] = useState(0);
  const load = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    if (!view.ready || !view.user) return;
    let live = true;
    apiFetch<{ items: TReviewCard[]; nextDue: string | null; scheduled: number }>("/api/v1/review").then((res) => {
      if (!live) return;
      setQueue(res.ok ? { status: "ok", ...res.data } : { status: "error" });
      setIndex(0);
      setRevealed(false);
    });
    return () => {
      live = false;
    };
  }, [view.ready, view.user, round]);

  const current = queue.status === "ok" ? queue.items[index] : undefined;

  const reveal = useCallback(() => {
    if (!current || revealed) return;
    setRevealed(true);
    // Focus moves to the answer (not to a rating button, where Space would rate).
    requestAnimationFrame(() => answerRef.current?.focus());
  }, [current, revealed]);

  const rate = useCallback(
    (rating: TRating) => {
      if (!current || !revealed) return;
      void recordProgress({ kind: "review", itemKey: current.itemKey, rating });
      setIndex((i) => i + 1);
      setRevealed(false);
      requestAnimationFrame(() => cardRef.current?.focus());
    },
    [current, revealed],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      if (e.key === " " && !revealed && current) {
        e.preventDefault();
        reveal();
      } else if (/^[1-4]$/.test(e.key) && revealed) {
        e.preventDefault();
        rate(Number(e.key) as TRating);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [current, revealed, reveal, rate]);

  if (!view.ready) return <p aria-busy="true">Loading your review queue…</p>;
  if (!view.user) {
    return (
      <div className="mt-6 rounded-xl border border-[var(--border)] p-5">
        <h2 className="text-xl font-bold">Sign in to build your review queue</h2>
        <p className="mt-2">
          Completed lessons and their interview-prep cards come back for review on a spaced schedule, so they stay fresh for the interview.
        </p>
        <SignInLinks next="/review" />
      </div>
    );
  }
  if (queue.status === "loading") return <p aria-busy="true">Loading your review queue…</p>;
  if (queue.status === "error") {
    return (
      <p role="alert" className="rounded-lg border border-red-600 p-4">
        Could not load your review queue. Check your connection and{" "}
        <button type="button" className={textLinkClass} onClick={load}>
          try again
        </button>
        .
      </p>
    );
  }

  if (!current) {
    // After ratings, the synced schedule knows the new due dates; otherwise what the server said on load.
    const now = new Date().toISOString();
    const dues = [...Object.values(view.reviews).map((r) => r.due), ...(queue.nextDue ? [queue.nextDue] : [])].filter((d) => d > now).sort();
    const next = dues[0];
    const reviewed = index > 0;
    return (
      <div className="mt-6 rounded-xl border border-[var(--border)] p-6" ref={cardRef} tabIndex={-1}>
        <p className="text-lg font-semibold" data-testid="review-empty">
          {queue.scheduled === 0 && !reviewed
            ? "Nothing scheduled yet — complete a lesson to add it and its prep cards to your reviews."
            : next
              ? `Nothing due — next review ${when(next)}`
              : "Nothing due right now."}
        </p>
        {reviewed ? <p className="mt-2 text-sm text-[var(--fg-muted)]">You reviewed {index} {index === 1 ? "item" : "items"}. Well done.</p> : null}
        <p className="mt-3 text-sm">
          <Link href="/dashboard" className={textLinkClass}>
            Your dashboard
          </Link>
        </p>
        <MergeNotice />
      </div>
    );
  }

  return (
    <div className="mt-6">
      <p className="text-sm text-[var(--fg-muted)]" aria-live="polite">
        Item {index + 1} of {queue.items.length} due · {current.type === "card" ? "Interview-prep card" : "Lesson"} from{" "}
        <Link href={current.href} className={textLinkClass}>
          {current.lessonTitle}
        </Link>
      </p>
      <div
        ref={cardRef}
        tabIndex={-1}
        aria-labelledby="review-front"
        role="region"
        className="mt-3 min-h-[16rem] rounded-xl border border-[var(--border)] bg-[var(--bg-soft)] p-6 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        <p id="review-front" className="text-xl font-semibold">
          {current.front}
        </p>
        {revealed ? (
          <div ref={answerRef} tabIndex={-1} className="mt-4 border-t border-[var(--border)] pt-4 focus:outline-none" data-testid="review-answer">
            <p>{current.back}</p>
          </div>
        ) : (
          <button type="button" onClick={reveal} className={`mt-6 ${buttonClass}`} aria-keyshortcuts="Space">
            Show answer <Key>Space</Key>
          </button>
        )}
      </div>
      <div role="group" aria-label="How well did you remember it?" className="mt-4 flex flex-wrap gap-2" hidden={!revealed}>
        {RATINGS.map((r) => (
          <button key={r.value} type="button" onClick={() => rate(r.value)} className={buttonClass} aria-keyshortcuts={String(r.value)}>
            <Key>{r.value}</Key> {r.label} <span className="font-normal text-[var(--fg-muted)]">· {r.hint}</span>
          </button>
        ))}
      </div>
      <p className="mt-4 text-sm text-[var(--fg-muted)]">
        Keyboard: <Key>Space</Key> shows the answer, then <Key>1</Key> Again, <Key>2</Key> Hard, <Key>3</Key> Good, <Key>4</Key> Easy.
      </p>
      <MergeNotice />
    </div>
  );
}
