import Link from "next/link";
import { UserMenu } from "@/components/auth/UserMenu";
import { NotificationBell } from "@/components/discussion/NotificationBell";
import { ThemeToggle } from "./ThemeToggle";

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-20 border-b border-[var(--border)] bg-[var(--bg)]/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-bold tracking-tight text-[var(--fg)]">
          <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
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
        <Link href="/search" className="ml-auto text-sm text-[var(--fg-muted)] hover:text-[var(--fg)] md:hidden">
          Search
        </Link>
        <ThemeToggle />
        <NotificationBell />
        <UserMenu />
      </div>
    </header>
  );
}
