"use client";

import { useCallback, useId, useState, type ButtonHTMLAttributes, type ReactNode } from "react";
import { apiFetch, type TApiResult } from "@/lib/client/api";
import { POST_BODY_CLASS, REPORT_REASON_LABELS, badgeClass, formatWhen } from "@/components/discussion/client";
import type { TReportQueue } from "@/lib/schemas/discussion-views";
import { ModStateMessage, type TModState } from "./ModeratorsOnly";
import { buttonClass, linkButtonClass } from "@/components/ui/tokens";
import { Pager } from "@/components/ui/Pager";
import { useApiGet } from "@/lib/client/useApiGet";

type TQueue = TReportQueue;
type TItem = TQueue["items"][number];
type TState = TModState<{ queue: TQueue }>;

/** The report queue (moderators and admins): open reports grouped by post, with the actions. */
export function ModQueue() {
  const [state, setState] = useState<TState>({ status: "loading" });
  const [page, setPage] = useState(1);
  const [announce, setAnnounce] = useState<string | null>(null);
  const url = `/api/v1/mod/reports?page=${page}`;

  const apply = useCallback((res: TApiResult<TQueue>) => {
    if (res.ok) setState({ status: "ready", queue: res.data });
    else if (res.error.status === 401 || res.error.status === 403)
      setState({ status: "denied", signedIn: res.error.status === 403 });
    else setState({ status: "error", message: res.error.message });
  }, []);
  const reload = useApiGet(url, apply);

  if (state.status !== "ready") return <ModStateMessage state={state} loading="Loading the queue…" next="/mod" />;

  const { queue } = state;
  return (
    <div className="mt-6">
      <p role="status" className="text-sm text-[var(--fg-muted)]">
        {announce ?? `${queue.total} ${queue.total === 1 ? "post has" : "posts have"} open reports.`}
      </p>
      {queue.items.length === 0 ? (
        <p className="mt-4 rounded-xl border border-[var(--border)] p-5">Nothing to review. The queue is empty.</p>
      ) : null}
      <ul className="mt-4 space-y-4">
        {queue.items.map((item) => (
          <li key={item.post.id}>
            <QueueItem
              item={item}
              done={(message) => {
                setAnnounce(message);
                void reload();
              }}
            />
          </li>
        ))}
      </ul>
      <Pager label="Queue pages" page={queue.page} pages={queue.pages} requested={page} onPage={setPage} className="mt-4" />
    </div>
  );
}

function QueueItem({ item, done }: { item: TItem; done: (message: string) => void }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [days, setDays] = useState("3");
  const [confirm, setConfirm] = useState<null | "remove" | "ban">(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const { post, author, thread, lesson, reports } = item;

  async function act(body: Record<string, unknown>, message: string) {
    setPending(true);
    setError(null);
    const res = await apiFetch("/api/v1/mod/actions", {
      method: "POST",
      body: { ...body, reason: reason.trim() || undefined },
    });
    setPending(false);
    setConfirm(null);
    if (res.ok) done(message);
    else {
      const fieldMessages = Object.entries(res.error.fields).map(([field, messages]) => `${field}: ${messages[0]}`);
      setError(fieldMessages.length ? fieldMessages.join(" ") : res.error.message);
    }
  }

  const postAct = (action: string, message: string) => act({ action, postId: post.id }, message);
  const threadAct = (action: string, message: string) => act({ action, threadId: thread.id }, message);
  const authorName = author?.name ?? "[deleted account]";

  return (
    <article
      aria-labelledby={`${id}-title`}
      data-post-id={post.id}
      className="rounded-xl border border-[var(--border)] p-4"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {reports.length} {reports.length === 1 ? "report" : "reports"} on a {post.depth === 0 ? "thread" : "reply"} in “
        {thread.title}”
      </h2>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-[var(--fg-muted)]">Lesson</dt>
        <dd>
          {lesson.path ? (
            <a href={`${lesson.path}#thread-${thread.id}`} className="text-brand-700 underline dark:text-brand-300">
              {lesson.title}
            </a>
          ) : (
            lesson.title
          )}
        </dd>
        <dt className="text-[var(--fg-muted)]">Author</dt>
        <dd className="flex flex-wrap items-center gap-2">
          {authorName}
          {author && author.role !== "LEARNER" ? (
            <span className={`${badgeClass} bg-brand-100 text-brand-700`}>{author.role}</span>
          ) : null}
          {author?.bannedAt ? <span className={`${badgeClass} bg-red-100 text-red-800`}>Banned</span> : null}
          {author?.silencedUntil ? (
            <span className={`${badgeClass} bg-amber-100 text-amber-900`}>
              Silenced until {formatWhen(author.silencedUntil)}
            </span>
          ) : null}
        </dd>
        <dt className="text-[var(--fg-muted)]">Post</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <span>
            posted <time dateTime={post.createdAt}>{formatWhen(post.createdAt)}</time>
            {post.editedAt ? ", edited" : ""}
          </span>
          <span
            className={`${badgeClass} ${post.status === "VISIBLE" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}
          >
            {post.status === "VISIBLE" ? "Visible" : post.status === "HIDDEN" ? "Hidden from readers" : "Removed"}
          </span>
          {post.deleted ? (
            <span className={`${badgeClass} bg-[var(--bg-soft)] ring-1 ring-[var(--border)]`}>Deleted by author</span>
          ) : null}
          {thread.locked ? (
            <span className={`${badgeClass} bg-[var(--bg-soft)] ring-1 ring-[var(--border)]`}>Thread locked</span>
          ) : null}
          {thread.pinned ? (
            <span className={`${badgeClass} bg-[var(--bg-soft)] ring-1 ring-[var(--border)]`}>Thread pinned</span>
          ) : null}
        </dd>
      </dl>
      <div
        className={`${POST_BODY_CLASS} mt-3 rounded-lg border border-[var(--border)] bg-[var(--bg-soft)] p-3`}
        dangerouslySetInnerHTML={{ __html: post.bodyHtml }}
      />
      <h3 className="mt-3 text-sm font-semibold">Reports</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {reports.map((r) => (
          <li key={r.id}>
            <span className="font-medium">{REPORT_REASON_LABELS[r.reason]}</span>
            {r.note ? <> — “{r.note}”</> : null}{" "}
            <span className="text-[var(--fg-muted)]">
              by {r.reporter.name}, <time dateTime={r.createdAt}>{formatWhen(r.createdAt)}</time>
            </span>
          </li>
        ))}
      </ul>

      <div className="mt-4 space-y-3 border-t border-[var(--border)] pt-3">
        <div>
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
            Reason (for the audit log; required to ban or silence)
          </label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            className="mt-1 block w-full rounded-md border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm text-[var(--fg)] focus-visible:outline-2 focus-visible:outline-brand-500"
          />
        </div>
        <div role="group" aria-label="Post actions" className="flex flex-wrap gap-2">
          <ActionButton pending={pending} onClick={() => postAct("dismiss", "Reports dismissed.")}>
            Dismiss reports
          </ActionButton>
          {post.status === "VISIBLE" ? (
            <ActionButton pending={pending} onClick={() => postAct("hide", "Post hidden.")}>
              Hide post
            </ActionButton>
          ) : null}
          {post.status === "HIDDEN" ? (
            <ActionButton pending={pending} onClick={() => postAct("unhide", "Post shown again.")}>
              Unhide post
            </ActionButton>
          ) : null}
          {post.status !== "REMOVED" ? (
            <ActionButton pending={pending} aria-expanded={confirm === "remove"} onClick={() => setConfirm("remove")}>
              Remove post
            </ActionButton>
          ) : null}
        </div>
        <div role="group" aria-label="Thread actions" className="flex flex-wrap gap-2">
          {THREAD_FLAGS.map(({ flag, set, unset }) => {
            const [action, label, done] = thread[flag] ? unset : set;
            return (
              <ActionButton key={flag} pending={pending} onClick={() => threadAct(action, done)}>
                {label}
              </ActionButton>
            );
          })}
        </div>
        {author ? (
          <div role="group" aria-label="Author actions" className="flex flex-wrap items-end gap-2">
            {author.silencedUntil ? (
              <ActionButton
                pending={pending}
                onClick={() => act({ action: "unsilence", userId: author.id }, `${authorName} can post again.`)}
              >
                Unsilence author
              </ActionButton>
            ) : (
              <>
                <div>
                  <label htmlFor={`${id}-days`} className="block text-sm font-medium">
                    Days
                  </label>
                  <input
                    id={`${id}-days`}
                    type="number"
                    min={1}
                    max={365}
                    value={days}
                    onChange={(e) => setDays(e.target.value)}
                    className="mt-1 block w-20 rounded-md border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm text-[var(--fg)] focus-visible:outline-2 focus-visible:outline-brand-500"
                  />
                </div>
                <ActionButton
                  pending={pending}
                  onClick={() =>
                    act({ action: "silence", userId: author.id, days }, `${authorName} is silenced for ${days} days.`)
                  }
                >
                  Silence author
                </ActionButton>
              </>
            )}
            {author.bannedAt ? (
              <ActionButton
                pending={pending}
                onClick={() => act({ action: "unban", userId: author.id }, `${authorName} is no longer banned.`)}
              >
                Unban author
              </ActionButton>
            ) : (
              <ActionButton pending={pending} aria-expanded={confirm === "ban"} onClick={() => setConfirm("ban")}>
                Ban author
              </ActionButton>
            )}
          </div>
        ) : null}
        {confirm ? (
          <div className="flex flex-wrap items-center gap-2 rounded-lg border border-red-700/40 bg-red-50 p-3 text-sm dark:bg-red-950/40">
            <span>
              {confirm === "remove"
                ? "Remove this post for good?"
                : `Ban ${authorName}? They are signed out and cannot sign in.`}
            </span>
            <button
              type="button"
              disabled={pending}
              className={buttonClass("danger", "xs")}
              onClick={() =>
                confirm === "remove"
                  ? postAct("remove", "Post removed.")
                  : act({ action: "ban", userId: author!.id }, `${authorName} is banned.`)
              }
            >
              {confirm === "remove" ? "Yes, remove" : "Yes, ban"}
            </button>
            <button type="button" className={linkButtonClass} onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </div>
        ) : null}
        <div role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </div>
      </div>
    </article>
  );
}

/** The thread's two flags as buttons: each [action, button label, what is said once done] to set or clear it. */
const THREAD_FLAGS = [
  {
    flag: "locked",
    set: ["lock", "Lock thread", "Thread locked."],
    unset: ["unlock", "Unlock thread", "Thread unlocked."],
  },
  {
    flag: "pinned",
    set: ["pin", "Pin thread", "Thread pinned."],
    unset: ["unpin", "Unpin thread", "Thread unpinned."],
  },
] as const;

/** One of a queue item's moderation actions: all look alike and wait while one is in flight. */
function ActionButton({
  pending,
  onClick,
  children,
  ...rest
}: { pending: boolean; onClick: () => void; children: ReactNode } & Pick<
  ButtonHTMLAttributes<HTMLButtonElement>,
  "aria-expanded"
>) {
  return (
    <button type="button" disabled={pending} className={buttonClass("secondary", "xs")} onClick={onClick} {...rest}>
      {children}
    </button>
  );
}
