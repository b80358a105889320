import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LessonView } from "@/components/lesson/LessonView";
import { lessonHtml } from "@/lib/content/lesson-html";
import { currentVersion, getLesson, getLessonVersion, getTracks, publishedLessons } from "@/lib/content";
import { diffVersions } from "@/lib/domain/diff";
import { formatDate, lessonHref } from "@/lib/format";

export const dynamicParams = false;

export function generateStaticParams() {
  return getTracks().flatMap((t) =>
    publishedLessons(t).flatMap((l) => l.versions.map((v) => ({ track: t.slug, lesson: l.folder, version: v.version }))),
  );
}

type Props = { params: Promise<{ track: string; lesson: string; version: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { track, lesson, version } = await params;
  const found = getLesson(track, lesson);
  const v = found && getLessonVersion(found.lesson, version);
  return v ? { title: `${v.title} (${v.version})`, robots: { index: false } } : {};
}

const STATUS_LABEL = { added: "Added", removed: "Removed", changed: "Changed" } as const;

export default async function LessonVersionPage({ params }: Props) {
  const { track, lesson, version } = await params;
  const found = getLesson(track, lesson);
  const v = found && getLessonVersion(found.lesson, version);
  if (!found || !v) notFound();
  const current = currentVersion(found.lesson)!;
  const isCurrent = current.version === v.version;
  const later = found.lesson.versions.slice(found.lesson.versions.indexOf(v) + 1);
  const diff = isCurrent ? null : diffVersions(v, current, later);

  const banner = (
    <div role="note" aria-label="Version notice" className="mb-6 rounded-xl border-2 border-amber-500 bg-amber-50 p-4 dark:bg-[#2a2110]">
      {isCurrent ? (
        <p>
          <strong>This is the current version ({v.version}).</strong>{" "}
          <Link href={lessonHref(found.track.slug, found.lesson.folder)} className="underline">
            Open the lesson page
          </Link>
          .
        </p>
      ) : (
        <>
          <p className="font-semibold">
            You are reading an older version: {v.version}, published {formatDate(v.published)}.
          </p>
          <p className="mt-1">
            The current version is{" "}
            <Link href={lessonHref(found.track.slug, found.lesson.folder)} className="font-medium underline">
              {current.version}
            </Link>{" "}
            ({diff!.kind} change{diff!.notes.length > 1 ? "s" : ""}).
          </p>
          <h2 className="mt-3 font-semibold">What changed since this version</h2>
          <ul className="mt-1 list-disc pl-6 text-sm">
            {diff!.notes.map((n) => (
              <li key={n.version}>
                {n.version} ({n.kind}): {n.note}
              </li>
            ))}
            {diff!.sections.map((s) => (
              <li key={`s-${s.id}`}>
                {STATUS_LABEL[s.status]} section: {s.title}
              </li>
            ))}
            {diff!.quiz.map((q) => (
              <li key={`q-${q.id}`}>
                {STATUS_LABEL[q.status]} quiz question: {q.title}
              </li>
            ))}
            {diff!.other.map((o) => (
              <li key={`o-${o.part}`}>Changed: {o.part === "selfCheck" ? "self-check" : o.part === "cards" ? "interview-prep cards" : o.part === "interview" ? "interview questions" : o.part}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
  return <LessonView track={found.track} lesson={found.lesson} version={v} html={await lessonHtml(found.track, found.lesson, v)} banner={banner} />;
}
