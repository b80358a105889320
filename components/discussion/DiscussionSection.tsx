import { DiscussionIsland } from "./DiscussionIsland";

type Props = { lessonId: string; starterTopics: string[]; lessonPath: string };

/**
 * The discussion under a lesson. This part is static (the same HTML for every visitor); threads,
 * the composer and the sign-in call come from client islands that fetch JSON.
 */
export function DiscussionSection({ lessonId, starterTopics, lessonPath }: Props) {
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
      <DiscussionIsland lessonId={lessonId} starterTopics={starterTopics} lessonPath={lessonPath} />
    </section>
  );
}
