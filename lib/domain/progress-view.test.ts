import { describe, expect, it } from "vitest";
import { emptyLesson, type TLessonState } from "./progress";
import {
  activityCalendar,
  calibrationVerdict,
  changedSinceCompleted,
  confidenceDistribution,
  continueTarget,
  exerciseCountText,
  exerciseProgress,
  lessonStatus,
  saveStatusText,
  trackExerciseProgress,
  trackExerciseText,
  trackProgress,
  type TOutlineTrack,
} from "./progress-view";

const VERSIONS = [
  { version: "v20260312", kind: "major" as const },
  { version: "v20260401", kind: "minor" as const },
  { version: "v20260528", kind: "major" as const },
];
const lesson = (id: string, patch: Partial<TLessonState> = {}): TLessonState => ({ ...emptyLesson(id), ...patch });

describe("exercise counts", () => {
  const solved = { at: "2026-06-01T00:00:00.000Z", engine: "postgres" as const };
  it("counts solved exercises that the content still offers, over the given lessons", () => {
    const lessons = { a: lesson("a", { exercises: { one: solved, gone: solved } }), b: lesson("b", { exercises: { three: solved } }) };
    expect(exerciseProgress({ a: ["one", "two"], b: ["three"], c: ["four"] }, lessons)).toEqual({ solved: 2, total: 4 });
    expect(exerciseProgress({}, lessons)).toEqual({ solved: 0, total: 0 });
  });

  it("says it in words", () => {
    expect(exerciseCountText({ solved: 4, total: 37 })).toBe("4 of 37 exercises solved");
    expect(exerciseCountText({ solved: 0, total: 1 })).toBe("0 of 1 exercise solved");
  });

  it("counts a track's capstones with its lessons, and only the ids given (another track's solves stay out)", () => {
    const states = {
      a: lesson("a", { exercises: { one: solved } }),
      cap: lesson("cap", { exercises: { x: solved, y: solved } }),
      otherTrackCap: lesson("otherTrackCap", { exercises: { z: solved } }),
    };
    expect(trackExerciseProgress({ a: ["one", "two"] }, { cap: ["x", "y", "w"] }, states)).toEqual({
      solved: 3,
      total: 5,
      capstones: { solved: 2, total: 3 },
    });
    expect(trackExerciseProgress({ b: ["four"] }, { otherTrackCap: ["z"] }, states)).toEqual({
      solved: 1,
      total: 2,
      capstones: { solved: 1, total: 1 },
    });
    expect(trackExerciseProgress({ a: ["one"] }, {}, states)).toEqual({ solved: 1, total: 1, capstones: { solved: 0, total: 0 } });
  });

  it("says that capstones are included, with their share on request", () => {
    const p = { solved: 12, total: 46, capstones: { solved: 2, total: 10 } };
    expect(trackExerciseText(p)).toBe("12 of 46 exercises solved (incl. capstones)");
    expect(trackExerciseText(p, { detail: true })).toBe("12 of 46 exercises solved (incl. capstones: 2 of 10)");
    // a track without capstones says nothing about them
    expect(trackExerciseText({ solved: 1, total: 3, capstones: { solved: 0, total: 0 } }, { detail: true })).toBe("1 of 3 exercises solved");
  });
});

describe("lesson status", () => {
  it("is not started, in progress, completed, or completed with a major change since", () => {
    expect(lessonStatus(undefined, VERSIONS)).toBe("not-started");
    expect(lessonStatus(lesson("a"), VERSIONS)).toBe("not-started");
    expect(lessonStatus(lesson("a", { visitedAt: "2026-06-01T00:00:00.000Z" }), VERSIONS)).toBe("visited");
    expect(lessonStatus(lesson("a", { confidence: 2, confidenceAt: "2026-06-01T00:00:00.000Z" }), VERSIONS)).toBe("visited");
    expect(lessonStatus(lesson("a", { exercises: { x: { at: "2026-06-01T00:00:00.000Z", engine: "sqlite" } } }), VERSIONS)).toBe("visited");
    expect(lessonStatus(lesson("a", { completedVersion: "v20260528", completedAt: "x" }), VERSIONS)).toBe("completed");
    expect(lessonStatus(lesson("a", { completedVersion: "v20260312", completedAt: "x" }), VERSIONS)).toBe("outdated");
  });

  it("only a newer major version counts as changed", () => {
    expect(changedSinceCompleted("v20260312", VERSIONS)).toBe(true);
    expect(changedSinceCompleted("v20260401", VERSIONS)).toBe(true);
    expect(changedSinceCompleted("v20260312", VERSIONS.slice(0, 2))).toBe(false);
    expect(changedSinceCompleted(null, VERSIONS)).toBe(false);
  });
});

describe("track percentage and confidence", () => {
  it("counts completed published lessons", () => {
    const lessons = { a: lesson("a", { completedVersion: "v1", completedAt: "x" }), b: lesson("b", { visitedAt: "x" }) };
    expect(trackProgress(["a", "b", "c"], lessons)).toEqual({ completed: 1, published: 3, percent: 33 });
    expect(trackProgress([], lessons)).toEqual({ completed: 0, published: 0, percent: 0 });
  });

  it("distributes ratings and names calibration", () => {
    const ls = [lesson("a", { confidence: 4, confidenceAt: "x" }), lesson("b", { confidence: 4, confidenceAt: "x" }), lesson("c", { confidence: 1, confidenceAt: "x" }), lesson("d")];
    expect(confidenceDistribution(ls)).toEqual({ counts: [1, 0, 0, 2], unrated: 1 });
    expect(calibrationVerdict(3, { score: 2, total: 4 })).toBe("rated confident, missed 2 of 4");
    expect(calibrationVerdict(1, { score: 4, total: 4 })).toBe("rated unsure, all 4 right");
    expect(calibrationVerdict(null, null)).toBe("not rated, no quiz attempt yet");
  });
});

describe("continue where you left off", () => {
  const track: TOutlineTrack = {
    slug: "sql",
    title: "SQL",
    lessons: [
      { id: "a", slug: "a", title: "A", step: 1, published: true },
      { id: "b", slug: "b", title: "B", step: 2, published: false },
      { id: "c", slug: "c", title: "C", step: 3, published: true },
    ],
  };
  it("starts, resumes the last visited lesson, then moves to the next one not completed", () => {
    expect(continueTarget([track], {})).toEqual({ kind: "start" });
    const visitedA = { a: lesson("a", { visitedAt: "2026-06-02T00:00:00.000Z" }), c: lesson("c", { visitedAt: "2026-06-01T00:00:00.000Z" }) };
    expect(continueTarget([track], visitedA)).toMatchObject({ kind: "resume", lesson: { id: "a" } });
    const doneA = { ...visitedA, a: lesson("a", { visitedAt: "2026-06-02T00:00:00.000Z", completedVersion: "v1", completedAt: "x" }) };
    expect(continueTarget([track], doneA)).toMatchObject({ kind: "next", lesson: { id: "c" } });
    const all = { ...doneA, c: lesson("c", { completedVersion: "v1", completedAt: "x" }) };
    expect(continueTarget([track], all)).toMatchObject({ kind: "done" });
  });
});

describe("activity calendar", () => {
  it("lays out 53 weeks ending today, with levels relative to the busiest day", () => {
    const cal = activityCalendar(
      [
        { date: "2026-11-26", count: 8 },
        { date: "2026-11-20", count: 2 },
        { date: "2025-01-01", count: 50 }, // older than a year: outside
      ],
      "2026-11-26",
    );
    expect(cal.weeks).toHaveLength(53);
    expect(cal.weeks[0]![0]!.date).toBe("2025-11-23"); // a Sunday, 52 weeks before this week's Sunday
    expect(cal.weeks.at(-1)!.at(-1)).toEqual({ date: "2026-11-26", count: 8, level: 4 });
    expect(cal.weeks.at(-1)).toHaveLength(5); // Sunday to Thursday
    expect(cal.total).toBe(10);
    expect(cal.activeDays).toBe(2);
    expect(cal.busiest).toEqual({ date: "2026-11-26", count: 8 });
    expect(cal.weeks.flat().find((c) => c.date === "2026-11-20")!.level).toBe(1);
    expect(cal.months[0]).toEqual({ label: "Dec", week: 1 }); // Dec 1 follows a week later: no "Nov" squeezed in before it
    expect(activityCalendar([], "2026-11-12").months[0]).toEqual({ label: "Nov", week: 0 });
    expect(cal.perMonth.at(-1)).toEqual({ month: "2026-11", label: "Nov 2026", count: 10 });
  });
});

describe("save status", () => {
  const base = { ready: true, signedIn: true, saved: true, pending: false, online: true };
  it("says where a choice is saved, and when it is waiting for the network", () => {
    expect(saveStatusText({ ...base, ready: false })).toBe("Not saved yet.");
    expect(saveStatusText({ ...base, signedIn: false, pending: true })).toBe("Saved in this browser.");
    expect(saveStatusText({ ...base, signedIn: false, saved: false })).toBe("Not saved yet.");
    expect(saveStatusText({ ...base, pending: true, online: false })).toBe("Offline, will sync.");
    expect(saveStatusText({ ...base, pending: true })).toBe("Not saved yet.");
    expect(saveStatusText(base)).toBe("Saved.");
  });
});
