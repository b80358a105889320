import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExerciseCount } from "@/components/progress/ExerciseCount";
import { LessonStateBadge, TrackProgress } from "@/components/progress/TrackProgress";
import { LevelBadge } from "@/components/ui/LevelBadge";
import { currentVersion, getTrack, getTracks, publishedLessons } from "@/lib/content";

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
      <nav aria-label="Breadcrumb" className="text-sm text-[var(--fg-muted)]">
        <Link href="/" className="hover:underline">
          Tracks
        </Link>{" "}
        / <span aria-current="page">{track.title}</span>
      </nav>
      <h1 className="mt-2 text-3xl font-bold">{track.title}</h1>
      <p className="mt-3 max-w-3xl text-[var(--fg-muted)]">{track.description}</p>
      <p className="mt-2 text-sm text-[var(--fg-muted)]">
        {track.lessons.length} steps · {published} published · {track.dialect}
      </p>

      <TrackProgress
        trackTitle={track.title}
        publishedIds={publishedLessons(track).map((l) => l.id)}
        exerciseIds={Object.fromEntries(publishedLessons(track).map((l) => [l.id, l.exercises.map((x) => x.id)]))}
      />

      <ol className="mt-8 divide-y divide-[var(--border)] rounded-xl border border-[var(--border)]" aria-label={`${track.title} lessons`}>
        {track.lessons.map((lesson) => {
          const v = currentVersion(lesson);
          return (
            <li key={lesson.id} className="flex gap-3 px-4 py-3">
              <span className="w-14 shrink-0 pt-0.5 text-sm tabular-nums text-[var(--fg-muted)]">Step {lesson.step}</span>
              <div className="min-w-0 flex-1">
                {v ? (
                  <Link href={`/tracks/${track.slug}/${lesson.folder}`} className="font-medium hover:underline">
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
                  <ExerciseCount exerciseIds={{ [lesson.id]: lesson.exercises.map((x) => x.id) }} className="block text-sm" testId="lesson-exercises" />
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
        })}
      </ol>
    </>
  );
}
