"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { apiFetch, type TApiResult } from "@/lib/client/api";
import type { TSort } from "@/lib/domain/discussion";
import { Composer } from "./Composer";
import { PostItem } from "./PostItem";
import { badgeClass, formatWhen, isStaff, type TThreadDetail, type TThreadSummary, type TViewerInfo } from "./client";
import { buttonClass } from "@/components/ui/tokens";
import { Pager } from "@/components/ui/Pager";
import { useApiGet } from "@/lib/client/useApiGet";

type Props = {
  summary: TThreadSummary;
  viewer: TViewerInfo;
  sort: TSort;
  initiallyOpen: boolean;
  /** The list should reload (a moderator changed a flag, the thread was deleted, …). */
  onListChanged: () => void;
};

function Badges({ thread }: { thread: TThreadSummary }) {
  return (
    <>
      {thread.pinned ? (
        <span className={`${badgeClass} bg-brand-100 text-brand-700 dark:bg-brand-700 dark:text-white`}>Pinned</span>
      ) : null}
      {thread.locked ? (
        <span className={`${badgeClass} bg-[var(--bg-soft)] text-[var(--fg)] ring-1 ring-[var(--border)]`}>Locked</span>
      ) : null}
      {thread.status !== "VISIBLE" ? (
        <span className={`${badgeClass} bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100`}>
          {thread.status === "HIDDEN" ? "Hidden from readers" : "Removed"}
        </span>
      ) : null}
    </>
  );
}

/** A thread in the list: its title toggles the thread open (fetched on demand). */
export function ThreadItem({ summary, viewer, sort, initiallyOpen, onListChanged }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const [detail, setDetail] = useState<TThreadDetail | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [replying, setReplying] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const panelId = `thread-${summary.id}-panel`;

  const url = `/api/v1/threads/${summary.id}?sort=${sort}&page=${page}`;
  const apply = useCallback((res: TApiResult<TThreadDetail>) => {
    if (res.ok) {
      setDetail(res.data);
      setError(null);
    } else setError(res.error.message);
  }, []);
  const load = useApiGet(url, apply, open);

  useEffect(() => {
    if (initiallyOpen) ref.current?.scrollIntoView({ block: "start" });
  }, [initiallyOpen]);

  const thread = detail?.thread ?? summary;
  // The opening post on its own (its replies are listed below); the same object until the next load.
  const opening = useMemo(() => (detail ? { ...detail.post, replies: [] } : null), [detail]);
  const staff = isStaff(viewer);
  const canReply = viewer !== null && !viewer.silencedUntil && (!thread.locked || staff);

  function changed(message: string) {
    setStatus(message);
    void load();
    onListChanged();
  }

  async function flag(action: "lock" | "unlock" | "pin" | "unpin") {
    const res = await apiFetch("/api/v1/mod/actions", { method: "POST", body: { action, threadId: thread.id } });
    if (res.ok)
      changed(
        `Thread ${action === "lock" ? "locked" : action === "unlock" ? "unlocked" : action === "pin" ? "pinned" : "unpinned"}.`,
      );
    else setStatus(res.error.message);
  }

  const author = thread.deleted ? "[deleted]" : thread.author ? thread.author.name : "[deleted account]";
  return (
    <li>
      <article
        ref={ref}
        id={`thread-${summary.id}`}
        aria-labelledby={`thread-${summary.id}-title`}
        className="scroll-mt-20 rounded-xl border border-[var(--border)] p-4"
      >
        <div className="flex flex-wrap items-center gap-2">
          <Badges thread={thread} />
        </div>
        <h3 id={`thread-${summary.id}-title`} className="text-lg font-semibold">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((o) => !o)}
            className="text-left hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            <span aria-hidden="true" className="mr-1 inline-block w-4 text-[var(--fg-muted)]">
              {open ? "▾" : "▸"}
            </span>
            {thread.title}
          </button>
        </h3>
        <p className="mt-1 text-sm text-[var(--fg-muted)]">
          {author} · <time dateTime={thread.createdAt}>{formatWhen(thread.createdAt)}</time> · {thread.replyCount}{" "}
          {thread.replyCount === 1 ? "reply" : "replies"} · {thread.helpfulCount} helpful
        </p>

        <div id={panelId} hidden={!open} className="mt-3 border-t border-[var(--border)] pt-2">
          {error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {error}
            </p>
          ) : null}
          {!detail && !error ? <p className="text-sm text-[var(--fg-muted)]">Loading the thread…</p> : null}
          {detail ? (
            <>
              {staff ? (
                <div
                  className="mb-2 flex flex-wrap gap-2 text-sm"
                  aria-label="Moderator tools for this thread"
                  role="group"
                >
                  <button type="button" className={buttonClass("secondary", "xs")} onClick={() => flag(thread.locked ? "unlock" : "lock")}>
                    {thread.locked ? "Unlock thread" : "Lock thread"}
                  </button>
                  <button type="button" className={buttonClass("secondary", "xs")} onClick={() => flag(thread.pinned ? "unpin" : "pin")}>
                    {thread.pinned ? "Unpin thread" : "Pin thread"}
                  </button>
                </div>
              ) : null}
              <PostItem
                post={opening!}
                isOpening
                ctx={{ threadId: thread.id, threadTitle: thread.title, locked: thread.locked, viewer, changed }}
              />
              {thread.locked ? (
                <p className="mt-1 text-sm text-[var(--fg-muted)]">This thread is locked: no new replies.</p>
              ) : null}
              {canReply ? (
                replying ? (
                  <ReplyBox
                    threadId={thread.id}
                    onDone={() => {
                      setReplying(false);
                      changed("Reply posted.");
                    }}
                    onCancel={() => setReplying(false)}
                  />
                ) : (
                  <button type="button" className={`${buttonClass("secondary", "xs")} mt-2`} onClick={() => setReplying(true)}>
                    Reply to this thread
                  </button>
                )
              ) : null}
              {detail.post.replies.length ? (
                <ul aria-label="Replies" className="mt-3 space-y-1">
                  {detail.post.replies.map((reply) => (
                    <li key={reply.id}>
                      <PostItem
                        post={reply}
                        ctx={{ threadId: thread.id, threadTitle: thread.title, locked: thread.locked, viewer, changed }}
                      />
                    </li>
                  ))}
                </ul>
              ) : null}
              <Pager label="Reply pages" page={detail.page} pages={detail.pages} requested={page} onPage={setPage} previous="Newer replies" next="More replies" />
            </>
          ) : null}
          <p role="status" className="text-sm text-[var(--fg-muted)]">
            {status}
          </p>
        </div>
      </article>
    </li>
  );
}

function ReplyBox({ threadId, onDone, onCancel }: { threadId: string; onDone: () => void; onCancel: () => void }) {
  return (
    <Composer
      label="Reply to this thread"
      bodyLabel="Your reply"
      submitLabel="Post reply"
      request={({ body }) => ({ url: `/api/v1/threads/${threadId}/posts`, method: "POST", body: { body } })}
      onDone={onDone}
      onCancel={onCancel}
    />
  );
}
