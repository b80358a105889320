import path from "node:path";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { ContentError, loadContent } from "./load";
import { frontMatter, without, versionFile, lessonYaml, loadError, ZETA_ID, OUTLINE_ID, BODY } from "./load-fixture";
import type { Files, FrontMatter } from "./load-fixture";

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
  { name: "an unknown level in a version", tweak: (f) => setZeta(f, { ...ZETA_FM(), level: "expert" }), file: VERSION, field: "level" },
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
  { name: "an unknown top-level key (strict object)", tweak: (f) => setZeta(f, { ...ZETA_FM(), difficulty: "hard" }), file: VERSION, field: "difficulty" },
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
  { name: "a slug that is not the folder name", tweak: (f) => setZeta(f, frontMatter("zeta-lessons")), file: VERSION, field: "slug" },
  {
    name: "a slug that is not the folder name, in the newest of several versions",
    tweak: (f) => {
      f["sql/alpha-lesson/v20260301.md"] = versionFile(frontMatter("alpha"));
    },
    file: "content/sql/alpha-lesson/v20260301.md",
    field: "slug",
  },
  { name: "a dataset that does not exist", tweak: (f) => setZeta(f, { ...ZETA_FM(), dataset: "warehouse" }), file: VERSION, field: "dataset" },
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
    ...[
      ["v2026011", "missing a digit"],
      ["v20261301", "with an impossible date"],
      ["v20260230", "with a day that the month lacks"],
    ].map(([version, what]) => ({
      name: `a version file name ${what} (${version}.md)`,
      tweak: (f: Files) => {
        f[`sql/zeta-lesson/${version}.md`] = versionFile(ZETA_FM());
      },
      file: `content/sql/zeta-lesson/${version}.md`,
      field: "",
    })),
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
