import { z } from "zod";

/**
 * The content format (docs/CONTENT.md explains it for authors).
 *
 * content/<track>/track.yaml            ZTrackFile: title, description, dialect, ordered lesson folders
 * content/<track>/<folder>/lesson.yaml  ZLessonFile: the stable id (never changes), outline title and level
 * content/<track>/<folder>/vYYYYMMDD.md ZLessonFrontMatter + a markdown body whose `## ` headings are sections
 * content/<track>/capstones/<part>.yaml ZCapstoneFile: the exercise set at the end of a part of the track
 *
 * A folder with only lesson.yaml is an outline entry: listed in the track, not yet published.
 */

export const LEVELS = ["beginner", "intermediate", "advanced"] as const;
export const ZLevel = z.enum(LEVELS);
export type TLevel = z.infer<typeof ZLevel>;

export const TRACK_MODES = {
  sql_sandbox: "SQL sandbox",
  reading: "Reading",
} as const;
export const ZTrackMode = z.enum(Object.keys(TRACK_MODES) as [keyof typeof TRACK_MODES]);
export type TTrackMode = z.infer<typeof ZTrackMode>;

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ZSlug = z.string().regex(slugPattern, "use lowercase words joined by hyphens, e.g. migrations-basics");
export const VERSION_PATTERN = /^v(\d{4})(\d{2})(\d{2})$/;
export const ZVersion = z.string().regex(VERSION_PATTERN, "a version looks like v20260528");

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);

/** A calendar date written as 2026-05-28 (YAML may hand us a Date; normalise it). */
export const ZIsoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date looks like 2026-05-28"),
);

export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export const EXERCISE_ENGINES = ["sqlite", "postgres"] as const;
export type TEngine = (typeof EXERCISE_ENGINES)[number];

const ZEngines = z
  .array(z.enum(EXERCISE_ENGINES))
  .min(1, "at least one engine")
  .refine((e) => new Set(e).size === e.length, "each engine once");

/** A part of a track: consecutive steps under one heading, optionally closed by a capstone exercise set. */
export const ZTrackPart = z.strictObject({
  /** Stable: names capstones/<slug>.yaml and the capstone page's URL. */
  slug: ZSlug,
  title: text(80),
  lessons: z.array(ZSlug).min(1, "a part lists at least one lesson folder"),
});
export type TTrackPart = z.infer<typeof ZTrackPart>;

export const ZTrackFile = z.strictObject({
  /** Where the track is listed (home page, search, dashboard): lower first; ties by folder name. */
  order: z.number().int().min(1).default(100),
  title: text(80),
  description: text(400),
  dialect: text(120),
  /**
   * The embedded engines the track's examples and exercises run on: both (the default) for portable
   * SQL, or one, e.g. [postgres] for a PostgreSQL track (its lab opens on PGlite, with no switch).
   */
  engines: ZEngines.default(["sqlite", "postgres"]),
  practice: text(600),
  lessons: z.array(ZSlug).min(1, "a track lists at least one lesson folder"),
  /** Optional: when present, the parts list every lesson once, in the order of `lessons` (the loader checks). */
  parts: z
    .array(ZTrackPart)
    .min(1, "list at least one part, or leave parts out")
    .refine((ps) => new Set(ps.map((p) => p.slug)).size === ps.length, "part slugs must be unique")
    .optional(),
});
export type TTrackFile = z.infer<typeof ZTrackFile>;

export const ZLessonFile = z.strictObject({
  id: z.uuid("id must be a UUID that never changes"),
  title: text(80),
  level: ZLevel,
});
export type TLessonFile = z.infer<typeof ZLessonFile>;

export const ZQuizChoice = z.strictObject({
  text: text(300),
  correct: z.boolean().default(false),
  explanation: text(600),
});

export const ZQuizQuestion = z
  .strictObject({
    id: ZSlug,
    question: text(400),
    choices: z.array(ZQuizChoice).min(2, "a question needs at least 2 choices").max(6, "at most 6 choices"),
  })
  .refine((q) => q.choices.filter((c) => c.correct).length === 1, {
    message: "exactly one choice must be marked correct: true",
    path: ["choices"],
  });

export const ZLessonFrontMatter = z.strictObject({
  title: text(80),
  slug: ZSlug,
  level: ZLevel,
  mode: ZTrackMode,
  /** The dataset (content/<track>/datasets/<name>.sql) the examples run on; the SQL lab loads it. */
  dataset: ZSlug.optional(),
  lastReviewed: ZIsoDate,
  summary: text(300),
  intro: z.strictObject({
    teaches: text(400),
    why: text(400),
    where: text(400),
    position: text(300),
  }),
  interview: z.array(z.strictObject({ q: text(300), a: text(800) })).min(1),
  selfCheck: z.array(z.strictObject({ q: text(300), a: text(800) })).min(1),
  tip: text(400),
  cards: z.array(z.strictObject({ front: text(200), back: text(400) })).min(1),
  quiz: z
    .array(ZQuizQuestion)
    .min(1)
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, "quiz question ids must be unique"),
  starterTopics: z.array(text(120)).min(1),
  change: z.strictObject({
    kind: z.enum(["major", "minor"]),
    note: text(400),
  }),
});
export type TLessonFrontMatter = z.infer<typeof ZLessonFrontMatter>;

// ── Exercises (content/<track>/<lesson>/exercises.yaml; docs/CONTENT.md "Exercises") ─────────────

export const ZWrongAnswer = z.strictObject({
  /** A query a learner might write; the grader must reject it (the content test checks). */
  query: text(2000),
  /** What the learner sees when their query behaves like this one: why it is wrong. */
  feedback: text(600),
  /** Where it runs (default: the exercise's engines); elsewhere the engine's own error teaches. */
  engines: z.array(z.enum(["sqlite", "postgres"])).min(1).optional(),
});

export const ZExercise = z
  .strictObject({
    /** Stable within the lesson: solved exercises are stored by it. */
    id: ZSlug.max(60, "at most 60 characters"),
    title: text(80),
    difficulty: z.enum(DIFFICULTIES),
    /** Inline markdown: what to write. */
    prompt: text(800),
    /** A dataset of this track (datasets/<name>.sql); default: the lesson's. */
    dataset: ZSlug.optional(),
    /** Default: the track's engines (lib/content/load.ts resolves it). */
    engines: ZEngines.optional(),
    orderMatters: z.boolean().default(false),
    /** Compare column names too (case-insensitively): for tasks that ask for aliases. */
    checkColumnNames: z.boolean().default(false),
    /** Relative tolerance for numbers; the grader's default when absent. */
    tolerance: z.number().positive().max(0.01).optional(),
    /** The reference query. */
    solution: text(2000),
    hints: z.array(text(400)).min(1, "at least one hint"),
    wrong: z.array(ZWrongAnswer).default([]),
    /** Extra SQL run after the dataset's hidden variant, for this exercise only. */
    variant: text(4000).optional(),
  })
  .superRefine((x, ctx) => {
    if (!x.engines) return; // the track's engines: checked where the track is known
    const engines = x.engines;
    x.wrong.forEach((w, i) => {
      const outside = (w.engines ?? []).find((e) => !engines.includes(e));
      if (outside) ctx.addIssue({ code: "custom", path: ["wrong", i, "engines"], message: `${outside} is not one of the exercise's engines` });
    });
  });
export type TExercise = z.infer<typeof ZExercise>;

export const ZExercisesFile = z.strictObject({
  exercises: z
    .array(ZExercise)
    .min(1, "list at least one exercise, or delete the file")
    .refine((xs) => new Set(xs.map((x) => x.id)).size === xs.length, "exercise ids must be unique in the lesson"),
});

/**
 * content/<track>/capstones/<part>.yaml: exercises mixing the topics of one part of the track. The id
 * stands where a lesson id would for progress (solved exercises are stored by it and the exercise id),
 * so it is a UUID that never changes and no lesson may share it.
 */
export const ZCapstoneFile = z.strictObject({
  id: z.uuid("id must be a UUID that never changes"),
  /** The dataset of the exercises that do not name their own. */
  dataset: ZSlug,
  exercises: ZExercisesFile.shape.exercises,
});
