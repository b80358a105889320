import Link from "next/link";
import { UserMenu } from "@/components/auth/UserMenu";
import { NotificationBell } from "@/components/discussion/NotificationBell";
import { ThemeToggle } from "./ThemeToggle";

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-20 border-b border-[var(--border)] bg-[var(--bg)]/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-3 py-3 sm:gap-4 sm:px-4">
        <Link
          href="/"
          className="flex items-center gap-2 whitespace-nowrap text-[0.95rem] font-bold tracking-tight text-[var(--fg)] sm:text-base"
        >
          <span
            aria-hidden="true"
            className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white"
          >
            LN
          </span>
          Learn Netverks
        </Link>
        <nav aria-label="Main" className="ml-2 hidden gap-4 text-sm sm:flex">
          <Link href="/#tracks" className="text-[var(--fg-muted)] hover:text-[var(--fg)]">
            Tracks
          </Link>
        </nav>
        <form action="/search" method="get" role="search" aria-label="Site" className="ml-auto hidden md:block">
          <label htmlFor="site-search" className="sr-only">
            Search lessons
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            placeholder="Search lessons…"
            className="w-56 rounded-md border border-[var(--border)] bg-[var(--bg-soft)] px-3 py-1.5 text-sm placeholder:text-[var(--fg-muted)] focus-visible:outline-2 focus-visible:outline-brand-500"
          />
        </form>
        <Link
          href="/search"
          title="Search lessons"
          className="ml-auto grid h-8 w-8 shrink-0 place-items-center rounded-md text-[var(--fg-muted)] hover:text-[var(--fg)] focus-visible:outline-2 focus-visible:outline-brand-500 md:hidden"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            width="18"
            height="18"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          >
            <circle cx="8.5" cy="8.5" r="5.5" />
            <path d="m13 13 4.5 4.5" strokeLinecap="round" />
          </svg>
          <span className="sr-only">Search</span>
        </Link>
        <ThemeToggle />
        {/* Kept for the bell whenever this browser was last signed in (class set before paint), so the header does not move when it loads. */}
        <div className="hidden h-8 w-9 shrink-0 [.signed-in_&]:block">
          <NotificationBell />
        </div>
        <UserMenu />
      </div>
    </header>
  );
}
