import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExerciseCount } from "@/components/progress/ExerciseCount";
import { LessonStateBadge, TrackProgress } from "@/components/progress/TrackProgress";
import { Breadcrumb } from "@/components/ui/Breadcrumb";
import { LevelBadge } from "@/components/ui/LevelBadge";
import {
  currentVersion,
  getTrack,
  getTracks,
  publishedLessons,
  type TCapstone,
  type TLesson,
  type TPart,
} from "@/lib/content";
import { capstoneHref } from "@/lib/format";

export const dynamicParams = false;

export function generateStaticParams() {
  return getTracks().map((t) => ({ track: t.slug }));
}

type Props = { params: Promise<{ track: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const track = getTrack((await params).track);
  return track ? { title: `${track.title} track`, description: track.description } : {};
}

export default async function TrackPage({ params }: Props) {
  const track = getTrack((await params).track);
  if (!track) notFound();
  const published = publishedLessons(track).length;
  return (
    <>
      <Breadcrumb current={track.title} />
      <h1 className="mt-2 text-3xl font-bold">{track.title}</h1>
      <p className="mt-3 max-w-3xl text-[var(--fg-muted)]">{track.description}</p>
      <p className="mt-2 text-sm text-[var(--fg-muted)]">
        {track.lessons.length} steps · {published} published · {track.dialect}
      </p>

      <TrackProgress
        trackTitle={track.title}
        publishedIds={publishedLessons(track).map((l) => l.id)}
        exerciseIds={Object.fromEntries(publishedLessons(track).map((l) => [l.id, l.exercises.map((x) => x.id)]))}
        capstoneIds={Object.fromEntries(track.parts.flatMap((p) => (p.capstone ? [[p.capstone.id, p.capstone.exercises.map((x) => x.id)]] : [])))}
      />

      {track.parts.length > 0 ? (
        track.parts.map((part) => (
          <section key={part.slug} aria-labelledby={`part-${part.slug}`} className="mt-8">
            <h2 id={`part-${part.slug}`} className="text-xl font-bold">
              {part.title}
            </h2>
            <ol
              className="mt-3 divide-y divide-[var(--border)] rounded-xl border border-[var(--border)]"
              aria-label={`${part.title} lessons`}
            >
              {track.lessons
                .filter((l) => part.lessons.includes(l.folder))
                .map((lesson) => (
                  <LessonRow key={lesson.id} trackSlug={track.slug} lesson={lesson} />
                ))}
              {part.capstone ? <CapstoneRow trackSlug={track.slug} part={part} capstone={part.capstone} /> : null}
            </ol>
          </section>
        ))
      ) : (
        <ol
          className="mt-8 divide-y divide-[var(--border)] rounded-xl border border-[var(--border)]"
          aria-label={`${track.title} lessons`}
        >
          {track.lessons.map((lesson) => (
            <LessonRow key={lesson.id} trackSlug={track.slug} lesson={lesson} />
          ))}
        </ol>
      )}
    </>
  );
}

/** One step of the outline: its title (a link once published), summary, progress and reading time. */
function LessonRow({ trackSlug, lesson }: { trackSlug: string; lesson: TLesson }) {
  const v = currentVersion(lesson);
  return (
    <li className="flex gap-3 px-4 py-3">
      <span className="w-14 shrink-0 pt-0.5 text-sm tabular-nums text-[var(--fg-muted)]">Step {lesson.step}</span>
      <div className="min-w-0 flex-1">
        {v ? (
          <Link href={`/tracks/${trackSlug}/${lesson.folder}`} className="font-medium hover:underline">
            {lesson.title}
          </Link>
        ) : (
          <span className="text-[var(--fg-muted)]">{lesson.title}</span>
        )}
        {v ? <p className="text-sm text-[var(--fg-muted)]">{v.summary}</p> : null}
        {v ? (
          <div className="[&>span]:w-auto [&>span]:text-left">
            <LessonStateBadge
              lessonId={lesson.id}
              versions={lesson.versions.map((x) => ({ version: x.version, kind: x.change.kind }))}
            />
          </div>
        ) : null}
        {v && lesson.exercises.length > 0 ? (
          <ExerciseCount
            exerciseIds={{ [lesson.id]: lesson.exercises.map((x) => x.id) }}
            className="block text-sm"
            testId="lesson-exercises"
          />
        ) : null}
        <p className="mt-1 flex items-center gap-3 text-sm text-[var(--fg-muted)] sm:hidden">
          <LevelBadge level={lesson.level} />
          {v ? `~${v.readingMinutes} min read` : "Coming soon"}
        </p>
      </div>
      <div className="hidden shrink-0 items-center gap-4 sm:flex">
        <LevelBadge level={lesson.level} />
        <span className="w-24 text-right text-sm text-[var(--fg-muted)]">
          {v ? `~${v.readingMinutes} min read` : "Coming soon"}
        </span>
      </div>
    </li>
  );
}

/** The entry after a part's lessons that leads to its capstone exercise set. */
function CapstoneRow({ trackSlug, part, capstone }: { trackSlug: string; part: TPart; capstone: TCapstone }) {
  return (
    <li className="flex gap-3 px-4 py-3" data-testid={`capstone-${part.slug}`}>
      <span className="w-14 shrink-0 pt-0.5 text-sm text-[var(--fg-muted)]">Capstone</span>
      <div className="min-w-0 flex-1">
        <Link href={capstoneHref(trackSlug, part.slug)} className="font-medium hover:underline">
          Capstone: {part.title}
        </Link>
        <p className="text-sm text-[var(--fg-muted)]">
          {capstone.exercises.length} exercises that mix the topics of this part.
        </p>
        <ExerciseCount
          exerciseIds={{ [capstone.id]: capstone.exercises.map((x) => x.id) }}
          className="block text-sm"
          testId="capstone-exercises"
        />
      </div>
    </li>
  );
}
