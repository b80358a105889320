import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LessonView } from "@/components/lesson/LessonView";
import { lessonHtml } from "@/lib/content/lesson-html";
import { currentVersion, getLesson, getTracks, publishedLessons } from "@/lib/content";

export const dynamicParams = false;

export function generateStaticParams() {
  return getTracks().flatMap((t) => publishedLessons(t).map((l) => ({ track: t.slug, lesson: l.folder })));
}

type Props = { params: Promise<{ track: string; lesson: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { track, lesson } = await params;
  const found = getLesson(track, lesson);
  const v = found && currentVersion(found.lesson);
  return v ? { title: `${v.title} — ${found.track.title} step ${found.lesson.step}`, description: v.summary } : {};
}

export default async function LessonPage({ params }: Props) {
  const { track, lesson } = await params;
  const found = getLesson(track, lesson);
  const v = found && currentVersion(found.lesson);
  if (!found || !v) notFound();
  return <LessonView track={found.track} lesson={found.lesson} version={v} html={await lessonHtml(found.track, found.lesson, v)} />;
}
