/**
 * Section-level difference between two versions of a lesson: which body sections and quiz
 * questions were added, removed or changed, and whether any version in between was a major change.
 * Pure: takes the already-loaded versions.
 */
export type TChangeKind = "major" | "minor";

export type TDiffVersion = {
  version: string;
  change: { kind: TChangeKind; note: string };
  sections: { id: string; heading: string; markdown: string }[];
  quiz: { id: string; question: string; choices: { text: string; correct: boolean; explanation: string }[] }[];
  interview: { q: string; a: string }[];
  selfCheck: { q: string; a: string }[];
  cards: { front: string; back: string }[];
  tip: string;
  title: string;
  summary: string;
};

export type TItemChange = { id: string; title: string; status: "added" | "removed" | "changed" };

export type TLessonDiff = {
  from: string;
  to: string;
  kind: TChangeKind;
  notes: { version: string; kind: TChangeKind; note: string }[];
  sections: TItemChange[];
  quiz: TItemChange[];
  /** Other parts (interview Q&A, self-check, cards, tip, title, summary) that differ. */
  other: { part: "title" | "summary" | "interview" | "selfCheck" | "cards" | "tip"; status: "changed" }[];
  /** Self-check questions present in `to` but not in `from` (for "redo these"). */
  newSelfCheck: string[];
};

function compareById<T extends { id: string }>(
  from: T[],
  to: T[],
  title: (item: T) => string,
  same: (a: T, b: T) => boolean,
): TItemChange[] {
  const before = new Map(from.map((x) => [x.id, x]));
  const after = new Map(to.map((x) => [x.id, x]));
  const changes: TItemChange[] = [];
  for (const item of to) {
    const old = before.get(item.id);
    if (!old) changes.push({ id: item.id, title: title(item), status: "added" });
    else if (!same(old, item)) changes.push({ id: item.id, title: title(item), status: "changed" });
  }
  for (const item of from) {
    if (!after.has(item.id)) changes.push({ id: item.id, title: title(item), status: "removed" });
  }
  return changes;
}

const json = (x: unknown) => JSON.stringify(x);

/**
 * `between` are all versions after `from` up to and including `to`, oldest first; the diff is major
 * when any of them is.
 */
export function diffVersions(from: TDiffVersion, to: TDiffVersion, between: TDiffVersion[]): TLessonDiff {
  const sections = compareById(
    from.sections,
    to.sections,
    (s) => s.heading,
    (a, b) => a.markdown === b.markdown && a.heading === b.heading,
  );
  const quiz = compareById(from.quiz, to.quiz, (q) => q.question, (a, b) => json(a) === json(b));
  const other: TLessonDiff["other"] = [];
  for (const part of ["title", "summary", "interview", "selfCheck", "cards", "tip"] as const) {
    if (json(from[part]) !== json(to[part])) other.push({ part, status: "changed" });
  }
  const oldChecks = new Set(from.selfCheck.map((c) => c.q));
  const notes = between.map((v) => ({ version: v.version, kind: v.change.kind, note: v.change.note }));
  return {
    from: from.version,
    to: to.version,
    kind: notes.some((n) => n.kind === "major") ? "major" : "minor",
    notes,
    sections,
    quiz,
    other,
    newSelfCheck: to.selfCheck.filter((c) => !oldChecks.has(c.q)).map((c) => c.q),
  };
}
