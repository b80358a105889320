import Link from "next/link";

type Props = { lessonId: string; starterTopics: string[]; lessonPath: string };

/** The discussion under a lesson. */
export function DiscussionSection({ starterTopics, lessonPath }: Props) {
  const next = encodeURIComponent(lessonPath);
  return (
    <section aria-labelledby="discussion" className="mt-10 max-w-3xl">
      <h2 id="discussion" className="scroll-mt-20 text-xl font-bold">
        Discussion
      </h2>
      <p className="mt-1 text-[var(--fg-muted)]">
        Past discussion is visible to everyone. Only logged-in users can post comments and replies.
      </p>
      <h3 className="mt-4 font-semibold">Starter discussion topics</h3>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {starterTopics.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <p className="mt-4 rounded-lg bg-[var(--bg-soft)] p-3 text-sm">
        <Link href={`/signup?next=${next}`} className="font-medium text-brand-700 underline dark:text-brand-300">
          Sign up
        </Link>{" "}
        or{" "}
        <Link href={`/login?next=${next}`} className="font-medium text-brand-700 underline dark:text-brand-300">
          log in
        </Link>{" "}
        to post comments and sync lesson progress across devices.
      </p>
      <p className="mt-4 text-[var(--fg-muted)]">No discussion yet. Be the first to ask a question.</p>
    </section>
  );
}
