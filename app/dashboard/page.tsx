import type { Metadata } from "next";
import { Dashboard } from "@/components/progress/Dashboard";
import { getTracks, publishedLessons } from "@/lib/content";
import { lessonHref } from "@/lib/format";

export const metadata: Metadata = {
  title: "Your dashboard",
  description: "Your progress per track, confidence against quiz results, and a year of activity.",
};

/** A static shell (the same for everyone); the island fetches the learner's numbers. */
export default function DashboardPage() {
  const track = getTracks()[0];
  const first = track ? publishedLessons(track)[0] : undefined;
  const start = track && first ? { href: lessonHref(track.slug, first.folder), step: first.step, title: first.title } : null;
  return (
    <>
      <h1 className="text-3xl font-bold">Your dashboard</h1>
      <p className="mt-2 max-w-3xl text-[var(--fg-muted)]">Progress, confidence and activity from every device you learn on.</p>
      <Dashboard start={start} />
    </>
  );
}
