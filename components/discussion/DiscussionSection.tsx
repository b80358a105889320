import { snapshotMarker } from "@/lib/discussion/snapshot.mjs";
import { DiscussionIsland } from "./DiscussionIsland";
import { JoinPrompt } from "./JoinPrompt";

type Props = { lessonId: string; starterTopics: string[]; lessonPath: string };

/**
 * The discussion under a lesson. This part is static (the same HTML for every visitor): the heading,
 * the rule, and, for readers without JavaScript and crawlers, the sign-up prompt, the starter topics
 * and the newest threads, which our server puts in place of the marker as the page goes out
 * (lib/http/page-include.mjs, ADR 017). With JavaScript, the client island shows all of that live
 * (threads that open, the composer, votes), so nothing appears twice.
 */
export function DiscussionSection({ lessonId, starterTopics, lessonPath }: Props) {
  const next = encodeURIComponent(lessonPath);
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
      {/* For readers without JavaScript (and crawlers): the island below shows all of this, live. */}
      <noscript>
        <div className="mt-4">
          <JoinPrompt next={next} />
          <h3 className="mt-4 font-semibold">Newest threads</h3>
          <div
            className="text-sm [&_.lnv-snapshot-badges]:text-[var(--fg-muted)] [&_.lnv-snapshot-meta]:block [&_.lnv-snapshot-meta]:text-[var(--fg-muted)] [&_.lnv-snapshot-note]:mt-2 [&_.lnv-snapshot-note]:text-[var(--fg-muted)] [&_.lnv-snapshot-title]:font-medium [&_li]:border-b [&_li]:border-[var(--border)] [&_li]:py-2 [&_ul]:mt-1"
            // Our server replaces this comment with the threads (plain, escaped HTML); React never
            // renders it again, so the page's payload, and the hashes its CSP allows, stay the same.
            dangerouslySetInnerHTML={{ __html: snapshotMarker(lessonId) }}
          />
          <h3 className="mt-6 font-semibold">Starter discussion topics</h3>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {starterTopics.map((topic) => (
              <li key={topic}>{topic}</li>
            ))}
          </ul>
        </div>
      </noscript>
      <DiscussionIsland lessonId={lessonId} starterTopics={starterTopics} lessonPath={lessonPath} />
    </section>
  );
}
