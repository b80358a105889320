"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import type { TDashboard } from "@/lib/domain/progress";
import { CONFIDENCE_LABELS, activityCalendar, trackExerciseText } from "@/lib/domain/progress-view";
import { BarRows, Calibration, Columns, Heatmap } from "./charts";
import { shortDate } from "./format";
import { MergeNotice } from "./MergeNotice";
import { forgetProgress, useProgress } from "./useProgress";
import { buttonClass, textLinkClass } from "@/components/ui/tokens";
import { SignInLinks } from "@/components/ui/SignInLinks";
import { TableHead } from "@/components/ui/TableHead";

type Props = { start: { href: string; step: number; title: string } | null };
type Load = { status: "loading" } | { status: "error" } | { status: "ok"; data: TDashboard };

const sectionClass = "mt-8 rounded-xl border border-[var(--border)] p-5";
const h2Class = "text-xl font-bold";

/** The dashboard island: charts from GET /api/v1/progress/dashboard, and reset with confirmation. */
export function Dashboard(props: Props) {
  // Tall from the start, so the footer is not pushed down when the numbers arrive.
  return (
    <div className="flow-root min-h-[75vh]">
      <DashboardBody {...props} />
    </div>
  );
}

function DashboardBody({ start }: Props) {
  const view = useProgress();
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const synced = view.pending.length === 0;

  const [round, setRound] = useState(0);
  const fetchDashboard = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    // Read once signed in, again when the outbox has emptied (what was pending is now counted), and on request.
    if (!view.ready || !view.user || !synced) return;
    let live = true;
    apiFetch<TDashboard>(`/api/v1/progress/dashboard?tzOffset=${-new Date().getTimezoneOffset()}`).then(
      (res) => live && setLoad(res.ok ? { status: "ok", data: res.data } : { status: "error" }),
    );
    return () => {
      live = false;
    };
  }, [view.ready, view.user, synced, round]);

  if (!view.ready) return <p aria-busy="true">Loading your dashboard…</p>;
  if (!view.user) {
    return (
      <div className={sectionClass}>
        <h2 className={h2Class}>Sign in to see your dashboard</h2>
        <p className="mt-2">
          The dashboard shows your progress per track, your confidence ratings against your quiz results, and a year of activity, on every device
          you use.
        </p>
        <SignInLinks next="/dashboard" after=". Progress you made in this browser is merged into your account when you sign in." />
      </div>
    );
  }
  if (load.status === "loading") return <p aria-busy="true">Loading your dashboard…</p>;
  if (load.status === "error") {
    return (
      <p role="alert" className="rounded-lg border border-red-600 p-4">
        Could not load your dashboard. Check your connection and{" "}
        <button type="button" className={textLinkClass} onClick={fetchDashboard}>
          try again
        </button>
        .
      </p>
    );
  }

  const d = load.data;
  const calendar = activityCalendar(d.activity.days, d.today);
  const empty = d.started === 0 && calendar.total === 0;
  const confident = d.calibration.filter((c) => (c.confidence ?? 0) >= 3 && c.score !== null && c.total !== null && c.score < c.total);

  return (
    <>
      {empty ? (
        <p className="mt-6 rounded-xl bg-[var(--bg-soft)] p-5 text-lg" data-testid="dashboard-empty">
          No activity yet — start with step {start?.step ?? 1}
          {start ? (
            <>
              :{" "}
              <Link href={start.href} className={textLinkClass}>
                {start.title}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}

      <section aria-labelledby="by-track" className={sectionClass}>
        <h2 id="by-track" className={h2Class}>
          Progress by track
        </h2>
        <BarRows
          title="Completed published steps per track"
          summary={d.tracks.map((t) => `${t.title} ${t.completed} of ${t.published} (${t.percent}%)`).join("; ")}
          valueHeading="Completed"
          rows={d.tracks.map((t) => ({ label: t.title, value: t.completed, max: t.published, text: `${t.completed}/${t.published} · ${t.percent}%` }))}
        />
        <ul className="mt-2 text-sm">
          {d.tracks.map((t) => (
            <li key={t.slug}>
              <Link href={t.href} className={textLinkClass}>
                {t.title}
              </Link>{" "}
              <span className="text-[var(--fg-muted)]">
                · {t.lessonCount} steps in the outline, {t.published} published
                {t.exercises.total > 0 ? (
                  <span data-testid="dashboard-exercises"> · {trackExerciseText(t.exercises, { detail: true })}</span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-x-8 lg:grid-cols-2">
        <section aria-labelledby="confidence-dist" className={sectionClass}>
          <h2 id="confidence-dist" className={h2Class}>
            Confidence
          </h2>
          <p className="mt-1 text-sm text-[var(--fg-muted)]">How you rated the lessons you started: can you explain them in 30 seconds?</p>
          {d.started === 0 ? (
            <p className="mt-3">No ratings yet.</p>
          ) : (
            <Columns
              title="Confidence ratings"
              summary={[...d.confidence.counts.map((n, i) => `${CONFIDENCE_LABELS[i + 1]}: ${n}`), `not rated: ${d.confidence.unrated}`].join(", ")}
              columns={[
                ...d.confidence.counts.map((n, i) => ({ label: CONFIDENCE_LABELS[i + 1]!, value: n })),
                { label: "Not rated", value: d.confidence.unrated },
              ]}
            />
          )}
        </section>

        <section aria-labelledby="review-summary" className={sectionClass}>
          <h2 id="review-summary" className={h2Class}>
            Review
          </h2>
          <p className="mt-2">
            {d.review.scheduled === 0
              ? "Nothing scheduled yet. Completed lessons and their prep cards join your review queue."
              : `${d.review.due} of ${d.review.scheduled} items due now.`}
            {d.review.due === 0 && d.review.nextDue ? ` Next review ${shortDate(d.review.nextDue)}.` : ""}
          </p>
          <p className="mt-3">
            <Link href="/review" className={textLinkClass}>
              Open the review queue
            </Link>
          </p>
        </section>
      </div>

      <section aria-labelledby="activity" className={sectionClass}>
        <h2 id="activity" className={h2Class}>
          Activity in the last 12 months
        </h2>
        {calendar.total === 0 ? (
          <p className="mt-2" data-testid="activity-empty">
            No activity yet — start with step {start?.step ?? 1}.
          </p>
        ) : (
          <p className="mt-1 text-sm text-[var(--fg-muted)]">
            {calendar.total} changes on {calendar.activeDays} {calendar.activeDays === 1 ? "day" : "days"}.
          </p>
        )}
        <div className="mt-3">
          <Heatmap
            title="Activity in the last 12 months"
            summary={
              calendar.total === 0
                ? "no activity yet"
                : `${calendar.total} changes on ${calendar.activeDays} days; busiest day ${calendar.busiest?.date} with ${calendar.busiest?.count}`
            }
            weeks={calendar.weeks}
            months={calendar.months}
            perMonth={calendar.perMonth}
          />
        </div>
      </section>

      <section aria-labelledby="calibration" className={sectionClass}>
        <h2 id="calibration" className={h2Class}>
          Confidence against quiz results
        </h2>
        {d.calibration.length === 0 ? (
          <p className="mt-2">Rate your confidence and take the quiz in a lesson to compare them here.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-[var(--fg-muted)]">
              {confident.length === 0
                ? "No lesson where you felt confident but missed quiz questions."
                : `${confident.length} ${confident.length === 1 ? "lesson" : "lessons"} rated confident with missed quiz questions: worth another look.`}
            </p>
            <div className="mt-3 grid items-start gap-6 lg:grid-cols-[minmax(0,22rem)_1fr]">
              <Calibration
                title="Confidence against the last quiz score"
                summary={`${d.calibration.length} lessons; the table below lists each one`}
                points={d.calibration
                  .filter((c) => c.confidence !== null && c.total)
                  .map((c) => ({
                    label: `${c.title}: ${c.verdict}`,
                    confidence: c.confidence!,
                    percent: Math.round(((c.score ?? 0) / c.total!) * 100),
                    warn: c.confidence! >= 3 && (c.score ?? 0) < c.total!,
                  }))}
              />
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Confidence and last quiz result per lesson</caption>
                <TableHead
                  columns={["Lesson", "Confidence", "Last quiz", "Reading"]}
                  rowClassName="border-b border-[var(--border)]"
                  cellClassName="py-1 pr-3 last:pr-0"
                />
                <tbody>
                  {d.calibration.map((c) => (
                    <tr key={c.lessonId} className="border-b border-[var(--border)] align-top">
                      <th scope="row" className="py-1 pr-3 font-normal">
                        <Link href={c.href} className={textLinkClass}>
                          {c.title}
                        </Link>
                      </th>
                      <td className="py-1 pr-3">{c.confidence ? CONFIDENCE_LABELS[c.confidence] : "Not rated"}</td>
                      <td className="py-1 pr-3 tabular-nums">{c.total ? `${c.score} of ${c.total}` : "—"}</td>
                      <td className="py-1">{c.verdict}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <ResetProgress tracks={d.tracks} onDone={fetchDashboard} />
      <MergeNotice />
    </>
  );
}

type Target = { label: string; track?: string; lessonIds: string[] | "all" };

/** Reset one track or everything, after a confirmation dialog. */
function ResetProgress({ tracks, onDone }: { tracks: TDashboard["tracks"]; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  function ask(t: Target) {
    setTarget(t);
    setMessage("");
    dialog.current?.showModal();
  }

  async function confirm() {
    if (!target) return;
    setBusy(true);
    try {
      const res = await apiFetch(`/api/v1/progress${target.track ? `?track=${encodeURIComponent(target.track)}` : ""}`, { method: "DELETE" });
      if (!res.ok) throw res.error;
      await forgetProgress(target.lessonIds);
      setMessage(`Your ${target.label} progress was reset.`);
      onDone();
    } catch {
      setMessage("Could not reset your progress. Check your connection and try again.");
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  }

  return (
    <section aria-labelledby="reset" className={sectionClass}>
      <h2 id="reset" className={h2Class}>
        Reset progress
      </h2>
      <p className="mt-2 text-sm">
        Deletes completions, quiz attempts, confidence ratings, self-check answers and review schedules, on every device. It cannot be undone: download{" "}
        <a href="/api/v1/me/export" className={textLinkClass}>
          your data export
        </a>{" "}
        first if you want a copy.
      </p>
      <div className="mt-3 flex flex-wrap gap-3">
        {tracks.map((t) => (
          <button
            key={t.slug}
            type="button"
            onClick={() => ask({ label: t.title, track: t.slug, lessonIds: t.lessonIds })}
            className={buttonClass("secondary", "sm")}
          >
            Reset {t.title} progress…
          </button>
        ))}
        <button
          type="button"
          onClick={() => ask({ label: "entire", lessonIds: "all" })}
          className="rounded-md border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-red-400 dark:text-red-300 dark:hover:bg-[#2a1414]"
        >
          Reset everything…
        </button>
      </div>
      <p role="status" className="mt-3 min-h-6 text-sm">
        {message}
      </p>
      <dialog
        ref={dialog}
        aria-labelledby="reset-title"
        className="m-auto max-w-md rounded-xl border border-[var(--border)] bg-[var(--bg)] p-5 text-[var(--fg)] backdrop:bg-black/50"
        onClose={() => setTarget(null)}
      >
        <h3 id="reset-title" className="text-lg font-bold">
          {target?.track ? `Reset your ${target.label} progress?` : "Reset all your progress?"}
        </h3>
        <p className="mt-2 text-sm">This deletes it on every device and cannot be undone.</p>
        <div className="mt-4 flex justify-end gap-3">
          <button
            type="button"
            autoFocus
            onClick={() => dialog.current?.close()}
            className={buttonClass("secondary", "sm")}
          >
            Cancel
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => void confirm()}
            className={buttonClass("danger", "sm")}
          >
            {target?.track ? `Yes, reset ${target.label}` : "Yes, reset everything"}
          </button>
        </div>
      </dialog>
    </section>
  );
}
