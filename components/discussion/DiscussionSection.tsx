import Link from "next/link";
import { linkClass } from "@/components/auth/FormParts";
import { snapshotMarker } from "@/lib/discussion/snapshot.mjs";
import { DiscussionIsland } from "./DiscussionIsland";

type Props = { lessonId: string; starterTopics: string[]; lessonPath: string };

/**
 * The discussion under a lesson. This part is static (the same HTML for every visitor): the heading,
 * the rule, the sign-up prompt, the starter topics and the newest threads, which our server puts in
 * place of the marker as the page goes out (lib/http/page-include.mjs, ADR 017), so a reader without
 * JavaScript, or a crawler, reads them too. The interactive discussion (threads that open, the
 * composer, votes) is a client island that fetches JSON and, once it shows, hides this static copy.
 */
export function DiscussionSection({ lessonId, starterTopics, lessonPath }: Props) {
  const next = encodeURIComponent(`${lessonPath}#discussion`);
  return (
    <section aria-labelledby="discussion" className="mt-10 max-w-3xl">
      <div className="flex items-center justify-between gap-3">
        <h2 id="discussion" className="scroll-mt-20 text-xl font-bold">
          Discussion
        </h2>
      </div>
      <p className="mt-1 text-[var(--fg-muted)]">
        Past discussion is visible to everyone. Only logged-in users can post comments and replies.
      </p>
      <div data-discussion-static="" className="mt-4">
        <p className="rounded-lg bg-[var(--bg-soft)] p-3 text-sm">
          <Link href={`/signup?next=${next}`} className={linkClass}>
            Sign up
          </Link>{" "}
          or{" "}
          <Link href={`/login?next=${next}`} className={linkClass}>
            log in
          </Link>{" "}
          to post comments and sync lesson progress across devices.
        </p>
        <h3 className="mt-4 font-semibold">Newest threads</h3>
        <div
          className="text-sm [&_.lnv-snapshot-badges]:text-[var(--fg-muted)] [&_.lnv-snapshot-meta]:block [&_.lnv-snapshot-meta]:text-[var(--fg-muted)] [&_.lnv-snapshot-note]:mt-2 [&_.lnv-snapshot-note]:text-[var(--fg-muted)] [&_.lnv-snapshot-title]:font-medium [&_li]:border-b [&_li]:border-[var(--border)] [&_li]:py-2 [&_ul]:mt-1"
          // Our server replaces this comment with the threads (plain, escaped HTML); React never
          // re-renders it, so the page's payload, and the hashes its CSP allows, stay the same.
          dangerouslySetInnerHTML={{ __html: snapshotMarker(lessonId) }}
        />
        <h3 className="mt-6 font-semibold">Starter discussion topics</h3>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {starterTopics.map((topic) => (
            <li key={topic}>{topic}</li>
          ))}
        </ul>
      </div>
      <DiscussionIsland lessonId={lessonId} starterTopics={starterTopics} lessonPath={lessonPath} />
    </section>
  );
}
