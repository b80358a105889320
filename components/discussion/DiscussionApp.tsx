"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch, type TApiResult } from "@/lib/client/api";
import type { TSort } from "@/lib/domain/discussion";
import { Composer } from "./Composer";
import { ThreadItem } from "./ThreadItem";
import { formatWhen, type TThreadDetail, type TThreadList, type TThreadSummary } from "./client";
import { buttonClass, linkButtonClass } from "@/components/ui/tokens";
import { Pager } from "@/components/ui/Pager";
import { useApiGet } from "@/lib/client/useApiGet";
import { JoinPrompt } from "./JoinPrompt";

type Props = { lessonId: string; starterTopics: string[]; lessonPath: string };


/** The discussion under a lesson (loaded on demand by DiscussionIsland). */
export default function DiscussionApp({ lessonId, starterTopics, lessonPath }: Props) {
  const [sort, setSort] = useState<TSort>("newest");
  const [page, setPage] = useState(1);
  const [list, setList] = useState<TThreadList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [composer, setComposer] = useState<{ title: string; key: number } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  const url = `/api/v1/lessons/${lessonId}/threads?sort=${sort}&page=${page}`;
  const apply = useCallback((res: TApiResult<TThreadList>) => {
    if (res.ok) {
      setList(res.data);
      setError(null);
    } else setError(res.error.message);
  }, []);
  const load = useApiGet(url, apply);

  // A link such as a notification's (…/lesson#thread-<id>) opens that thread.
  useEffect(() => {
    const read = () => setOpenId(/^#thread-([0-9a-f-]{36})$/.exec(window.location.hash)?.[1] ?? null);
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);

  // A linked thread that is not on the page of the list shown (older, or further down the sort) is
  // fetched on its own and shown above the list.
  const [linked, setLinked] = useState<{ id: string; summary: TThreadSummary | null; error: string | null } | null>(
    null,
  );
  const linkedOffPage = openId !== null && list !== null && !list.threads.some((t) => t.id === openId);
  useEffect(() => {
    if (!linkedOffPage || !openId) return;
    let live = true;
    apiFetch<TThreadDetail>(`/api/v1/threads/${openId}`).then((res) => {
      if (!live) return;
      if (res.ok && res.data.thread.lessonId === lessonId)
        setLinked({ id: openId, summary: res.data.thread, error: null });
      else
        setLinked({
          id: openId,
          summary: null,
          error: res.ok ? "That thread belongs to another lesson." : res.error.message,
        });
    });
    return () => {
      live = false;
    };
  }, [linkedOffPage, openId, lessonId]);
  const linkedShown = linkedOffPage && linked?.id === openId ? linked : null;

  const viewer = list?.viewer ?? null;
  const canPost = viewer !== null && !viewer.silencedUntil;
  const next = encodeURIComponent(lessonPath);

  function startThread(title: string) {
    setStatus(null);
    setComposer({ title, key: Date.now() });
  }

  if (!list) {
    return (
      <div className="mt-4">
        {error ? (
          <div role="alert" className="text-sm text-red-700 dark:text-red-300">
            <p>The discussion could not be loaded: {error}</p>
            <button type="button" className={`${buttonClass("secondary", "xs")} mt-2`} onClick={() => void load()}>
              Try again
            </button>
          </div>
        ) : (
          <p className="text-[var(--fg-muted)]">Loading discussion…</p>
        )}
      </div>
    );
  }

  return (
    <div className="mt-4">
      {viewer === null ? (
        <JoinPrompt next={next} />
      ) : null}
      {viewer?.silencedUntil ? (
        <p className="rounded-lg border border-amber-500 bg-amber-50 p-3 text-sm dark:bg-[#2a2110]">
          You are silenced until {formatWhen(viewer.silencedUntil)}. You can read, vote and report, but not post.
        </p>
      ) : null}

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm">
          Sort threads
          <select
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as TSort);
              setPage(1);
            }}
            className="rounded-md border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-[var(--fg)] focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            <option value="newest">Newest</option>
            <option value="helpful">Most helpful</option>
          </select>
        </label>
        {canPost && !composer ? (
          <button type="button" className={buttonClass("primary", "sm")} onClick={() => startThread("")}>
            Start a thread
          </button>
        ) : null}
      </div>

      {composer && canPost ? (
        <Composer
          key={composer.key}
          label="Start a thread"
          withTitle
          initialTitle={composer.title}
          bodyLabel="Your question or comment"
          submitLabel="Post thread"
          request={({ title, body }) => ({
            url: `/api/v1/lessons/${lessonId}/threads`,
            method: "POST",
            body: { title, body },
          })}
          onDone={(data: { thread: { id: string } }) => {
            setComposer(null);
            setStatus("Thread posted.");
            setSort("newest");
            setPage(1);
            setOpenId(data.thread.id);
            void load();
          }}
          onCancel={() => setComposer(null)}
        />
      ) : null}
      <p role="status" className="mt-2 text-sm text-[var(--fg-muted)]">
        {status}
      </p>

      {linkedShown ? (
        <section aria-label="Linked thread" className="mt-2">
          <h3 className="text-sm font-semibold text-[var(--fg-muted)]">The thread you followed a link to</h3>
          {linkedShown.summary ? (
            <ul className="mt-2">
              <ThreadItem
                key={`linked:${linkedShown.id}`}
                summary={linkedShown.summary}
                viewer={viewer}
                sort={sort}
                initiallyOpen
                onListChanged={() => void load()}
              />
            </ul>
          ) : (
            <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
              The linked thread could not be shown: {linkedShown.error} It may have been removed; the threads of this
              lesson are below.
            </p>
          )}
        </section>
      ) : null}

      {list.total === 0 ? (
        <p className="mt-2 text-[var(--fg-muted)]">No discussion yet. Be the first to ask a question.</p>
      ) : (
        <ul aria-label="Threads" className="mt-2 space-y-3">
          {list.threads.map((t) => (
            // Keyed by whether it is the linked thread, so following a link to it opens it.
            <ThreadItem
              key={`${t.id}:${t.id === openId}`}
              summary={t}
              viewer={viewer}
              sort={sort}
              initiallyOpen={t.id === openId}
              onListChanged={() => void load()}
            />
          ))}
        </ul>
      )}
      <Pager label="Thread pages" page={list.page} pages={list.pages} requested={page} onPage={setPage} />

      <h3 className="mt-6 font-semibold">Starter discussion topics</h3>
      {canPost ? (
        <p className="text-sm text-[var(--fg-muted)]">Pick one to start a thread with it as the title.</p>
      ) : null}
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {starterTopics.map((topic) => (
          <li key={topic}>
            {canPost ? (
              <button type="button" className={linkButtonClass} onClick={() => startThread(topic)}>
                <span className="sr-only">Start a thread: </span>
                {topic}
              </button>
            ) : (
              topic
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
