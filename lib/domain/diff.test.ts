import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { diffVersions, type TDiffVersion } from "./diff";

function version(v: string, overrides: Partial<TDiffVersion> = {}): TDiffVersion {
  return {
    version: v,
    change: { kind: "minor", note: `note ${v}` },
    title: "Joins",
    summary: "How joins work.",
    tip: "Name your join columns.",
    sections: [
      { id: "intro", heading: "Intro", markdown: "Intro text." },
      { id: "inner", heading: "Inner", markdown: "Inner text." },
      { id: "outer", heading: "Outer", markdown: "Outer text." },
    ],
    quiz: [
      { id: "q-one", question: "One?", choices: [{ text: "a", correct: true, explanation: "yes" }] },
      { id: "q-two", question: "Two?", choices: [{ text: "b", correct: true, explanation: "yes" }] },
    ],
    interview: [{ q: "Interview?", a: "Answer." }],
    selfCheck: [{ q: "Old check?", a: "Yes." }],
    cards: [{ front: "Front", back: "Back" }],
    ...overrides,
  };
}

/** `changes` holds exactly these entries, in any order. */
function expectSameEntries(changes: unknown[], entries: unknown[]) {
  expect(changes).toEqual(expect.arrayContaining(entries));
  expect(changes).toHaveLength(entries.length);
}

describe("diffVersions", () => {
  it("reports nothing for identical versions", () => {
    const from = version("v1");
    const to = version("v2");
    const d = diffVersions(from, to, [to]);
    expect(d).toMatchObject({ from: "v1", to: "v2", kind: "minor", sections: [], quiz: [], other: [], newSelfCheck: [] });
  });

  it("reports added, removed and changed sections by id, and leaves unchanged ones out", () => {
    const from = version("v1");
    const to = version("v2", {
      sections: [
        { id: "intro", heading: "Intro", markdown: "Intro text." },
        { id: "inner", heading: "Inner", markdown: "Inner text, rewritten." },
        { id: "cross", heading: "Cross", markdown: "New." },
      ],
    });
    const { sections } = diffVersions(from, to, [to]);
    expectSameEntries(sections, [
      { id: "inner", title: "Inner", status: "changed" },
      { id: "cross", title: "Cross", status: "added" },
      { id: "outer", title: "Outer", status: "removed" },
    ]);
    expect(sections.map((s) => s.id)).not.toContain("intro");
  });

  it("counts a renamed heading with the same id as changed", () => {
    const from = version("v1");
    const to = version("v2", {
      sections: [{ id: "intro", heading: "Introduction", markdown: "Intro text." }, ...from.sections.slice(1)],
    });
    expect(diffVersions(from, to, [to]).sections).toEqual([{ id: "intro", title: "Introduction", status: "changed" }]);
  });

  it("does not report a section that only moved", () => {
    const from = version("v1");
    const to = version("v2", { sections: [...from.sections].reverse() });
    expect(diffVersions(from, to, [to]).sections).toEqual([]);
  });

  it("reports added, removed and changed quiz questions by id", () => {
    const from = version("v1");
    const to = version("v2", {
      quiz: [
        { id: "q-one", question: "One?", choices: [{ text: "a", correct: true, explanation: "clearer" }] },
        { id: "q-three", question: "Three?", choices: [{ text: "c", correct: true, explanation: "yes" }] },
      ],
    });
    const { quiz } = diffVersions(from, to, [to]);
    expectSameEntries(quiz, [
      { id: "q-one", title: "One?", status: "changed" },
      { id: "q-three", title: "Three?", status: "added" },
      { id: "q-two", title: "Two?", status: "removed" },
    ]);
  });

  it("is major when any version in between is major", () => {
    const from = version("v1");
    const mid = version("v2", { change: { kind: "major", note: "big" } });
    const to = version("v3");
    const d = diffVersions(from, to, [mid, to]);
    expect(d.kind).toBe("major");
    expect(d.notes).toEqual([
      { version: "v2", kind: "major", note: "big" },
      { version: "v3", kind: "minor", note: "note v3" },
    ]);
  });

  it("is minor when every version in between is minor", () => {
    const from = version("v1", { change: { kind: "major", note: "the old one was major" } });
    const mid = version("v2");
    const to = version("v3");
    expect(diffVersions(from, to, [mid, to]).kind).toBe("minor");
  });

  it("lists the other parts that changed, and only those", () => {
    const from = version("v1");
    const to = version("v2", { tip: "A new tip.", cards: [{ front: "Front", back: "Better back" }] });
    expect(diffVersions(from, to, [to]).other).toEqual([
      { part: "cards", status: "changed" },
      { part: "tip", status: "changed" },
    ]);
  });

  it("notices changes to title, summary, interview and self-check", () => {
    const from = version("v1");
    const to = version("v2", {
      title: "Joins, again",
      summary: "Better.",
      interview: [{ q: "Interview?", a: "Better answer." }],
      selfCheck: [{ q: "Old check?", a: "Better." }],
    });
    expect(diffVersions(from, to, [to]).other.map((o) => o.part)).toEqual(["title", "summary", "interview", "selfCheck"]);
  });

  it("lists self-check questions that are new in `to`", () => {
    const from = version("v1");
    const to = version("v2", {
      selfCheck: [
        { q: "Old check?", a: "Reworded answer." },
        { q: "New check?", a: "Yes." },
      ],
    });
    expect(diffVersions(from, to, [to]).newSelfCheck).toEqual(["New check?"]);
  });
});

describe("diffVersions on the real migrations-basics lesson", () => {
  const sql = loadContent(path.resolve("content")).find((t) => t.slug === "sql")!;
  const lesson = sql.lessons.find((l) => l.folder === "migrations-basics")!;
  const from = lesson.versions.find((v) => v.version === "v20260312")!;
  const to = lesson.versions.find((v) => v.version === "v20260528")!;
  const d = diffVersions(from, to, [to]);

  it("is a major change from v20260312 to v20260528", () => {
    expect(d).toMatchObject({ from: "v20260312", to: "v20260528", kind: "major" });
  });

  it("reports the new sections, including Safe migration habits", () => {
    expect(d.sections).toContainEqual({ id: "safe-migration-habits", title: "Safe migration habits", status: "added" });
    expect(d.sections).toContainEqual({ id: "expand-and-contract", title: "Expand and contract", status: "added" });
    // "Why migrations" is in both versions: matched by id, so never reported as added or removed.
    expect(d.sections.filter((s) => s.id === "why-migrations" && s.status !== "changed")).toEqual([]);
  });

  it("lists the self-check questions new in the later version", () => {
    expect(d.newSelfCheck).toContain("What is a common order for adding a NOT NULL column to a populated table?");
    expect(d.newSelfCheck).not.toContain("Why should a production schema not be changed by typing ALTER TABLE into a console?");
  });
});
