import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { ContentError, currentVersion, loadContent } from "./load";

/**
 * Each test writes a small content tree into a temp dir: a valid track with two published lessons
 * and one outline entry, then changes one thing. Paths in errors are shown from the content
 * folder's parent, so the root is always called `content`.
 */

const tmpDirs: string[] = [];
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Files = Record<string, string | undefined>;
type FrontMatter = Record<string, unknown>;

const ALPHA_ID = "3b241101-e2bb-4255-8caf-4136c566a962";
const ZETA_ID = "9f0c6a57-1c1e-4b8e-9c43-5d6a2f0e7b11";
const OUTLINE_ID = "c5d9b2f4-7a61-4e0b-8f3a-2b8e1d4c6a90";

const BODY = [
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

function frontMatter(slug: string, overrides: FrontMatter = {}): FrontMatter {
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

function without(fm: FrontMatter, key: string): FrontMatter {
  const copy = { ...fm };
  delete copy[key];
  return copy;
}

function versionFile(fm: FrontMatter, body = BODY): string {
  return `---\n${stringify(fm)}---\n\n${body}\n`;
}

function lessonYaml(id: string, title: string, level = "beginner"): string {
  return stringify({ id, title, level });
}

/** Track order (zeta before alpha) deliberately differs from alphabetical order. */
function validFiles(): Files {
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

function writeTree(files: Files): string {
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

function load(tweak: (files: Files) => void = () => {}) {
  const files = validFiles();
  tweak(files);
  return loadContent(writeTree(files));
}

function loadError(tweak: (files: Files) => void): ContentError {
  try {
    load(tweak);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }
  throw new Error("expected loadContent to throw a ContentError");
}

describe("loadContent on a valid tree", () => {
  const [track] = load();

  it("loads the track with its metadata", () => {
    expect(track?.slug).toBe("sql");
    expect(track?.title).toBe("SQL");
  });

  it("numbers steps from 1 in track order, not alphabetical order", () => {
    expect(track?.lessons.map((l) => [l.step, l.folder])).toEqual([
      [1, "zeta-lesson"],
      [2, "alpha-lesson"],
      [3, "outline-only"],
    ]);
    expect(track?.lessons.map((l) => l.id)).toEqual([ZETA_ID, ALPHA_ID, OUTLINE_ID]);
  });

  it("sorts versions oldest to newest and dates them from the file name", () => {
    const alpha = track!.lessons[1]!;
    expect(alpha.versions.map((v) => v.version)).toEqual(["v20260101", "v20260215", "v20260301"]);
    expect(alpha.versions.map((v) => v.published)).toEqual(["2026-01-01", "2026-02-15", "2026-03-01"]);
    expect(currentVersion(alpha)?.version).toBe("v20260301");
  });

  it("sorts versions even when the file system lists them newest first", () => {
    const root = writeTree(validFiles());
    const real = fs.readdirSync;
    const spy = vi
      .spyOn(fs, "readdirSync")
      .mockImplementation(((dir: fs.PathLike, options?: unknown) =>
        (real(dir, options as never) as unknown[]).slice().reverse()) as typeof fs.readdirSync);
    try {
      const alpha = loadContent(root)[0]!.lessons[1]!;
      expect(alpha.versions.map((v) => v.version)).toEqual(["v20260101", "v20260215", "v20260301"]);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it("takes title and level from the newest version, and from lesson.yaml for an outline entry", () => {
    const [, alpha, outline] = track!.lessons;
    expect(alpha).toMatchObject({ title: "Alpha newest", level: "advanced" });
    expect(outline).toMatchObject({ title: "Coming soon", level: "intermediate", versions: [] });
  });

  it("splits the body into lead and sections", () => {
    const v = track!.lessons[0]!.versions[0]!;
    expect(v.lead).toBe("A short lead paragraph.");
    expect(v.sections.map((s) => [s.id, s.heading])).toEqual([
      ["first-part", "First part"],
      ["second-part", "Second part"],
    ]);
    expect(v.sections[1]!.markdown).toBe("```sql\nSELECT 1;\n```");
  });

  it("applies defaults from the schema (a choice is not correct unless marked)", () => {
    const choices = track!.lessons[0]!.versions[0]!.quiz[0]!.choices;
    expect(choices.map((c) => c.correct)).toEqual([true, false]);
  });

  it("computes words and reading minutes from the lesson text", () => {
    const short = track!.lessons[0]!.versions[0]!;
    expect(short.words).toBeGreaterThan(0);
    expect(short.readingMinutes).toBe(1);

    const extra = Array.from({ length: 1200 }, (_, i) => `word${i}`).join(" ");
    const [longTrack] = load((f) => {
      f["sql/zeta-lesson/v20260110.md"] = versionFile(frontMatter("zeta-lesson"), `${BODY}\n\n${extra}`);
    });
    const long = longTrack!.lessons[0]!.versions[0]!;
    expect(long.words - short.words).toBe(1200);
    expect(long.readingMinutes).toBe(Math.round(long.words / 200));
    expect(long.readingMinutes).toBeGreaterThanOrEqual(6);
  });

  it("accepts an older version whose slug differs (the lesson was renamed later)", () => {
    const [t] = load((f) => {
      f["sql/alpha-lesson/v20260101.md"] = versionFile(frontMatter("old-alpha-name"));
    });
    expect(t!.lessons[1]!.versions[0]!.slug).toBe("old-alpha-name");
  });

  it("ignores folders without a track.yaml", () => {
    const tracks = load((f) => {
      f["drafts/notes.md"] = "# not a track\n";
    });
    expect(tracks.map((t) => t.slug)).toEqual(["sql"]);
  });
});

const VERSION = "content/sql/zeta-lesson/v20260110.md";
const ZETA_FM = () => frontMatter("zeta-lesson");
const setZeta = (f: Files, fm: FrontMatter, body?: string) => {
  f["sql/zeta-lesson/v20260110.md"] = versionFile(fm, body);
};

type Case = { name: string; tweak: (f: Files) => void; file: string; field: string };

const fieldCases: Case[] = [
  {
    name: "a quiz question with two correct choices",
    tweak: (f) => {
      const fm = ZETA_FM();
      const quiz = fm.quiz as { choices: { correct?: boolean }[] }[];
      quiz[0]!.choices[1]!.correct = true;
      setZeta(f, fm);
    },
    file: VERSION,
    field: "quiz.0.choices",
  },
  { name: "a missing tip", tweak: (f) => setZeta(f, without(ZETA_FM(), "tip")), file: VERSION, field: "tip" },
  {
    name: "an unknown level in a version",
    tweak: (f) => setZeta(f, { ...ZETA_FM(), level: "expert" }),
    file: VERSION,
    field: "level",
  },
  {
    name: "an unknown level in lesson.yaml",
    tweak: (f) => {
      f["sql/outline-only/lesson.yaml"] = lessonYaml(OUTLINE_ID, "Coming soon", "expert");
    },
    file: "content/sql/outline-only/lesson.yaml",
    field: "level",
  },
  {
    name: "a lastReviewed date in the wrong format",
    tweak: (f) => setZeta(f, { ...ZETA_FM(), lastReviewed: "28.05.2026" }),
    file: VERSION,
    field: "lastReviewed",
  },
  {
    name: "an unknown top-level key (strict object)",
    tweak: (f) => setZeta(f, { ...ZETA_FM(), difficulty: "hard" }),
    file: VERSION,
    field: "difficulty",
  },
  {
    name: "an unknown nested key (strict object)",
    tweak: (f) => setZeta(f, { ...ZETA_FM(), intro: { ...(ZETA_FM().intro as object), audience: "all" } }),
    file: VERSION,
    field: "intro.audience",
  },
  {
    name: "an unknown key in track.yaml",
    tweak: (f) => {
      f["sql/track.yaml"] = `${f["sql/track.yaml"]}colour: blue\n`;
    },
    file: "content/sql/track.yaml",
    field: "colour",
  },
  {
    name: "a slug that is not the folder name",
    tweak: (f) => setZeta(f, frontMatter("zeta-lessons")),
    file: VERSION,
    field: "slug",
  },
  {
    name: "a slug that is not the folder name, in the newest of several versions",
    tweak: (f) => {
      f["sql/alpha-lesson/v20260301.md"] = versionFile(frontMatter("alpha"));
    },
    file: "content/sql/alpha-lesson/v20260301.md",
    field: "slug",
  },
  {
    name: "a dataset that does not exist",
    tweak: (f) => setZeta(f, { ...ZETA_FM(), dataset: "warehouse" }),
    file: VERSION,
    field: "dataset",
  },
  {
    name: "a track listing a folder without lesson.yaml",
    tweak: (f) => {
      f["sql/outline-only/lesson.yaml"] = undefined;
    },
    file: "content/sql/track.yaml",
    field: "lessons",
  },
  {
    name: "a track listing the same folder twice",
    tweak: (f) => {
      f["sql/track.yaml"] = f["sql/track.yaml"]!.replace("- outline-only", "- outline-only\n  - zeta-lesson");
    },
    file: "content/sql/track.yaml",
    field: "lessons",
  },
  {
    name: "two lessons with the same id (the later one is reported)",
    tweak: (f) => {
      f["sql/outline-only/lesson.yaml"] = lessonYaml(ZETA_ID, "Coming soon");
    },
    file: "content/sql/outline-only/lesson.yaml",
    field: "id",
  },
  {
    name: "a lesson id that is not a UUID",
    tweak: (f) => {
      f["sql/outline-only/lesson.yaml"] = lessonYaml("outline-only", "Coming soon");
    },
    file: "content/sql/outline-only/lesson.yaml",
    field: "id",
  },
  {
    name: "a body with no `## ` section",
    tweak: (f) => setZeta(f, ZETA_FM(), "Only a lead.\n\n### A sub-heading is not a section\n\nText."),
    file: VERSION,
    field: "body",
  },
  {
    name: "two sections with the same heading",
    tweak: (f) => setZeta(f, ZETA_FM(), "## Recap\n\nOne.\n\n## Details\n\nTwo.\n\n## Recap\n\nThree."),
    file: VERSION,
    field: "body",
  },
];

describe("loadContent rejects invalid content, naming the file and the field", () => {
  it.each(fieldCases)("$name", ({ tweak, file, field }) => {
    const error = loadError(tweak);
    expect(error.file).toBe(file);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`${file}: ${field}: `);
  });
});

describe("loadContent rejects unreadable files, naming the file", () => {
  const cases: Case[] = [
    {
      name: "a version file name missing a digit (v2026011.md)",
      tweak: (f) => {
        f["sql/zeta-lesson/v2026011.md"] = versionFile(ZETA_FM());
      },
      file: "content/sql/zeta-lesson/v2026011.md",
      field: "",
    },
    {
      name: "a version file name with an impossible date (v20261301.md)",
      tweak: (f) => {
        f["sql/zeta-lesson/v20261301.md"] = versionFile(ZETA_FM());
      },
      file: "content/sql/zeta-lesson/v20261301.md",
      field: "",
    },
    {
      name: "a version file name with a day that the month lacks (v20260230.md)",
      tweak: (f) => {
        f["sql/zeta-lesson/v20260230.md"] = versionFile(ZETA_FM());
      },
      file: "content/sql/zeta-lesson/v20260230.md",
      field: "",
    },
    {
      name: "invalid YAML in track.yaml",
      tweak: (f) => {
        f["sql/track.yaml"] = "title: [unclosed\n";
      },
      file: "content/sql/track.yaml",
      field: "",
    },
    {
      name: "invalid YAML in lesson.yaml",
      tweak: (f) => {
        f["sql/alpha-lesson/lesson.yaml"] = "id: {\n";
      },
      file: "content/sql/alpha-lesson/lesson.yaml",
      field: "",
    },
    {
      name: "invalid YAML front matter",
      tweak: (f) => {
        f["sql/zeta-lesson/v20260110.md"] = "---\ntitle: [oops\n---\n\n## Section\n";
      },
      file: VERSION,
      field: "",
    },
    {
      name: "a version file without front matter",
      tweak: (f) => {
        f["sql/zeta-lesson/v20260110.md"] = BODY;
      },
      file: VERSION,
      field: "",
    },
  ];

  it.each(cases)("$name", ({ tweak, file, field }) => {
    const error = loadError(tweak);
    expect(error.file).toBe(file);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${file}: `)).toBe(true);
  });

  it("says what a version file name should look like", () => {
    const error = loadError((f) => {
      f["sql/zeta-lesson/v20261301.md"] = versionFile(ZETA_FM());
    });
    expect(error.message).toContain("vYYYYMMDD");
  });

  it("says the YAML is invalid", () => {
    const error = loadError((f) => {
      f["sql/track.yaml"] = "title: [unclosed\n";
    });
    expect(error.message).toMatch(/invalid YAML/);
  });

  it("reports a missing content folder", () => {
    expect(() => loadContent(path.join(os.tmpdir(), "ln-content-does-not-exist", "content"))).toThrow(ContentError);
  });
});
