import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { capstoneExercisesUrl } from "@/components/lab/data";
import { ExerciseSection } from "@/components/lab/ExerciseSection";
import { LabIsland } from "@/components/lab/LabIsland";
import { Breadcrumb } from "@/components/ui/Breadcrumb";
import { getCapstone, getTracks } from "@/lib/content";
import { exercisePromptsHtml } from "@/lib/content/lesson-html";
import { lessonHref } from "@/lib/format";

export const dynamicParams = false;

export function generateStaticParams() {
  return getTracks().flatMap((t) => t.parts.filter((p) => p.capstone).map((p) => ({ track: t.slug, part: p.slug })));
}

type Props = { params: Promise<{ track: string; part: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { track, part } = await params;
  const found = getCapstone(track, part);
  return found
    ? {
        title: `Capstone: ${found.part.title} — ${found.track.title}`,
        description: `Exercises that mix the topics of the ${found.track.title} track's part "${found.part.title}".`,
      }
    : {};
}

/**
 * A part's capstone: the part's exercises in the same panel as a lesson's (static HTML, the lab
 * loaded on first use), recorded under the capstone's id.
 */
export default async function CapstonePage({ params }: Props) {
  const { track: trackSlug, part: partSlug } = await params;
  const found = getCapstone(trackSlug, partSlug);
  if (!found) notFound();
  const { track, part, lessons } = found;
  const first = lessons[0]!.step;
  const last = lessons.at(-1)!.step;
  const nextPart = track.parts[track.parts.indexOf(track.parts.find((p) => p.slug === part.slug)!) + 1];
  const nextLesson = nextPart && track.lessons.find((l) => l.folder === nextPart.lessons[0] && l.versions.length > 0);
  const datasets = [...new Set(part.capstone.exercises.map((x) => x.dataset))];
  const datasetOf = datasets.length === 1 ? `the ${datasets[0]} dataset` : `the ${datasets.join(" and ")} datasets`;
  return (
    <>
      <Breadcrumb trail={[{ href: `/tracks/${track.slug}`, label: track.title }]} current={`Capstone: ${part.title}`} />
      <h1 className="mt-2 text-3xl font-bold">Capstone: {part.title}</h1>
      <p className="mt-3 max-w-3xl text-[var(--fg-muted)]">
        Tasks that mix the topics of steps {first}–{last} of the {track.title} track. Each one needs more than a single
        lesson: if one stalls you, its hints point at the idea to look up again.
      </p>
      <ol className="mt-3 flex max-w-3xl flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={`Lessons of ${part.title}`}>
        {lessons.map((l) => (
          <li key={l.id}>
            {l.versions.length > 0 ? (
              <Link href={lessonHref(track.slug, l.folder)} className="hover:underline">
                {l.step}. {l.title}
              </Link>
            ) : (
              <span className="text-[var(--fg-muted)]">
                {l.step}. {l.title}
              </span>
            )}
          </li>
        ))}
      </ol>

      <LabIsland
        key={part.capstone.id}
        track={track.slug}
        lesson={`capstones/${part.slug}`}
        lessonId={part.capstone.id}
        version="capstone"
        dataset={part.capstone.dataset}
        exercisesUrl={capstoneExercisesUrl(track.slug, part.slug)}
      />
      <ExerciseSection
        lessonId={part.capstone.id}
        exercises={part.capstone.exercises}
        prompts={await exercisePromptsHtml(part.capstone.exercises)}
        datasetOf={datasetOf}
      />

      <nav
        aria-label="Capstone navigation"
        className="mt-10 flex max-w-3xl flex-wrap justify-between gap-4 border-t border-[var(--border)] pt-4 text-sm"
      >
        <Link href={`/tracks/${track.slug}`} className="hover:underline">
          ← All {track.title} steps
        </Link>
        {nextPart && nextLesson ? (
          <Link href={lessonHref(track.slug, nextLesson.folder)} className="hover:underline">
            Next part, {nextPart.title}: {nextLesson.title} →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
