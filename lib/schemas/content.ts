import { z } from "zod";
import { VERSION_PATTERN, ZSlug, ZVersion } from "@/lib/content/schema";

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
