import fs from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { currentVersion, loadContent } from "./load";
import { frontMatter, versionFile, validFiles, writeTree, load, ALPHA_ID, ZETA_ID, OUTLINE_ID, BODY } from "./load-fixture";

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

