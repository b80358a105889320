"use client";

import { useState, type ReactNode } from "react";
import { apiFetch } from "@/lib/client/api";
import { Composer } from "./Composer";
import { ReportForm } from "./ReportForm";
import { POST_BODY_CLASS, badgeClass, formatWhen, isStaff, type TPostView, type TViewerInfo } from "./client";
import { linkButtonClass } from "@/components/ui/tokens";

type Open = null | "reply" | "edit" | "report" | "delete" | "remove";

export type TPostContext = {
  threadId: string;
  threadTitle: string;
  locked: boolean;
  viewer: TViewerInfo;
  /** Reload the thread after a change; `message` is announced. */
  changed: (message: string) => void;
};

function AuthorLine({ post }: { post: TPostView }) {
  if (post.deleted) return <span className="font-semibold text-[var(--fg-muted)]">[deleted]</span>;
  if (!post.author) return <span className="font-semibold text-[var(--fg-muted)]">[deleted account]</span>;
  return (
    <>
      <span className="font-semibold">{post.author.name}</span>
      {post.author.role !== "LEARNER" ? (
        <span className={`${badgeClass} bg-brand-100 text-brand-700 dark:bg-brand-700 dark:text-white`}>
          {post.author.role === "ADMIN" ? "Admin" : "Moderator"}
        </span>
      ) : null}
    </>
  );
}

/** A post action that opens its panel under the post (reply, edit, delete, report, remove), or closes it again. */
function PanelToggle({
  panel,
  open,
  onToggle,
  children,
}: {
  panel: Exclude<Open, null>;
  open: Open;
  onToggle: (panel: Open) => void;
  children: ReactNode;
}) {
  return (
    <button type="button" aria-expanded={open === panel} onClick={() => onToggle(panel)} className={linkButtonClass}>
      {children}
    </button>
  );
}

/** One post with its actions, then its replies (nested up to depth 3). */
export function PostItem({
  post,
  ctx,
  isOpening = false,
}: {
  post: TPostView;
  ctx: TPostContext;
  isOpening?: boolean;
}) {
  const [open, setOpen] = useState<Open>(null);
  const [voting, setVoting] = useState(false);
  const [vote, setVote] = useState({ count: post.helpfulCount, mine: post.votedByMe });
  const [reported, setReported] = useState(post.reportedByMe);
  const [note, setNote] = useState<string | null>(null);
  // A reload of the thread brings fresh counts; open forms stay open.
  const [shown, setShown] = useState(post);
  if (shown !== post) {
    setShown(post);
    setVote({ count: post.helpfulCount, mine: post.votedByMe });
    setReported(post.reportedByMe);
  }
  const { viewer } = ctx;
  const staff = isStaff(viewer);
  const silenced = Boolean(viewer?.silencedUntil);
  const canWrite = viewer !== null && !silenced && (!ctx.locked || staff);
  const toggle = (what: Open) => setOpen((o) => (o === what ? null : what));
  /** A composer's text was saved: close it (unless another panel was opened meanwhile) and say so. */
  const sent = (panel: Open, message: string) => {
    setOpen((o) => (o === panel ? null : o));
    ctx.changed(message);
  };

  async function toggleVote() {
    setVoting(true);
    const res = await apiFetch<{ vote: { helpfulCount: number; votedByMe: boolean } }>(
      `/api/v1/posts/${post.id}/vote`,
      { method: vote.mine ? "DELETE" : "PUT" },
    );
    setVoting(false);
    if (res.ok) setVote({ count: res.data.vote.helpfulCount, mine: res.data.vote.votedByMe });
    else setNote(res.error.message);
  }

  async function act(path: string, method: string, body: unknown, message: string) {
    const res = await apiFetch(path, { method, body });
    setOpen(null);
    if (res.ok) ctx.changed(message);
    else setNote(res.error.message);
  }

  const moderate = (action: "hide" | "unhide" | "remove", message: string) =>
    act("/api/v1/mod/actions", "POST", { action, postId: post.id }, message);

  return (
    <>
      <article
        id={`post-${post.id}`}
        aria-label={
          isOpening
            ? "Opening post"
            : `Reply by ${post.deleted ? "[deleted]" : (post.author?.name ?? "[deleted account]")}`
        }
        className="py-2"
      >
        <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <AuthorLine post={post} />
          <span className="text-[var(--fg-muted)]">
            <time dateTime={post.createdAt}>{formatWhen(post.createdAt)}</time>
            {post.editedAt && !post.deleted ? (
              <>
                {" · "}
                <span>
                  edited <time dateTime={post.editedAt}>{formatWhen(post.editedAt)}</time>
                </span>
              </>
            ) : null}
          </span>
          {post.status !== "VISIBLE" ? (
            <span className={`${badgeClass} bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100`}>
              {post.status === "HIDDEN" ? "Hidden from readers" : "Removed"}
            </span>
          ) : null}
        </header>
        {post.deleted ? (
          <p className="mt-1 text-[var(--fg-muted)] italic">[deleted]</p>
        ) : (
          <div className={`${POST_BODY_CLASS} mt-1`} dangerouslySetInnerHTML={{ __html: post.bodyHtml ?? "" }} />
        )}

        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          {viewer && !post.mine && !post.deleted ? (
            <button
              type="button"
              aria-pressed={vote.mine}
              disabled={voting}
              onClick={toggleVote}
              className={linkButtonClass}
            >
              {vote.mine ? "Helpful ✓" : "Helpful"} ({vote.count})
            </button>
          ) : (
            <span className="text-[var(--fg-muted)]">{vote.count} found this helpful</span>
          )}
          {canWrite ? (
            <PanelToggle panel="reply" open={open} onToggle={toggle}>
              Reply
            </PanelToggle>
          ) : null}
          {post.mine && !post.deleted && canWrite ? (
            <PanelToggle panel="edit" open={open} onToggle={toggle}>
              Edit
            </PanelToggle>
          ) : null}
          {post.mine && !post.deleted ? (
            <PanelToggle panel="delete" open={open} onToggle={toggle}>
              Delete
            </PanelToggle>
          ) : null}
          {viewer && !post.mine && !post.deleted ? (
            reported ? (
              <span className="text-[var(--fg-muted)]">Reported</span>
            ) : (
              <PanelToggle panel="report" open={open} onToggle={toggle}>
                Report
              </PanelToggle>
            )
          ) : null}
          {staff ? (
            <span className="flex flex-wrap gap-x-3 border-l border-[var(--border)] pl-3">
              {post.status === "VISIBLE" ? (
                <button type="button" onClick={() => moderate("hide", "Post hidden.")} className={linkButtonClass}>
                  Hide
                </button>
              ) : null}
              {post.status === "HIDDEN" ? (
                <button
                  type="button"
                  onClick={() => moderate("unhide", "Post shown again.")}
                  className={linkButtonClass}
                >
                  Unhide
                </button>
              ) : null}
              {post.status !== "REMOVED" ? (
                <PanelToggle panel="remove" open={open} onToggle={toggle}>
                  Remove
                </PanelToggle>
              ) : null}
            </span>
          ) : null}
        </div>
        <p role="status" className="text-sm text-[var(--fg-muted)]">
          {note}
        </p>

        {open === "delete" || open === "remove" ? (
          <div className="mt-2 flex flex-wrap items-center gap-2 rounded-lg border border-[var(--border)] bg-[var(--bg-soft)] p-3 text-sm">
            <span>
              {open === "delete"
                ? "Delete this post? Replies stay; it shows as [deleted]."
                : "Remove this post for good? Readers will no longer see it."}
            </span>
            <button
              type="button"
              onClick={() =>
                open === "delete"
                  ? act(
                      isOpening ? `/api/v1/threads/${ctx.threadId}` : `/api/v1/posts/${post.id}`,
                      "DELETE",
                      undefined,
                      "Post deleted.",
                    )
                  : moderate("remove", "Post removed.")
              }
              className="rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
            >
              {open === "delete" ? "Yes, delete" : "Yes, remove"}
            </button>
            <button type="button" onClick={() => setOpen(null)} className={linkButtonClass}>
              Keep it
            </button>
          </div>
        ) : null}
        {open === "reply" ? (
          <Composer
            label="Write a reply"
            bodyLabel="Your reply"
            submitLabel="Post reply"
            request={({ body }) => ({
              url: `/api/v1/threads/${ctx.threadId}/posts`,
              method: "POST",
              body: { body, parentId: post.id },
            })}
            onDone={() => sent("reply", "Reply posted.")}
            onCancel={() => setOpen(null)}
          />
        ) : null}
        {open === "edit" ? (
          <Composer
            label={isOpening ? "Edit your thread" : "Edit your reply"}
            withTitle={isOpening}
            initialTitle={ctx.threadTitle}
            initialBody={post.body ?? ""}
            bodyLabel={isOpening ? "Your question" : "Your reply"}
            submitLabel="Save changes"
            request={({ title, body }) =>
              isOpening
                ? { url: `/api/v1/threads/${ctx.threadId}`, method: "PATCH", body: { title, body } }
                : { url: `/api/v1/posts/${post.id}`, method: "PATCH", body: { body } }
            }
            onDone={() => sent("edit", "Changes saved.")}
            onCancel={() => setOpen(null)}
          />
        ) : null}
        {open === "report" ? (
          <ReportForm
            postId={post.id}
            onDone={(message) => {
              setOpen(null);
              setReported(true);
              setNote(message);
            }}
            onCancel={() => setOpen(null)}
          />
        ) : null}
      </article>
      {post.replies.length ? (
        <ul className="ml-2 space-y-1 border-l-2 border-[var(--border)] pl-3 sm:ml-4 sm:pl-4">
          {post.replies.map((reply) => (
            <li key={reply.id}>
              <PostItem post={reply} ctx={ctx} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
