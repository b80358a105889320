import type { ReactNode } from "react";

/** A page's main section, labelled by the page's one <h1>. */
export function PageSection({
  title,
  className,
  headingId = "page-title",
  children,
}: {
  title: string;
  className: string;
  headingId?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className={className}>
      <h1 id={headingId} className="text-3xl font-bold">
        {title}
      </h1>
      {children}
    </section>
  );
}
