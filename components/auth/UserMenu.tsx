"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { fetchMe, type TMe } from "./api";
import { apiFetch, rememberSignedIn } from "@/lib/client/api";
import { useOutsidePointer } from "@/components/ui/useOutsidePointer";

type State = { status: "loading" } | { status: "guest" } | { status: "user"; user: TMe };

/** Pages where "Sign in" should not point back at themselves. */
const AUTH_PAGES = ["/login", "/signup", "/forgot-password", "/reset-password"];

// Same box in every state, so the header never moves when the answer arrives (CLS 0). On phones
// the header is nearly full already, so the box is a 28px round button closer to the theme toggle.
const BOX = "relative -ml-2 flex h-7 w-7 shrink-0 items-center sm:ml-0 sm:w-36";

const triggerClass =
  "grid h-7 w-7 place-items-center rounded-full text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 sm:flex sm:h-7 sm:w-full sm:items-center sm:gap-1 sm:rounded-md sm:border sm:border-[var(--border)] sm:px-2 sm:hover:bg-[var(--bg-soft)]";

const itemClass =
  "block w-full rounded px-3 py-2 text-left text-sm text-[var(--fg)] hover:bg-[var(--bg-soft)] focus-visible:outline-2 focus-visible:outline-brand-500";

/** The header's account corner: "Sign in" for guests, a small menu for signed-in users. */
export function UserMenu() {
  const [state, setState] = useState<State>({ status: "loading" });
  const [open, setOpen] = useState(false);
  const [signOutError, setSignOutError] = useState(false);
  const pathname = usePathname();
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    fetchMe().then((user) => {
      if (!live) return;
      // If the server cannot be reached, offer "Sign in": it is what a guest sees.
      setState(user ? { status: "user", user } : { status: "guest" });
    });
    return () => {
      live = false;
    };
  }, []);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      close(true);
    }
  }

  // Tabbing out closes the menu. (A click leaves relatedTarget null in Safari; the listener below handles clicks.)
  function onBlur(event: FocusEvent<HTMLDivElement>) {
    const to = event.relatedTarget as Node | null;
    if (open && to && !event.currentTarget.contains(to)) setOpen(false);
  }

  useOutsidePointer(open, boxRef, setOpen);

  async function signOut() {
    setSignOutError(false);
    const res = await apiFetch("/api/v1/auth/sign-out", { method: "POST" });
    if (res.ok) {
      rememberSignedIn(false);
      window.location.reload();
    } else setSignOutError(true);
  }

  if (state.status === "loading") return <div aria-hidden="true" className={`${BOX} invisible`} />;

  if (state.status === "guest") {
    const href = AUTH_PAGES.includes(pathname) ? "/login" : `/login?next=${encodeURIComponent(pathname)}`;
    return (
      <div className={BOX}>
        <Link
          href={href}
          className={`${triggerClass} border border-[var(--border)] text-brand-700 hover:bg-[var(--bg-soft)] dark:text-brand-300 sm:justify-center`}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 sm:hidden" fill="currentColor">
            <path d="M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0H3Z" />
          </svg>
          <span className="sr-only sm:not-sr-only">Sign in</span>
        </Link>
      </div>
    );
  }

  const { user } = state;
  return (
    // Escape closes the menu and returns focus to the button.
    <div ref={boxRef} className={BOX} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        className={`${triggerClass} bg-brand-600 text-white sm:justify-between sm:bg-transparent sm:text-[var(--fg)]`}
      >
        <span aria-hidden="true" className="sm:hidden">
          {user.name.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className="sr-only sm:not-sr-only sm:min-w-0 sm:truncate">{user.name}</span>
        <span aria-hidden="true" className="hidden text-xs text-[var(--fg-muted)] sm:inline">
          ▾
        </span>
      </button>
      <div
        id={menuId}
        hidden={!open}
        className="absolute right-0 top-full z-30 mt-2 w-64 rounded-md border border-[var(--border)] bg-[var(--bg)] p-1 shadow-lg"
      >
        <p className="truncate px-3 py-2 text-xs text-[var(--fg-muted)]">
          Signed in as <span className="font-medium text-[var(--fg)]">{user.email}</span>
        </p>
        <ul>
          <li>
            <Link href="/account" className={itemClass} onClick={() => close(false)}>
              Account
            </Link>
          </li>
          {user.role === "ADMIN" ? (
            <li>
              <Link href="/admin/users" className={itemClass} onClick={() => close(false)}>
                Admin
              </Link>
            </li>
          ) : null}
          {user.role === "MODERATOR" || user.role === "ADMIN" ? (
            <li>
              <Link href="/mod" className={itemClass} onClick={() => close(false)}>
                Moderation
              </Link>
            </li>
          ) : null}
          <li className="mt-1 border-t border-[var(--border)] pt-1">
            <button type="button" className={itemClass} onClick={signOut}>
              Sign out
            </button>
          </li>
        </ul>
        <p role="alert" className="px-3 text-xs text-red-700 dark:text-red-300">
          {signOutError ? "Could not sign out. Check your connection and try again." : null}
        </p>
      </div>
    </div>
  );
}
