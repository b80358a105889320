import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-[var(--border)] text-sm text-[var(--fg-muted)]">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-6">
        <p>Learn Netverks — learn a technical subject one step at a time.</p>
        <nav aria-label="Footer" className="flex gap-4">
          <Link href="/" className="hover:text-[var(--fg)]">
            Tracks
          </Link>
          <Link href="/search" className="hover:text-[var(--fg)]">
            Search
          </Link>
          <a href="/api/health" className="hover:text-[var(--fg)]">
            Status
          </a>
        </nav>
      </div>
    </footer>
  );
}
