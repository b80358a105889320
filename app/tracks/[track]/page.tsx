import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
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

      <TrackProgress trackTitle={track.title} publishedIds={publishedLessons(track).map((l) => l.id)} />

      <ol className="mt-8 divide-y divide-[var(--border)] rounded-xl border border-[var(--border)]" aria-label={`${track.title} lessons`}>
        {track.lessons.map((lesson) => {
          const v = currentVersion(lesson);
          return (
            <li key={lesson.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
              <span className="w-16 shrink-0 text-sm tabular-nums text-[var(--fg-muted)]">Step {lesson.step}</span>
              <span className="min-w-0 flex-1">
                {v ? (
                  <Link href={`/tracks/${track.slug}/${lesson.folder}`} className="font-medium hover:underline">
                    {lesson.title}
                  </Link>
                ) : (
                  <span className="text-[var(--fg-muted)]">{lesson.title}</span>
                )}
                {v ? <span className="block text-sm text-[var(--fg-muted)]">{v.summary}</span> : null}
              </span>
              {v ? <LessonStateBadge lessonId={lesson.id} versions={lesson.versions.map((x) => ({ version: x.version, kind: x.change.kind }))} /> : null}
              <LevelBadge level={lesson.level} />
              <span className="w-24 text-right text-sm text-[var(--fg-muted)]">
                {v ? `~${v.readingMinutes} min read` : "Coming soon"}
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
