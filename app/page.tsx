import Link from "next/link";
import { HomeProgress, TrackCardProgress } from "@/components/progress/HomeProgress";
import { LevelBadge } from "@/components/ui/LevelBadge";
import { getTracks, publishedLessons } from "@/lib/content";
import { LEVELS } from "@/lib/content/schema";
import { buttonClass } from "@/components/ui/tokens";

export default function Home() {
  const tracks = getTracks();
  const outline = tracks.map((t) => ({
    slug: t.slug,
    title: t.title,
    lessons: t.lessons.map((l) => ({ id: l.id, slug: l.folder, title: l.title, step: l.step, published: l.versions.length > 0 })),
  }));
  return (
    <>
      <section className="rounded-2xl bg-gradient-to-br from-brand-50 to-white px-6 py-10 ring-1 ring-[var(--border)] dark:from-[#14233a] dark:to-[var(--bg)] sm:px-10">
        <h1 className="max-w-2xl text-3xl font-bold tracking-tight sm:text-4xl">Learn SQL one small step at a time</h1>
        <p className="mt-4 max-w-2xl text-lg text-[var(--fg-muted)]">
          Short lessons with examples you can run, a quiz in every step that explains each answer, interview questions,
          and a discussion under every lesson. No account needed to start.
        </p>
      </section>

      <HomeProgress tracks={outline} />

      <section id="tracks" aria-labelledby="tracks-heading" className="mt-10 scroll-mt-20">
        <h2 id="tracks-heading" className="text-2xl font-bold">
          Tracks
        </h2>
        {tracks.length === 0 ? (
          <p className="mt-4 text-[var(--fg-muted)]">No tracks are published yet. Check back soon.</p>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-2">
            {tracks.map((track) => {
              const published = publishedLessons(track);
              const levels = LEVELS.filter((l) => track.lessons.some((x) => x.level === l));
              const first = published[0];
              return (
                <li key={track.slug} className="flex flex-col rounded-xl border border-[var(--border)] p-5">
                  <h3 className="text-xl font-semibold">
                    <Link href={`/tracks/${track.slug}`} className="hover:underline">
                      {track.title}
                    </Link>
                  </h3>
                  <p className="mt-2 text-[var(--fg-muted)]">{track.description}</p>
                  <dl className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
                    <div>
                      <dt className="sr-only">Lessons</dt>
                      <dd>
                        <strong>{track.lessons.length}</strong> lessons
                        <span className="text-[var(--fg-muted)]"> · {published.length} published</span>
                      </dd>
                    </div>
                    <div className="flex items-center gap-1">
                      <dt className="sr-only">Levels</dt>
                      {levels.map((l) => (
                        <dd key={l}>
                          <LevelBadge level={l} />
                        </dd>
                      ))}
                    </div>
                  </dl>
                  <TrackCardProgress trackTitle={track.title} publishedIds={published.map((l) => l.id)} />
                  <div className="mt-5 flex gap-3">
                    {first ? (
                      <Link
                        href={`/tracks/${track.slug}/${first.folder}`}
                        className={buttonClass("primary", "sm")}
                      >
                        Start with step {first.step}
                      </Link>
                    ) : null}
                    <Link
                      href={`/tracks/${track.slug}`}
                      className={buttonClass("secondary", "sm")}
                    >
                      See all {track.lessons.length} steps
                    </Link>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="how-heading" className="mt-12">
        <h2 id="how-heading" className="text-2xl font-bold">
          How a lesson works
        </h2>
        <ol className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {[
            ["Read", "A few minutes of prose with SQL you can copy and run on the lesson's sample data."],
            ["Check yourself", "Self-check questions, interview questions and flip cards, answers on demand."],
            ["Quiz", "Multiple choice with immediate feedback: every choice explains why it is right or wrong."],
            ["Discuss", "Ask and answer under the lesson; moderators keep the discussion useful."],
          ].map(([title, text], i) => (
            <li key={title} className="rounded-xl bg-[var(--bg-soft)] p-4">
              <p className="text-sm font-semibold text-brand-700 dark:text-brand-300">{i + 1}</p>
              <h3 className="font-semibold">{title}</h3>
              <p className="mt-1 text-sm text-[var(--fg-muted)]">{text}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
