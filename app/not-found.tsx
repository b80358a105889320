import Link from "next/link";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <section className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-300">404</p>
      <h1 className="mt-2 text-3xl font-bold">We could not find that page</h1>
      <p className="mt-4 text-[var(--fg-muted)]">
        The lesson or page may have moved, or the address has a typo. Tracks and search will get you back on course.
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <Link href="/" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Browse tracks
        </Link>
        <Link href="/search" className="rounded-md border border-[var(--border)] px-4 py-2 font-medium hover:bg-[var(--bg-soft)]">
          Search lessons
        </Link>
      </div>
    </section>
  );
}
