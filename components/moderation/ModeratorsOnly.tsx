import Link from "next/link";

/** What signed-out visitors and learners see on the moderator pages. */
export function ModeratorsOnly({ signedIn, next }: { signedIn: boolean; next: string }) {
  return (
    <div className="mt-6 rounded-xl border border-[var(--border)] bg-[var(--bg-soft)] p-5">
      <h2 className="text-lg font-bold">Moderators only</h2>
      {signedIn ? (
        <p className="mt-1">Your account does not have the moderator role, so this page is not available to you.</p>
      ) : (
        <p className="mt-1">
          This page is for moderators.{" "}
          <Link
            href={`/login?next=${encodeURIComponent(next)}`}
            className="font-medium text-brand-700 underline dark:text-brand-300"
          >
            Sign in
          </Link>{" "}
          with a moderator account to see it.
        </p>
      )}
    </div>
  );
}

/** A moderator page's data: loading, refused (signed out or not a moderator), failed, or ready with T. */
export type TModState<T> =
  | { status: "loading" }
  | { status: "denied"; signedIn: boolean }
  | { status: "error"; message: string }
  | ({ status: "ready" } & T);

/** What a moderator page shows until its data is ready. */
export function ModStateMessage({
  state,
  loading,
  next,
}: {
  state: Exclude<TModState<object>, { status: "ready" }>;
  loading: string;
  next: string;
}) {
  if (state.status === "loading") return <p className="mt-6 text-[var(--fg-muted)]">{loading}</p>;
  if (state.status === "denied") return <ModeratorsOnly signedIn={state.signedIn} next={next} />;
  return (
    <p role="alert" className="mt-6 text-red-700 dark:text-red-300">
      {state.message}
    </p>
  );
}
