import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { stringify } from "yaml";
import { ContentError, loadContent } from "./load";

/**
 * Each test writes a small content tree into a temp dir: a valid track (by default `validFiles`:
 * two published lessons and one outline entry), then changes one thing. Paths in errors are shown
 * from the content folder's parent, so the root is always called `content`.
 */

const tmpDirs: string[] = [];
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

export type Files = Record<string, string | undefined>;
export type FrontMatter = Record<string, unknown>;

export const ALPHA_ID = "3b241101-e2bb-4255-8caf-4136c566a962";
export const ZETA_ID = "9f0c6a57-1c1e-4b8e-9c43-5d6a2f0e7b11";
export const OUTLINE_ID = "c5d9b2f4-7a61-4e0b-8f3a-2b8e1d4c6a90";

export const BODY = [
  "A short lead paragraph.",
  "",
  "## First part",
  "",
  "Some text about the first part.",
  "",
  "## Second part",
  "",
  "```sql",
  "SELECT 1;",
  "```",
].join("\n");

export function frontMatter(slug: string, overrides: FrontMatter = {}): FrontMatter {
  return {
    title: `Lesson ${slug}`,
    slug,
    level: "beginner",
    mode: "sql_sandbox",
    dataset: "shop",
    lastReviewed: "2026-01-01",
    summary: "A short summary.",
    intro: { teaches: "Teaches.", why: "Why.", where: "Where.", position: "Position." },
    interview: [{ q: "Interview question?", a: "Interview answer." }],
    selfCheck: [{ q: "Self check?", a: "Self answer." }],
    tip: "A tip.",
    cards: [{ front: "Card front", back: "Card back" }],
    quiz: [
      {
        id: "first-question",
        question: "Which one?",
        choices: [
          { text: "Right", correct: true, explanation: "Yes." },
          { text: "Wrong", explanation: "No." },
        ],
      },
    ],
    starterTopics: ["A topic"],
    change: { kind: "minor", note: "A change." },
    ...overrides,
  };
}

export function without(fm: FrontMatter, key: string): FrontMatter {
  const copy = { ...fm };
  delete copy[key];
  return copy;
}

export function versionFile(fm: FrontMatter, body = BODY): string {
  return `---\n${stringify(fm)}---\n\n${body}\n`;
}

export function lessonYaml(id: string, title: string, level = "beginner"): string {
  return stringify({ id, title, level });
}

/** Track order (zeta before alpha) deliberately differs from alphabetical order. */
export function validFiles(): Files {
  return {
    "sql/track.yaml": stringify({
      title: "SQL",
      description: "A track.",
      dialect: "Standard SQL",
      practice: "Practise locally.",
      lessons: ["zeta-lesson", "alpha-lesson", "outline-only"],
    }),
    "sql/datasets/shop.sql": "CREATE TABLE t (id INTEGER);\n",
    "sql/zeta-lesson/lesson.yaml": lessonYaml(ZETA_ID, "Zeta outline title"),
    "sql/zeta-lesson/v20260110.md": versionFile(frontMatter("zeta-lesson")),
    "sql/alpha-lesson/lesson.yaml": lessonYaml(ALPHA_ID, "Alpha outline title"),
    "sql/alpha-lesson/v20260301.md": versionFile(
      frontMatter("alpha-lesson", { title: "Alpha newest", level: "advanced", change: { kind: "major", note: "Rewritten." } }),
    ),
    "sql/alpha-lesson/v20260101.md": versionFile(frontMatter("alpha-lesson", { title: "Alpha oldest" })),
    "sql/alpha-lesson/v20260215.md": versionFile(frontMatter("alpha-lesson", { title: "Alpha middle" })),
    "sql/outline-only/lesson.yaml": lessonYaml(OUTLINE_ID, "Coming soon", "intermediate"),
  };
}

export function writeTree(files: Files): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ln-content-"));
  tmpDirs.push(tmp);
  const root = path.join(tmp, "content");
  fs.mkdirSync(root);
  for (const [rel, text] of Object.entries(files)) {
    if (text === undefined) continue;
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

export type Tweak = (files: Files) => void;

/** Writes `base()` changed by `tweak` to a temp dir and loads it. */
export function loadTree(base: () => Files, tweak: Tweak = () => {}) {
  const files = base();
  tweak(files);
  return loadContent(writeTree(files));
}

/** The ContentError that loading `base()` changed by `tweak` throws (fails when it loads). */
export function loadTreeError(base: () => Files, tweak: Tweak): ContentError {
  try {
    loadTree(base, tweak);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }
  throw new Error("expected loadContent to throw a ContentError");
}

export const load = (tweak?: Tweak) => loadTree(validFiles, tweak);
export const loadError = (tweak: Tweak) => loadTreeError(validFiles, tweak);

/** One exercise as exercises.yaml or a capstone lists it, with `overrides` applied. */
export function exercise(overrides: Record<string, unknown> = {}) {
  return {
    id: "count-rows",
    title: "Count the rows",
    difficulty: "easy",
    prompt: "How many rows does `t` have?",
    solution: "SELECT COUNT(*) FROM t;",
    hints: ["Use `COUNT(*)`."],
    ...overrides,
  };
}

/** A dataset with a hidden variant (shop) and one without (org), for exercise tests. */
export const EXERCISE_DATASETS: Files = {
  "sql/datasets/shop.sql": "CREATE TABLE t (id INTEGER);\nINSERT INTO t VALUES (1);\n",
  "sql/datasets/shop.variant.sql": "INSERT INTO t VALUES (2);\n",
  "sql/datasets/org.sql": "CREATE TABLE e (id INTEGER);\n",
};
