import type { TLesson, TLessonVersion, TTrack } from "./load";
import { renderInline, renderMarkdown } from "./markdown";
import { labEngines, sqlBlocks } from "./sql-blocks";

/** A quiz question as the browser's Quiz island gets it: every text already HTML. */
export type TQuizQuestionView = {
  id: string;
  questionHtml: string;
  choices: { html: string; correct: boolean; explanationHtml: string }[];
};

/**
 * Every piece of one lesson version as HTML, so components/lesson/LessonView only lays it out.
 * `intro` is teaches, why, where, the track's practice note and position, in that order.
 */
export type TLessonHtml = {
  lead: string;
  sections: { id: string; headingHtml: string; html: string }[];
  interview: { q: string; a: string }[];
  selfCheck: { q: string; a: string }[];
  tip: string;
  cards: { front: string; back: string }[];
  quiz: TQuizQuestionView[];
  intro: [teaches: string, why: string, where: string, practice: string, position: string];
  /** The SQL lab exercises' prompts, in order: only on the current version of a sql_sandbox lesson. */
  exercisePrompts: string[];
};

/** Exercises belong to the lesson as it is now: shown with the current version only. */
export function shownExercises(lesson: TLesson, v: TLessonVersion) {
  return v.mode === "sql_sandbox" && v === lesson.versions.at(-1) ? lesson.exercises : [];
}

async function render(track: TTrack, lesson: TLesson, v: TLessonVersion): Promise<TLessonHtml> {
  // sql_sandbox lessons: Run / Edit under every example that runs on an engine of the track
  // (track.yaml `engines`), numbered across the lesson's parts.
  const lab = v.mode === "sql_sandbox";
  const labFirst: number[] = [];
  let runnable = 1;
  for (const part of [v.lead ?? "", ...v.sections.map((s) => s.markdown)]) {
    labFirst.push(runnable);
    runnable += sqlBlocks(part, track.engines).filter((b) => labEngines(b.tag, track.engines).length > 0).length;
  }
  const body = (markdown: string, part: number) => renderMarkdown(markdown, lab ? { first: labFirst[part]! } : undefined, track.engines);
  const pair = async (x: { q: string; a: string }) => ({ q: await renderInline(x.q), a: await renderInline(x.a) });

  const [lead, sections, interview, selfCheck, tip, cards, quiz, intro, exercisePrompts] = await Promise.all([
    v.lead ? body(v.lead, 0) : Promise.resolve(""),
    Promise.all(v.sections.map(async (s, i) => ({ id: s.id, html: await body(s.markdown, i + 1), headingHtml: await renderInline(s.heading) }))),
    Promise.all(v.interview.map(pair)),
    Promise.all(v.selfCheck.map(pair)),
    renderInline(v.tip),
    Promise.all(v.cards.map(async (c) => ({ front: await renderInline(c.front), back: await renderInline(c.back) }))),
    Promise.all(
      v.quiz.map(
        async (q): Promise<TQuizQuestionView> => ({
          id: q.id,
          questionHtml: await renderInline(q.question),
          choices: await Promise.all(
            q.choices.map(async (c) => ({ html: await renderInline(c.text), correct: c.correct, explanationHtml: await renderInline(c.explanation) })),
          ),
        }),
      ),
    ),
    Promise.all([v.intro.teaches, v.intro.why, v.intro.where, track.practice, v.intro.position].map((t) => renderInline(t))),
    Promise.all(shownExercises(lesson, v).map((x) => renderInline(x.prompt))),
  ]);
  return { lead, sections, interview, selfCheck, tip, cards, quiz, intro: intro as TLessonHtml["intro"], exercisePrompts };
}

// Content is loaded once per process and never changes after, so each version is rendered once.
const rendered = new WeakMap<TLessonVersion, Promise<TLessonHtml>>();

/** The HTML of a lesson version (rendered on first use, then kept with the loaded content). */
export function lessonHtml(track: TTrack, lesson: TLesson, version: TLessonVersion): Promise<TLessonHtml> {
  let html = rendered.get(version);
  if (!html) {
    html = render(track, lesson, version);
    rendered.set(version, html);
  }
  return html;
}

/** Exercise prompts as HTML, for exercise sets outside a lesson version (a part's capstone). */
export function exercisePromptsHtml(exercises: readonly { prompt: string }[]): Promise<string[]> {
  return Promise.all(exercises.map((x) => renderInline(x.prompt)));
}
