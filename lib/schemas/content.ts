import { z } from "zod";
import { LEVELS, VERSION_PATTERN, ZSlug, ZTrackMode, ZVersion } from "@/lib/content/schema";
import { contracts } from "@/lib/http/contract";

/**
 * Path and query schemas for the content API (/api/v1/tracks/...). Slugs follow the content format
 * (lowercase words joined by hyphens), so `..`, uppercase or encoded slashes are rejected with a 400
 * before anything touches the content index.
 */
const ZPathSlug = ZSlug.max(100, "at most 100 characters");

export const ZTrackParams = z.object({ track: ZPathSlug });
export type TTrackParams = z.infer<typeof ZTrackParams>;

export const ZLessonParams = z.object({ track: ZPathSlug, slug: ZPathSlug });
export type TLessonParams = z.infer<typeof ZLessonParams>;

/** `/api/v1/tracks/{track}/capstones/{part}/...`: a part's slug from track.yaml. */
export const ZCapstoneParams = z.object({ track: ZPathSlug, part: ZPathSlug });

/** `?version=v20260312` picks an older published version; without it the current one is served. */
export const ZLessonQuery = z.object({ version: ZVersion.optional() });
export type TLessonQuery = z.infer<typeof ZLessonQuery>;

/**
 * `?from=v...&to=v...`; `to` defaults to the current version. Version names are dates, so string
 * order is publication order and the "from before to" rule can be checked here when both are given.
 */
export const ZDiffQuery = z
  .object({
    from: z
      .string({ error: (issue) => (issue.input === undefined ? "is required, e.g. from=v20260312" : undefined) })
      .regex(VERSION_PATTERN, "a version looks like v20260528"),
    to: ZVersion.optional(),
  })
  .refine((q) => q.to === undefined || q.from < q.to, {
    message: "must be an older version than `to`",
    path: ["from"],
  });
export type TDiffQuery = z.infer<typeof ZDiffQuery>;

/** `/api/v1/tracks/{track}/datasets/{name}`: a dataset's name is a slug (content/<track>/datasets/<name>.sql). */
export const ZDatasetParams = z.object({ track: ZPathSlug, name: ZPathSlug });

// ── Responses and contracts ───────────────────────────────────────────────────────────────────────

const ZLevel = z.enum(LEVELS);
const ZChange = z.object({ kind: z.enum(["major", "minor"]), note: z.string() });
const ZDay = z.string().meta({ description: "A calendar date, 2026-05-28", example: "2026-05-28" });

export const ZTrackSummary = z
  .object({
    slug: z.string(), title: z.string(), description: z.string(), dialect: z.string(),
    lessonCount: z.number().int(), publishedCount: z.number().int(), levels: z.array(ZLevel),
  })
  .meta({ id: "TrackSummary" });

export const ZTrackList = z.object({ tracks: z.array(ZTrackSummary) });

export const ZTrackDetail = ZTrackSummary.extend({
  practice: z.string(),
  lessons: z.array(
    z.object({
      id: z.uuid(), step: z.number().int(), slug: z.string(), title: z.string(), level: ZLevel,
      published: z.boolean(), currentVersion: z.string().nullable(), readingMinutes: z.number().nullable(), summary: z.string().nullable(),
    }),
  ),
  /** Empty for a track without parts. */
  parts: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      lessons: z.array(z.string()),
      capstone: z.object({ id: z.uuid(), exerciseCount: z.number().int() }).nullable(),
    }),
  ),
}).meta({ id: "TrackDetail" });

const ZQandA = z.object({ q: z.string(), a: z.string() });

export const ZLessonVersionBody = z
  .object({
    version: z.string(),
    published: ZDay,
    lastReviewed: ZDay,
    title: z.string(),
    level: ZLevel,
    mode: ZTrackMode,
    modeLabel: z.string(),
    dataset: z.string().nullable(),
    summary: z.string(),
    readingMinutes: z.number(),
    intro: z.object({ teaches: z.string(), why: z.string(), where: z.string(), position: z.string() }),
    lead: z.string(),
    sections: z.array(z.object({ id: z.string(), heading: z.string(), markdown: z.string() })),
    interview: z.array(ZQandA),
    selfCheck: z.array(ZQandA),
    tip: z.string(),
    cards: z.array(z.object({ front: z.string(), back: z.string() })),
    quiz: z.array(
      z.object({
        id: z.string(),
        question: z.string(),
        choices: z.array(z.object({ text: z.string(), correct: z.boolean(), explanation: z.string() })),
      }),
    ),
    starterTopics: z.array(z.string()),
    change: ZChange,
  })
  .meta({ id: "LessonVersion" });

export const ZLessonPayload = z.object({
  track: z.object({ slug: z.string(), title: z.string() }),
  lesson: z.object({
    id: z.uuid(),
    slug: z.string(),
    step: z.number().int(),
    stepCount: z.number().int(),
    percentThroughTrack: z.number(),
  }),
  version: ZLessonVersionBody,
  versions: z.array(z.string()),
  isCurrent: z.boolean(),
});

export const ZLessonVersions = z.object({
  versions: z.array(z.object({ version: z.string(), published: ZDay, lastReviewed: ZDay, change: ZChange })),
});

const ZItemChange = z.object({ id: z.string(), title: z.string(), status: z.enum(["added", "removed", "changed"]) });
export const ZLessonDiff = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(["major", "minor"]),
  notes: z.array(z.object({ version: z.string(), kind: z.enum(["major", "minor"]), note: z.string() })),
  sections: z.array(ZItemChange),
  quiz: z.array(ZItemChange),
  other: z.array(
    z.object({ part: z.enum(["title", "summary", "interview", "selfCheck", "cards", "tip"]), status: z.literal("changed") }),
  ),
  newSelfCheck: z.array(z.string()),
});

export const notFound = (what: string) => ({ 404: `No such ${what}` });
const content = contracts("Content", "public");

const listTracks = content.get("/api/v1/tracks", "Every track, with its lesson counts", { response: ZTrackList });

const getTrack = content.get("/api/v1/tracks/{track}", "One track and its outline (published and upcoming lessons)",
  { params: ZTrackParams, response: ZTrackDetail, errors: notFound("track") });

const getLesson = content.get("/api/v1/tracks/{track}/lessons/{slug}", "A published lesson: the current version, or `?version=` for an older one",
  { params: ZLessonParams, query: ZLessonQuery, response: ZLessonPayload, errors: notFound("track, lesson or version") });

const listLessonVersions = content.get("/api/v1/tracks/{track}/lessons/{slug}/versions", "A lesson's published versions, newest first, with their change notes",
  { params: ZLessonParams, response: ZLessonVersions, errors: notFound("track or lesson") });

const getLessonDiff = content.get("/api/v1/tracks/{track}/lessons/{slug}/diff", "What changed between two versions of a lesson, section by section",
  { params: ZLessonParams, query: ZDiffQuery, response: ZLessonDiff, errors: notFound("track, lesson or version") });

export const contentApi = { tracks: listTracks, track: getTrack, lesson: getLesson, versions: listLessonVersions, diff: getLessonDiff };
