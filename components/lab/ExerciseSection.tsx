import type { TLessonExercise } from "@/lib/content/load";
import { ExerciseSolvedMark } from "./ExerciseSolvedMark";

const DIFFICULTY: Record<TLessonExercise["difficulty"], string> = { easy: "Easy", medium: "Medium", hard: "Hard" };

/**
 * A lesson's "write the query" exercises, in the static HTML: title, difficulty and prompt for
 * everyone (and search engines), and a button that opens the lab's exercise panel under the prompt
 * (components/lab/ExercisePanel.tsx, loaded on first use by LabIsland). The reference query, hints
 * and wrong answers are not in the page: the panel fetches them from the content API. The prompts
 * arrive as HTML (lib/content/lesson-html.ts).
 */
export function ExerciseSection({
  lessonId,
  exercises,
  prompts,
  datasetOf = "the lesson's dataset",
}: {
  /** A lesson's id, or a capstone's: solved exercises are stored under it. */
  lessonId: string;
  exercises: TLessonExercise[];
  /** Each exercise's prompt as HTML, rendered in lib/content. */
  prompts: string[];
  /** Where the tasks run, in the intro sentence. */
  datasetOf?: string;
}) {
  return (
    <section aria-labelledby="exercises" className="mt-10 max-w-3xl">
      <h2 id="exercises" className="scroll-mt-20 text-xl font-bold">
        Write the query
      </h2>
      <p className="mt-1 text-sm text-[var(--fg-muted)]">
        Each task runs in your browser on {datasetOf}. Check compares your result with a reference query&apos;s, on this
        data and on a hidden second version of it.
      </p>
      <ol className="mt-4 space-y-4">
        {exercises.map((x, i) => (
          <li key={x.id}>
            <article
              className="lab-exercise rounded-xl border border-[var(--border)] p-4"
              aria-labelledby={`exercise-${x.id}`}
              data-lab-exercise={x.id}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 id={`exercise-${x.id}`} className="font-semibold">
                  <span className="text-[var(--fg-muted)]">Exercise {i + 1}. </span>
                  {x.title}
                </h3>
                <span className={`lab-difficulty lab-difficulty-${x.difficulty}`}>{DIFFICULTY[x.difficulty]}</span>
              </div>
              <p className="mt-2" dangerouslySetInnerHTML={{ __html: prompts[i]! }} />
              <div className="lab-bar mt-3">
                <button type="button" className="lab-btn" data-lab-action="start">
                  Write your query<span className="sr-only"> for exercise {i + 1}</span>
                </button>
                <ExerciseSolvedMark lessonId={lessonId} exerciseId={x.id} />
              </div>
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}
