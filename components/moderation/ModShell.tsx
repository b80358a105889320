import Link from "next/link";
import type { ReactNode } from "react";

/** The static frame of the moderator pages: the same HTML for everyone; the island inside decides. */
export function ModShell({
  current,
  title,
  intro,
  children,
}: {
  current: "queue" | "audit";
  title: string;
  intro: string;
  children: ReactNode;
}) {
  const tab = (href: string, label: string, here: boolean) => (
    <Link
      href={href}
      aria-current={here ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${here ? "bg-brand-600 text-white" : "text-brand-700 hover:bg-[var(--bg-soft)] dark:text-brand-300"}`}
    >
      {label}
    </Link>
  );
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-4xl">
      <nav aria-label="Moderation" className="flex gap-2">
        {tab("/mod", "Report queue", current === "queue")}
        {tab("/mod/audit", "Audit log", current === "audit")}
      </nav>
      <h1 id="page-title" className="mt-4 text-2xl font-bold sm:text-3xl">
        {title}
      </h1>
      <p className="mt-1 text-[var(--fg-muted)]">{intro}</p>
      {children}
    </section>
  );
}
