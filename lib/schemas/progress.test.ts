import { describe, expect, it } from "vitest";
import { SYNC_BATCH_MAX, progressQuerySchema, syncRequestSchema, type TProgressContent } from "./progress";

/** Content made up for the test: the schemas check against what they are given, not the real catalog. */
const LESSON = "0f8fad5b-d9cb-469f-a165-70867728950e";
const content: TProgressContent = {
  lesson: (id) =>
    id === LESSON
      ? { versions: [{ version: "v20260101", quizIds: ["q1", "q2"], selfCheckCount: 3 }], cards: [{}], exercises: [{ id: "count-rows", engines: ["sqlite"] }] }
      : undefined,
  isTrack: (slug) => slug === "made-up",
};
const ZSyncRequest = syncRequestSchema(content);
const base = { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", clientTime: "2026-05-28T10:00:00.000Z", lessonId: LESSON };

describe("sync batch (issue 11, finding 3)", () => {
  it("a batch over the limit is refused by its length alone: its elements are not validated", () => {
    const result = ZSyncRequest.safeParse({ mutations: Array.from({ length: 200_000 }, () => ({ kind: "nonsense" })) });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toHaveLength(1);
    expect(result.error!.issues[0]).toMatchObject({ path: ["mutations"], message: `must hold at most ${SYNC_BATCH_MAX} mutations` });
  });

  it("a batch within the limit still has each element checked", () => {
    const result = ZSyncRequest.safeParse({ mutations: [{ kind: "nonsense" }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path[0]).toBe("mutations");
    expect(result.error!.issues[0]!.path[1]).toBe(0);
  });
});

describe("content checks use the content passed in (issue 14)", () => {
  it("accepts mutations that fit the given content and names each field that does not", () => {
    const ok = ZSyncRequest.safeParse({
      mutations: [
        { ...base, kind: "complete", version: "v20260101" },
        { ...base, kind: "exercise", exerciseId: "count-rows", engine: "sqlite" },
        { id: base.id, clientTime: base.clientTime, kind: "review", itemKey: `card:${LESSON}:0`, rating: 3 },
      ],
    });
    expect(ok.error?.issues).toBeUndefined();
    const bad = ZSyncRequest.safeParse({
      mutations: [
        { ...base, kind: "quiz", attemptId: base.id, version: "v20260101", answers: { q1: 0 }, score: 1, total: 3 },
        { ...base, kind: "exercise", exerciseId: "count-rows", engine: "postgres" },
        { ...base, lessonId: "9b2e6f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b", kind: "visit" },
        { ...base, kind: "selfCheck", index: 3, state: "known" },
      ],
    });
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["mutations.0.total", "must be 2, the number of questions"],
      ["mutations.1.engine", "this exercise runs on sqlite"],
      ["mutations.2.lessonId", "is not a published lesson"],
      ["mutations.3.index", "must be below 3"],
    ]);
  });

  it("the track filter knows the given tracks only", () => {
    const ZQuery = progressQuerySchema(content);
    expect(ZQuery.parse({ track: "made-up" })).toEqual({ track: "made-up" });
    expect(ZQuery.parse({})).toEqual({});
    expect(ZQuery.safeParse({ track: "sql" }).error!.issues[0]).toMatchObject({ path: ["track"], message: "is not a track" });
  });
});
