import fs from "node:fs";
import path from "node:path";
import { slug as slugOf } from "github-slugger";
import { parse as parseYaml } from "yaml";
import type { ZodError, ZodType } from "zod";
import { readingMinutes, wordCount } from "@/lib/domain/reading-time";
import { splitSections, type TSection } from "@/lib/domain/sections";
import {
  VERSION_PATTERN,
  ZCapstoneFile,
  ZExercisesFile,
  ZLessonFile,
  ZLessonFrontMatter,
  ZTrackFile,
  type TEngine,
  type TExercise,
  type TLessonFrontMatter,
  type TLevel,
  type TTrackFile,
} from "./schema";

/**
 * Reads and validates content/. Any invalid file throws a ContentError naming the file and the
 * field, which fails `next build` and `npm test` (lib/content/content.test.ts loads everything).
 */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ""}${detail}`);
    this.name = "ContentError";
  }
}

export type TLessonVersion = TLessonFrontMatter & {
  version: string;
  /** ISO date of publication, from the file name. */
  published: string;
  lead: string;
  sections: TSection[];
  readingMinutes: number;
  words: number;
};

/** An exercise with its dataset (its own, else the lesson's current one) and engines (its own, else the track's) resolved. */
export type TLessonExercise = TExercise & { dataset: string; engines: TEngine[] };

/** A dataset's SQL and its hidden variant (content/<track>/datasets/<name>.sql, <name>.variant.sql). */
export type TDataset = { name: string; sql: string; variantSql: string | null };

export type TLesson = {
  id: string;
  folder: string;
  /** Outline title and level (used while unpublished; a published version carries its own). */
  title: string;
  level: TLevel;
  step: number;
  /** Oldest first; empty while the lesson is only in the outline. */
  versions: TLessonVersion[];
  /** From exercises.yaml beside the versions; empty without one. */
  exercises: TLessonExercise[];
};

/** The exercise set at the end of a part (capstones/<part>.yaml); `id` keys its progress like a lesson id. */
export type TCapstone = { id: string; dataset: string; exercises: TLessonExercise[] };

/** A part of the track: its lessons' folders in step order, and its capstone if it has one. */
export type TPart = { slug: string; title: string; lessons: string[]; capstone: TCapstone | null };

export type TTrack = {
  slug: string;
  /** Listing position (track.yaml `order`); loadContent returns the tracks in this order. */
  order: number;
  title: string;
  description: string;
  dialect: string;
  /** The embedded engines its examples and exercises run on (track.yaml `engines`). */
  engines: TEngine[];
  practice: string;
  lessons: TLesson[];
  /** Empty when track.yaml has no `parts`. */
  parts: TPart[];
  datasets: TDataset[];
};

export function currentVersion(lesson: TLesson): TLessonVersion | undefined {
  return lesson.versions.at(-1);
}

function rel(root: string, file: string) {
  return path.relative(path.dirname(root), file).split(path.sep).join("/");
}

function fieldOf(error: ZodError) {
  const issue = error.issues[0]!;
  // A strict object reports an unknown key at the object's path; name the key itself.
  const where = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
  return { field: where.join("."), message: issue.message };
}

function validate<T>(schema: ZodType<T>, data: unknown, file: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const { field, message } = fieldOf(parsed.error);
    throw new ContentError(file, field, message);
  }
  return parsed.data;
}

function readYaml(file: string, shown: string): unknown {
  try {
    return parseYaml(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new ContentError(shown, "", `invalid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export function parseVersionFile(source: string, shown: string): { data: TLessonFrontMatter; body: string } {
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new ContentError(shown, "", "a version file starts with YAML front matter between --- lines");
  let raw: unknown;
  try {
    raw = parseYaml(match[1]!);
  } catch (error) {
    throw new ContentError(shown, "", `invalid YAML front matter: ${(error as Error).message.split("\n")[0]}`);
  }
  return { data: validate(ZLessonFrontMatter, raw, shown), body: match[2]!.trim() };
}

function isoFromVersion(version: string): string | null {
  const m = VERSION_PATTERN.exec(version);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

function textOf(v: TLessonFrontMatter, body: string): string {
  return [
    v.summary,
    ...Object.values(v.intro),
    body,
    ...v.interview.flatMap((x) => [x.q, x.a]),
    ...v.selfCheck.map((x) => x.q),
    v.tip,
    ...v.cards.map((c) => c.front),
  ].join(" ");
}

/**
 * Each exercise's dataset (its own, else `fallback`): one of the track's, with a hidden variant to catch
 * hard-coded answers; and its engines (its own, else the track's), which must be the track's.
 */
function resolveExercises(
  exercises: TExercise[],
  fallback: string | undefined,
  shown: string,
  datasets: Map<string, TDataset>,
  trackEngines: TEngine[],
): TLessonExercise[] {
  return exercises.map((exercise, i) => {
    const dataset = exercise.dataset ?? fallback;
    if (!dataset) throw new ContentError(shown, `exercises.${i}.dataset`, "set a dataset here or on the lesson");
    const found = datasets.get(dataset);
    if (!found) throw new ContentError(shown, `exercises.${i}.dataset`, `no datasets/${dataset}.sql in this track`);
    if (found.variantSql === null) {
      throw new ContentError(shown, `exercises.${i}.dataset`, `datasets/${dataset}.variant.sql is missing (exercises are also graded on a hidden variant)`);
    }
    const engines = exercise.engines ?? trackEngines;
    const foreign = engines.find((e) => !trackEngines.includes(e));
    if (foreign) throw new ContentError(shown, `exercises.${i}.engines`, `${foreign} is not one of the track's engines (track.yaml engines)`);
    exercise.wrong.forEach((w, j) => {
      const outside = (w.engines ?? []).find((e) => !engines.includes(e));
      if (outside) throw new ContentError(shown, `exercises.${i}.wrong.${j}.engines`, `${outside} is not one of the exercise's engines`);
    });
    return { ...exercise, dataset, engines };
  });
}

/** exercises.yaml of a published sql_sandbox lesson. */
function loadExercises(
  contentRoot: string,
  dir: string,
  latest: TLessonVersion | undefined,
  datasets: Map<string, TDataset>,
  trackEngines: TEngine[],
): TLessonExercise[] {
  const file = path.join(dir, "exercises.yaml");
  if (!fs.existsSync(file)) return [];
  const shown = rel(contentRoot, file);
  const { exercises } = validate(ZExercisesFile, readYaml(file, shown), shown);
  if (!latest) throw new ContentError(shown, "", "the lesson has no published version yet");
  if (latest.mode !== "sql_sandbox") throw new ContentError(shown, "", `exercises need a sql_sandbox lesson (this one is ${latest.mode})`);
  return resolveExercises(exercises, latest.dataset, shown, datasets, trackEngines);
}

function loadLesson(
  contentRoot: string,
  trackDir: string,
  folder: string,
  step: number,
  datasets: Map<string, TDataset>,
  engines: TEngine[],
): TLesson {
  const dir = path.join(trackDir, folder);
  const lessonFile = path.join(dir, "lesson.yaml");
  if (!fs.existsSync(lessonFile)) {
    throw new ContentError(rel(contentRoot, trackDir) + "/track.yaml", "lessons", `folder "${folder}" has no lesson.yaml`);
  }
  const meta = validate(ZLessonFile, readYaml(lessonFile, rel(contentRoot, lessonFile)), rel(contentRoot, lessonFile));
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort();
  const versions = files.map((name): TLessonVersion => {
    const file = path.join(dir, name);
    const shown = rel(contentRoot, file);
    const version = name.slice(0, -3);
    const published = isoFromVersion(version);
    if (!published) throw new ContentError(shown, "", "version files are named vYYYYMMDD.md with a real date");
    const { data, body } = parseVersionFile(fs.readFileSync(file, "utf8"), shown);
    if (data.dataset && !datasets.has(data.dataset)) {
      throw new ContentError(shown, "dataset", `no datasets/${data.dataset}.sql in this track`);
    }
    const { lead, sections } = splitSections(body);
    if (sections.length === 0) throw new ContentError(shown, "body", "the body needs at least one `## ` section");
    // Section ids are already de-duplicated ("recap-1"), so compare the plain slugs of the headings.
    const headings = new Set<string>();
    for (const s of sections) {
      const key = slugOf(s.heading);
      if (headings.has(key)) throw new ContentError(shown, "body", `two sections are called "${s.heading}"`);
      headings.add(key);
    }
    const words = wordCount(textOf(data, body));
    return { ...data, version, published, lead, sections, words, readingMinutes: readingMinutes(words) };
  });
  const latest = versions.at(-1);
  if (latest && latest.slug !== folder) {
    throw new ContentError(rel(contentRoot, path.join(dir, `${latest.version}.md`)), "slug", `must be "${folder}", the folder's name`);
  }
  const exercises = loadExercises(contentRoot, dir, latest, datasets, engines);
  return { id: meta.id, folder, title: latest?.title ?? meta.title, level: latest?.level ?? meta.level, step, versions, exercises };
}

/**
 * `parts` must hold every lesson of `lessons` exactly once, in the same order, so that a part is a
 * run of consecutive steps and the step numbers still come from `lessons` alone.
 */
function checkParts(meta: TTrackFile, shown: string) {
  if (!meta.parts) return;
  const listed = new Set(meta.lessons);
  const seen = new Set<string>();
  meta.parts.forEach((part, i) =>
    part.lessons.forEach((folder, j) => {
      if (!listed.has(folder)) throw new ContentError(shown, `parts.${i}.lessons.${j}`, `"${folder}" is not in lessons`);
      if (seen.has(folder)) throw new ContentError(shown, `parts.${i}.lessons.${j}`, `"${folder}" is already in a part`);
      seen.add(folder);
    }),
  );
  const missing = meta.lessons.find((folder) => !seen.has(folder));
  if (missing) throw new ContentError(shown, "parts", `"${missing}" is in lessons but in no part`);
  const inParts = meta.parts.flatMap((p) => p.lessons);
  const first = inParts.findIndex((folder, i) => folder !== meta.lessons[i]);
  if (first >= 0) throw new ContentError(shown, "parts", `list the lessons in step order: step ${first + 1} is "${meta.lessons[first]}", not "${inParts[first]}"`);
}

/** capstones/<part>.yaml for the parts that have one; a file for no part, or an id a lesson uses, is an error. */
function loadParts(contentRoot: string, trackDir: string, meta: TTrackFile, lessons: TLesson[], datasets: Map<string, TDataset>): TPart[] {
  const dir = path.join(trackDir, "capstones");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")) : [];
  const parts = meta.parts ?? [];
  const stray = files.find((f) => !parts.some((p) => `${p.slug}.yaml` === f));
  if (stray) throw new ContentError(rel(contentRoot, path.join(dir, stray)), "", `no part of track.yaml has the slug "${stray.slice(0, -5)}"`);
  const ids = new Set(lessons.map((l) => l.id));
  return parts.map((part) => {
    const file = path.join(dir, `${part.slug}.yaml`);
    if (!fs.existsSync(file)) return { ...part, capstone: null };
    const shown = rel(contentRoot, file);
    const capstone = validate(ZCapstoneFile, readYaml(file, shown), shown);
    if (ids.has(capstone.id)) throw new ContentError(shown, "id", "a lesson or another capstone has the same id");
    ids.add(capstone.id);
    if (!datasets.has(capstone.dataset)) throw new ContentError(shown, "dataset", `no datasets/${capstone.dataset}.sql in this track`);
    return { ...part, capstone: { id: capstone.id, dataset: capstone.dataset, exercises: resolveExercises(capstone.exercises, capstone.dataset, shown, datasets, meta.engines) } };
  });
}

export function loadTrack(contentRoot: string, slug: string): TTrack {
  const trackDir = path.join(contentRoot, slug);
  const trackFile = path.join(trackDir, "track.yaml");
  const shown = rel(contentRoot, trackFile);
  const meta = validate(ZTrackFile, readYaml(trackFile, shown), shown);
  const datasets = loadDatasets(contentRoot, path.join(trackDir, "datasets"));
  const seen = new Set<string>();
  for (const folder of meta.lessons) {
    if (seen.has(folder)) throw new ContentError(shown, "lessons", `"${folder}" is listed twice`);
    seen.add(folder);
  }
  checkParts(meta, shown);
  const lessons = meta.lessons.map((folder, i) => loadLesson(contentRoot, trackDir, folder, i + 1, datasets, meta.engines));
  const ids = new Set<string>();
  for (const l of lessons) {
    if (ids.has(l.id)) throw new ContentError(rel(contentRoot, path.join(trackDir, l.folder, "lesson.yaml")), "id", "another lesson has the same id");
    ids.add(l.id);
  }
  const { order, title, description, dialect, engines, practice } = meta;
  const parts = loadParts(contentRoot, trackDir, meta, lessons, datasets);
  return { slug, order, title, description, dialect, engines, practice, lessons, parts, datasets: [...datasets.values()] };
}

const VARIANT_SUFFIX = ".variant.sql";

/** datasets/<name>.sql with their optional <name>.variant.sql (a variant alone is an error). */
function loadDatasets(contentRoot: string, dir: string): Map<string, TDataset> {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".sql")).sort() : [];
  const datasets = new Map<string, TDataset>();
  for (const f of files.filter((f) => !f.endsWith(VARIANT_SUFFIX))) {
    const name = f.slice(0, -4);
    const variant = path.join(dir, `${name}${VARIANT_SUFFIX}`);
    datasets.set(name, {
      name,
      sql: fs.readFileSync(path.join(dir, f), "utf8"),
      variantSql: fs.existsSync(variant) ? fs.readFileSync(variant, "utf8") : null,
    });
  }
  for (const f of files.filter((f) => f.endsWith(VARIANT_SUFFIX))) {
    const name = f.slice(0, -VARIANT_SUFFIX.length);
    if (!datasets.has(name)) throw new ContentError(rel(contentRoot, path.join(dir, f)), "", `a variant needs datasets/${name}.sql`);
  }
  return datasets;
}

export function loadContent(contentRoot: string): TTrack[] {
  if (!fs.existsSync(contentRoot)) throw new ContentError("content", "", "the content folder is missing");
  return fs
    .readdirSync(contentRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(contentRoot, d.name, "track.yaml")))
    .map((d) => d.name)
    .sort()
    .map((slug) => loadTrack(contentRoot, slug))
    .sort((a, b) => a.order - b.order);
}
