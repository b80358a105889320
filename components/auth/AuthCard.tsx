import type { ReactNode } from "react";

/** The centred card the sign-in, sign-up and password pages share (a server component). */
export function AuthCard({
  title,
  intro,
  children,
  wide = false,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <section aria-labelledby="page-title" className={`mx-auto ${wide ? "max-w-2xl" : "max-w-md"} py-4 sm:py-10`}>
      <div className="rounded-xl border border-[var(--border)] bg-[var(--bg-soft)] p-5 sm:p-8">
        <h1 id="page-title" className="text-2xl font-bold sm:text-3xl">
          {title}
        </h1>
        {intro ? <p className="mt-2 text-[var(--fg-muted)]">{intro}</p> : null}
        {children}
      </div>
    </section>
  );
}
