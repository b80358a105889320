import Link from "next/link";
import { ExerciseCount } from "@/components/progress/ExerciseCount";
import { textLinkClass } from "@/components/ui/tokens";
import type { TCapstone, TPart } from "@/lib/content";
import { capstoneHref } from "@/lib/format";

/**
 * Under the last lesson of a part: the way on to the part's capstone, with how many exercises it
 * has. The count is the same static text for everyone ("8 exercises") and becomes "2 of 8
 * exercises solved" once the page knows the learner's progress (ExerciseCount keeps its line).
 */
export function PartCapstoneLink({
  trackSlug,
  part,
  steps,
}: {
  trackSlug: string;
  part: TPart & { capstone: TCapstone };
  /** The part's first and last step, for the sentence. */
  steps: [number, number];
}) {
  const { capstone } = part;
  return (
    <section
      aria-labelledby="part-capstone"
      className="mt-10 max-w-3xl rounded-xl border-2 border-brand-500 bg-[var(--bg-soft)] p-5 dark:border-brand-300"
      data-testid="part-capstone"
    >
      <p className="text-xs font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-300">End of this part</p>
      <h2 id="part-capstone" className="mt-1 scroll-mt-20 text-xl font-bold">
        <Link href={capstoneHref(trackSlug, part.slug)} className={textLinkClass}>
          {`Part capstone: ${part.title}`}
        </Link>
      </h2>
      <p className="mt-2">
        Queries to write that mix the topics of steps {steps[0]}–{steps[1]}: each one needs more than a single lesson.
      </p>
      <ExerciseCount
        exerciseIds={{ [capstone.id]: capstone.exercises.map((x) => x.id) }}
        className="mt-1 block text-sm"
        testId="part-capstone-exercises"
      />
    </section>
  );
}
