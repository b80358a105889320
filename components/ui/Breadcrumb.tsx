import Link from "next/link";

/**
 * The trail above a page's title: links up to the home page ("Tracks") and any levels given, then
 * the page itself, marked as the current page. The track, lesson and capstone pages use it.
 */
export function Breadcrumb({ trail = [], current }: { trail?: { href: string; label: string }[]; current: React.ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-[var(--fg-muted)]">
      {[{ href: "/", label: "Tracks" }, ...trail].map((step) => (
        <span key={step.href}>
          <Link href={step.href} className="hover:underline">
            {step.label}
          </Link>{" "}
          /{" "}
        </span>
      ))}
      <span aria-current="page">{current}</span>
    </nav>
  );
}
