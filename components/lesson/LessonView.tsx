import Link from "next/link";
import { Breadcrumb } from "@/components/ui/Breadcrumb";
import { LevelBadge } from "@/components/ui/LevelBadge";
import { ProgressBar } from "@/components/ui/ProgressBar";
import { capstoneAfter, trackPercent, type TLesson, type TLessonVersion, type TTrack } from "@/lib/content";
import { shownExercises, type TLessonHtml } from "@/lib/content/lesson-html";
import { TRACK_MODES } from "@/lib/content/schema";
import { ExerciseSection } from "@/components/lab/ExerciseSection";
import { exercisesUrl } from "@/components/lab/data";
import { LabIsland } from "@/components/lab/LabIsland";
import { formatDate, lessonHref } from "@/lib/format";
import { DiscussionSection } from "@/components/discussion/DiscussionSection";
import { LessonProgressPanel } from "@/components/progress/LessonProgressPanel";
import { LessonStatusLine } from "@/components/progress/LessonStatusLine";
import { SelfCheckMark } from "@/components/progress/SelfCheckMark";
import { Confidence } from "./Confidence";
import { JumpMenu } from "./JumpMenu";
import { PartCapstoneLink } from "./PartCapstoneLink";
import { Quiz } from "./Quiz";

type Props = {
  track: TTrack;
  lesson: TLesson;
  version: TLessonVersion;
  /** The version's text as HTML (lib/content/lesson-html.ts): this component only lays it out. */
  html: TLessonHtml;
  /** Shown above the lesson for an older version. */
  banner?: React.ReactNode;
};

function Html({ html, as: Tag = "span", className }: { html: string; as?: "span" | "div" | "p"; className?: string }) {
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

function SectionHeading({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <h2 id={id} className="scroll-mt-20 text-xl font-bold">
      {children}
    </h2>
  );
}

/** The whole lesson page, identical for every visitor (personal state lives in client islands). */
export function LessonView({ track, lesson, version: v, html, banner }: Props) {
  const total = track.lessons.length;
  const percent = trackPercent(lesson.step, total);
  const index = track.lessons.indexOf(lesson);
  const published = (l: TLesson | undefined) => (l && l.versions.length > 0 ? l : undefined);
  const prev = track.lessons
    .slice(0, index)
    .reverse()
    .find((l) => published(l));
  const next = track.lessons.slice(index + 1).find((l) => published(l));
  const versionKinds = lesson.versions.map((x) => ({ version: x.version, kind: x.change.kind }));

  const lab = v.mode === "sql_sandbox";
  const exercises = shownExercises(lesson, v);
  const { lead, sections, interview, selfCheck, tip, cards, quiz, intro } = html;
  const capstonePart = capstoneAfter(track, lesson);
  const partSteps = capstonePart && track.lessons.filter((l) => capstonePart.lessons.includes(l.folder)).map((l) => l.step);

  return (
    <article aria-labelledby="lesson-title" className="lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-10">
      <div className="min-w-0">
        {banner}
        <Breadcrumb trail={[{ href: `/tracks/${track.slug}`, label: track.title }]} current={`Step ${lesson.step}`} />

        <header className="mt-4">
          <p className="text-xs font-semibold uppercase tracking-wider text-brand-700 dark:text-brand-300">Lesson</p>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span className="font-semibold">
              Step {lesson.step}/{total}
            </span>
            <span className="text-[var(--fg-muted)]">{percent}% through track</span>
          </div>
          <div className="mt-2 max-w-md">
            <ProgressBar percent={percent} label={`Step ${lesson.step} of ${total}: ${percent}% through the ${track.title} track`} />
          </div>
          <p className="mt-4 font-mono text-sm text-[var(--fg-muted)]">{v.slug}</p>
          <h1 id="lesson-title" className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">
            {v.title}
          </h1>
          <p className="mt-2 text-sm text-[var(--fg-muted)]">
            Last reviewed <time dateTime={v.lastReviewed}>{formatDate(v.lastReviewed)}</time> · Content {v.version}
          </p>
          <LessonStatusLine lessonId={lesson.id} versions={versionKinds} />
          <dl className="mt-4 grid grid-cols-2 gap-3 rounded-xl bg-[var(--bg-soft)] p-4 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-[var(--fg-muted)]">Track mode</dt>
              <dd className="font-mono">{v.mode}</dd>
            </div>
            <div>
              <dt className="text-[var(--fg-muted)]">Means</dt>
              <dd>{TRACK_MODES[v.mode]}</dd>
            </div>
            <div>
              <dt className="text-[var(--fg-muted)]">Reading</dt>
              <dd>~{v.readingMinutes} min</dd>
            </div>
            <div>
              <dt className="text-[var(--fg-muted)]">Level</dt>
              <dd>
                <LevelBadge level={v.level} />
              </dd>
            </div>
          </dl>
        </header>

        <section aria-labelledby="this-lesson" className="mt-8 rounded-xl border border-[var(--border)] p-5">
          <h2 id="this-lesson" className="text-lg font-bold">
            This lesson
          </h2>
          <div className="mt-2 space-y-3">
            <p>
              <Html html={intro[0]!} />
            </p>
            <p>
              <strong>Why it matters: </strong>
              <Html html={intro[1]!} />
            </p>
            <p>
              <strong>Where you will use it: </strong>
              <Html html={intro[2]!} />
            </p>
            <p>
              <strong>How to practise: </strong>
              <Html html={intro[3]!} />
            </p>
            <p className="text-[var(--fg-muted)]">
              <strong>Where this fits: </strong>
              <Html html={intro[4]!} />
            </p>
          </div>
        </section>

        <div className="prose-lesson mt-8 max-w-3xl">
          {lab ? (
            // keyed: a client-side navigation to another lesson starts a new lab, with that lesson's blocks
            <LabIsland
              key={`${lesson.id}:${v.version}`}
              track={track.slug}
              lesson={lesson.folder}
              lessonId={lesson.id}
              version={v.version}
              dataset={v.dataset ?? null}
              exercisesUrl={exercises.length > 0 ? exercisesUrl(track.slug, lesson.folder) : null}
            />
          ) : null}
          {lead ? <Html as="div" html={lead} /> : null}
          {sections.map((s) => (
            <section key={s.id} aria-labelledby={s.id}>
              <h2 id={s.id} dangerouslySetInnerHTML={{ __html: s.headingHtml }} />
              <Html as="div" html={s.html} />
            </section>
          ))}
        </div>

        {exercises.length > 0 ? <ExerciseSection lessonId={lesson.id} exercises={exercises} prompts={html.exercisePrompts} /> : null}

        <section aria-labelledby="interview" className="mt-10 max-w-3xl">
          <SectionHeading id="interview">Important interview questions and answers</SectionHeading>
          <ol className="mt-4 list-decimal space-y-4 pl-6">
            {interview.map((x, i) => (
              <li key={i}>
                <p>
                  <strong>Q: </strong>
                  <Html html={x.q} />
                </p>
                <p className="mt-1">
                  <strong>A: </strong>
                  <Html html={x.a} />
                </p>
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="self-check" className="mt-10 max-w-3xl">
          <SectionHeading id="self-check">Self-check</SectionHeading>
          <p className="mt-1 text-sm text-[var(--fg-muted)]">Answer in your head first, then open the answer.</p>
          <ol className="mt-4 space-y-3">
            {selfCheck.map((x, i) => (
              <li key={i}>
                <details className="group rounded-lg border border-[var(--border)] px-4 py-3">
                  <summary className="cursor-pointer font-medium marker:text-[var(--fg-muted)]">
                    {i + 1}. <Html html={x.q} />
                    <span className="ml-2 text-sm font-normal text-brand-700 group-open:hidden dark:text-brand-300">Show answer</span>
                  </summary>
                  <Html as="p" className="mt-2 text-[var(--fg)]" html={x.a} />
                  <SelfCheckMark lessonId={lesson.id} index={i} />
                </details>
              </li>
            ))}
          </ol>
        </section>

        <aside aria-label="Tip" className="mt-8 max-w-3xl rounded-xl border-l-4 border-amber-500 bg-amber-50 p-4 dark:bg-[#2a2110]">
          <p>
            <strong>Tip: </strong>
            <Html html={tip} />
          </p>
        </aside>

        <section aria-labelledby="prep" className="mt-10">
          <SectionHeading id="prep">Interview prep</SectionHeading>
          <p className="mt-1 text-sm text-[var(--fg-muted)]">Say the answer out loud, then flip the card.</p>
          <ul className="mt-4 grid gap-3 sm:grid-cols-2">
            {cards.map((c, i) => (
              <li key={i}>
                <details className="group h-full rounded-xl border border-[var(--border)] bg-[var(--bg-soft)] p-4">
                  <summary className="cursor-pointer list-none font-semibold [&::-webkit-details-marker]:hidden">
                    <Html html={c.front} />
                    <span className="mt-2 block text-sm font-normal text-brand-700 group-open:hidden dark:text-brand-300">
                      Reveal answer
                    </span>
                  </summary>
                  <Html as="p" className="mt-3 border-t border-[var(--border)] pt-3" html={c.back} />
                </details>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="confidence" className="mt-10 rounded-xl border border-[var(--border)] p-5">
          <p className="text-xs font-semibold uppercase tracking-wider text-[var(--fg-muted)]">Interview tip</p>
          <SectionHeading id="confidence">Lesson completion confidence</SectionHeading>
          <div className="mt-3">
            <Confidence lessonId={lesson.id} />
          </div>
        </section>

        <section aria-labelledby="quiz" className="mt-10 max-w-3xl">
          <SectionHeading id="quiz">Check yourself</SectionHeading>
          <p className="mt-1 text-sm text-[var(--fg-muted)]">Multiple choice — immediate feedback.</p>
          <div className="mt-4">
            <Quiz questions={quiz} lessonTitle={v.title} lessonId={lesson.id} version={v.version} />
          </div>
        </section>

        <LessonProgressPanel
          lessonId={lesson.id}
          trackSlug={track.slug}
          lessonSlug={lesson.folder}
          version={v.version}
          currentVersion={lesson.versions.at(-1)!.version}
          versions={versionKinds}
          selfCheckCount={v.selfCheck.length}
        />

        {capstonePart && partSteps ? (
          <PartCapstoneLink trackSlug={track.slug} part={capstonePart} steps={[partSteps[0]!, partSteps.at(-1)!]} />
        ) : null}

        <DiscussionSection
          lessonId={lesson.id}
          starterTopics={v.starterTopics}
          lessonPath={lessonHref(track.slug, lesson.folder)}
        />

        <nav aria-label="Lesson navigation" className="mt-12 flex flex-wrap items-stretch justify-between gap-3 border-t border-[var(--border)] pt-6">
          {prev ? (
            <Link href={lessonHref(track.slug, prev.folder)} rel="prev" className="rounded-lg border border-[var(--border)] px-4 py-3 hover:bg-[var(--bg-soft)]">
              <span className="block text-xs text-[var(--fg-muted)]">Previous · step {prev.step}</span>
              <span className="font-medium">← {prev.title}</span>
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link href={lessonHref(track.slug, next.folder)} rel="next" className="rounded-lg border border-[var(--border)] px-4 py-3 text-right hover:bg-[var(--bg-soft)]">
              <span className="block text-xs text-[var(--fg-muted)]">Next · step {next.step}</span>
              <span className="font-medium">{next.title} →</span>
            </Link>
          ) : (
            <Link href={`/tracks/${track.slug}`} className="rounded-lg border border-[var(--border)] px-4 py-3 text-right hover:bg-[var(--bg-soft)]">
              <span className="block text-xs text-[var(--fg-muted)]">End of the published steps</span>
              <span className="font-medium">Back to the track →</span>
            </Link>
          )}
        </nav>
      </div>

      <aside aria-label="Lesson tools" className="mt-10 lg:mt-0">
        <div className="space-y-6 lg:sticky lg:top-20">
          <JumpMenu track={track} currentStep={lesson.step} />
          <nav aria-label="On this page" className="hidden text-sm lg:block">
            <p className="font-semibold">On this page</p>
            <ul className="mt-2 space-y-1 text-[var(--fg-muted)]">
              <li>
                <a href="#this-lesson" className="hover:text-[var(--fg)]">
                  This lesson
                </a>
              </li>
              {v.sections.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`} className="hover:text-[var(--fg)]">
                    {s.heading.replace(/`/g, "")}
                  </a>
                </li>
              ))}
              {[
                ...(exercises.length > 0 ? [["exercises", "Write the query"]] : []),
                ["interview", "Interview Q&A"],
                ["self-check", "Self-check"],
                ["prep", "Interview prep"],
                ["confidence", "Confidence"],
                ["quiz", "Check yourself"],
                ["your-progress", "Your progress"],
                ...(capstonePart ? [["part-capstone", "Part capstone"]] : []),
                ["discussion", "Discussion"],
              ].map(([id, label]) => (
                <li key={id}>
                  <a href={`#${id}`} className="hover:text-[var(--fg)]">
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {lesson.versions.length > 1 ? (
            <nav aria-label="Versions" className="text-sm">
              <p className="font-semibold">Versions</p>
              <ul className="mt-2 space-y-1">
                {[...lesson.versions].reverse().map((x) => (
                  <li key={x.version}>
                    {x.version === v.version ? (
                      <span aria-current="page" className="font-medium">
                        {x.version} (shown)
                      </span>
                    ) : (
                      <Link
                        href={lessonHref(track.slug, lesson.folder, x === lesson.versions.at(-1) ? undefined : x.version)}
                        className="text-brand-700 underline dark:text-brand-300">
                        {x.version}
                      </Link>
                    )}
                    <span className="text-[var(--fg-muted)]"> · {x.change.kind}</span>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </div>
      </aside>
    </article>
  );
}
