import Link from "next/link";
import { buttonClass } from "@/components/ui/tokens";

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
        <Link href="/" className={buttonClass("primary")}>
          Browse tracks
        </Link>
        <Link href="/search" className={buttonClass("secondary")}>
          Search lessons
        </Link>
      </div>
    </section>
  );
}
