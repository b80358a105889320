"use client";

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { fetchMe } from "@/components/auth/api";
import { apiFetch } from "@/lib/client/api";
import { useOutsidePointer } from "@/components/ui/useOutsidePointer";

type TNotification = {
  id: string;
  createdAt: string;
  readAt: string | null;
  threadTitle: string;
  href: string | null;
  from: { name: string } | null;
  excerpt: string;
};
type TData = { unread: number; notifications: TNotification[] };

/** How often to ask while the tab is visible; focusing the window asks at once. */
const POLL_MS = 60_000;

const small =
  "rounded px-1 text-xs font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300";

/**
 * The bell: replies to your threads and posts, with an unread count. Renders nothing for guests.
 * Self-contained, so it can sit in the site header as well as in the discussion section.
 */
export function NotificationBell() {
  const [data, setData] = useState<TData | null>(null);
  const [open, setOpen] = useState(false);
  const signedIn = useRef(true);
  const boxRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const load = useCallback(async () => {
    if (!signedIn.current) return;
    // Guests have no notifications: ask who is signed in first (shared, one request per page).
    if (!(await fetchMe())) {
      signedIn.current = false;
      return;
    }
    const res = await apiFetch<TData>("/api/v1/notifications");
    if (res.ok) setData(res.data);
    else if (res.error.status === 401 || res.error.status === 403) {
      signedIn.current = false;
      setData(null);
    }
  }, []);

  useEffect(() => {
    const first = window.setTimeout(() => void load(), 0);
    const onFocus = () => void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void load();
    }, POLL_MS);
    window.addEventListener("focus", onFocus);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
      window.removeEventListener("focus", onFocus);
    };
  }, [load]);

  useOutsidePointer(open, boxRef, setOpen);

  async function markRead(body: { ids: string[] } | { all: true }) {
    const res = await apiFetch<{ unread: number }>("/api/v1/notifications/read", { method: "POST", body });
    if (res.ok) await load();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  if (!data) return null;
  const { unread, notifications } = data;
  return (
    <div ref={boxRef} className="relative" onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Notifications: ${unread} unread`}
        onClick={() => {
          setOpen((o) => !o);
          if (!open) void load();
        }}
        className="relative grid h-8 w-9 place-items-center rounded-md border border-[var(--border)] text-[var(--fg)] hover:bg-[var(--bg-soft)] focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 ? (
          <span
            aria-hidden="true"
            className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-bold leading-5 text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      <div
        id={panelId}
        hidden={!open}
        role="region"
        aria-label="Notifications"
        className="absolute right-0 top-full z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-md border border-[var(--border)] bg-[var(--bg)] p-2 text-sm shadow-lg"
      >
        <div className="flex items-center justify-between gap-2 px-1 pb-2">
          <p className="font-semibold">Replies to you</p>
          {unread > 0 ? (
            <button type="button" className={small} onClick={() => void markRead({ all: true })}>
              Mark all read
            </button>
          ) : null}
        </div>
        {notifications.length === 0 ? (
          <p className="px-1 pb-1 text-[var(--fg-muted)]">No replies yet.</p>
        ) : (
          <ul className="max-h-96 space-y-1 overflow-y-auto">
            {notifications.map((n) => (
              <li key={n.id} className={`rounded px-2 py-1.5 ${n.readAt ? "" : "bg-[var(--bg-soft)]"}`}>
                <p>
                  {n.readAt ? null : <span className="sr-only">Unread: </span>}
                  <span className="font-medium">{n.from?.name ?? "[deleted account]"}</span> replied in{" "}
                  {n.href ? (
                    <a
                      href={n.href}
                      className="font-medium text-brand-700 underline dark:text-brand-300"
                      onClick={() => {
                        if (!n.readAt) void markRead({ ids: [n.id] });
                        setOpen(false);
                      }}
                    >
                      {n.threadTitle}
                    </a>
                  ) : (
                    n.threadTitle
                  )}
                </p>
                <p className="truncate text-[var(--fg-muted)]">{n.excerpt}</p>
                {n.readAt ? null : (
                  <button type="button" className={small} onClick={() => void markRead({ ids: [n.id] })}>
                    Mark read
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
