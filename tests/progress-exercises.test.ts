import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { catalogCapstone, catalogLesson, catalogTrackLessonIds, catalogTrackProgressIds } from "@/lib/content/catalog";
import { getDashboard } from "@/lib/db/progress/dashboard";
import { exportProgress } from "@/lib/db/progress/export";
import { getProgress } from "@/lib/db/progress/read";
import { resetProgress } from "@/lib/db/progress/reset";
import { ZCheckedSyncRequest } from "@/lib/db/progress/content-checks";
import { syncProgress } from "@/lib/db/progress/sync";
import { createUser } from "@/lib/db/users";
import { applyMutations, emptyProgress, type TExerciseMutation, type TMutation } from "@/lib/domain/progress";
import { toErrorResponse } from "@/lib/http/route";

/** A batch as the route gets it: parsed once by ZCheckedSyncRequest (which refuses it with a ZodError), then synced. */
async function syncUnparsed(input: { userId: string; mutations: unknown }) {
  return syncProgress({ userId: input.userId, ...ZCheckedSyncRequest.parse({ mutations: input.mutations }) });
}

/**
 * Solved SQL lab exercises as progress, on a real database (in-memory PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): synced, merged with the first solve kept, validated against the content,
 * counted on the dashboard, exported and reset.
 */
const NULL_HANDLING = catalogTrackLessonIds("sql")!.find((id) => catalogLesson(id)!.slug === "null-handling")!;
const SELF_JOINS = catalogTrackLessonIds("sql")!.find((id) => catalogLesson(id)!.slug === "self-joins")!;
const BASICS_CAPSTONE = catalogTrackProgressIds("sql")!.find((id) => catalogCapstone(id)?.part === "basics")!;
const unique = () => randomBytes(4).toString("hex");
const newUser = () =>
  createUser({ name: `Solver ${unique()}`, email: `x-${unique()}@test.example`, password: "a-fine-password-1" });
/** Every exercise of a track's capstones. */
const capstoneTotal = (track: string) =>
  catalogTrackProgressIds(track)!.reduce((n, id) => n + (catalogCapstone(id)?.exercises.length ?? 0), 0);
const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 10, minute)).toISOString();

const solve = (
  exerciseId: string,
  engine: "sqlite" | "postgres",
  minute: number,
  lessonId = NULL_HANDLING,
): TExerciseMutation => ({
  id: randomUUID(),
  kind: "exercise",
  lessonId,
  exerciseId,
  engine,
  clientTime: at(minute),
});

async function solvedOf(userId: string, lessonId = NULL_HANDLING) {
  return (await getProgress({ userId })).lessons.find((l) => l.lessonId === lessonId)?.exercises;
}

describe("exercise progress", () => {
  it("stores a solve, answers the merged state, and treats a re-sent mutation as a duplicate", async () => {
    const user = await newUser();
    const m = solve("unknown-city", "sqlite", 5);
    const first = await syncProgress({ userId: user.id, mutations: [m] });
    expect(first.applied).toEqual([m.id]);
    expect(first.lessons).toHaveLength(1);
    expect(first.lessons[0]!.exercises).toEqual({ "unknown-city": { at: at(5), engine: "sqlite" } });
    const again = await syncProgress({ userId: user.id, mutations: [m] });
    expect(again).toMatchObject({ applied: [], duplicates: [m.id] });
    expect(await solvedOf(user.id)).toEqual({ "unknown-city": { at: at(5), engine: "sqlite" } });
  });

  it("keeps the first solve: an earlier solve that arrives later replaces a later one, never the reverse", async () => {
    const user = await newUser();
    await syncProgress({ userId: user.id, mutations: [solve("city-or-unknown", "sqlite", 30)] });
    await syncProgress({ userId: user.id, mutations: [solve("city-or-unknown", "postgres", 10)] });
    await syncProgress({ userId: user.id, mutations: [solve("city-or-unknown", "sqlite", 20)] });
    expect(await solvedOf(user.id)).toEqual({ "city-or-unknown": { at: at(10), engine: "postgres" } });
  });

  it("takes several solves of one exercise in one batch, and agrees with the pure merge rules", async () => {
    const user = await newUser();
    const batch: TMutation[] = [
      solve("not-in-null-trap", "postgres", 8),
      solve("not-in-null-trap", "sqlite", 8),
      solve("not-in-null-trap", "sqlite", 12),
      solve("unknown-city", "postgres", 3),
      solve("skip-level", "sqlite", 7, SELF_JOINS),
    ];
    const res = await syncProgress({ userId: user.id, mutations: batch });
    expect(res.applied).toHaveLength(5);
    const model = applyMutations(emptyProgress(), batch).lessons;
    expect(await solvedOf(user.id)).toEqual(model[NULL_HANDLING]!.exercises);
    expect(await solvedOf(user.id)).toEqual({
      "not-in-null-trap": { at: at(8), engine: "postgres" },
      "unknown-city": { at: at(3), engine: "postgres" },
    });
    // a lesson touched only by a solve gets a progress row, shown as started
    expect(await solvedOf(user.id, SELF_JOINS)).toEqual({ "skip-level": { at: at(7), engine: "sqlite" } });
  });

  it("refuses a solve of an exercise the lesson does not have, or on an engine the exercise does not run on (422, nothing written)", async () => {
    const user = await newUser();
    const ok = solve("unknown-city", "sqlite", 1);
    const problems = async (mutations: unknown[]) => {
      try {
        await syncUnparsed({ userId: user.id, mutations });
      } catch (error) {
        expect(error).toBeInstanceOf(ZodError);
        const res = toErrorResponse(error, "test");
        expect(res.status).toBe(422);
        return Object.keys(((await res.json()) as { error: { fields: Record<string, string[]> } }).error.fields);
      }
      throw new Error("expected a validation error");
    };
    expect(await problems([ok, solve("no-such-exercise", "sqlite", 2)])).toEqual(["mutations.1.exerciseId"]);
    expect(await problems([{ ...ok, id: randomUUID(), engine: "mysql" }])).toEqual(["mutations.0.engine"]);
    expect(await problems([{ ...ok, id: randomUUID(), exerciseId: "Bad Id" }])).toEqual(["mutations.0.exerciseId"]);
    expect(await solvedOf(user.id)).toBeUndefined();
  });

  it("counts solved exercises per track on the dashboard, exports them and resets them with the track", async () => {
    const user = await newUser();
    const inLessons = catalogTrackLessonIds("sql")!.reduce((n, id) => n + catalogLesson(id)!.exerciseIds.length, 0);
    expect(inLessons).toBeGreaterThanOrEqual(36);
    const inCapstones = capstoneTotal("sql");
    const total = inLessons + inCapstones;
    await syncProgress({
      userId: user.id,
      mutations: [
        solve("unknown-city", "sqlite", 1),
        solve("city-or-unknown", "postgres", 2),
        solve("skip-level", "sqlite", 3, SELF_JOINS),
      ],
    });
    const sql = (await getDashboard({ userId: user.id, tzOffset: 0 })).tracks.find((t) => t.slug === "sql")!;
    expect(sql.exercises).toEqual({ solved: 3, total, capstones: { solved: 0, total: inCapstones } });

    const exported = await exportProgress(user.id);
    expect(exported.solvedExercises.map((e) => [e.exerciseId, e.engine])).toEqual([
      ["unknown-city", "sqlite"],
      ["city-or-unknown", "postgres"],
      ["skip-level", "sqlite"],
    ]);
    expect(exported.mutations.filter((m) => m.kind === "exercise")).toHaveLength(3);

    const reset = await resetProgress({ userId: user.id, track: "sql" });
    expect(reset.solvedExercises).toBe(3);
    expect((await exportProgress(user.id)).solvedExercises).toEqual([]);
    expect(
      (await getDashboard({ userId: user.id, tzOffset: 0 })).tracks.find((t) => t.slug === "sql")!.exercises,
    ).toEqual({ solved: 0, total, capstones: { solved: 0, total: inCapstones } });
  });

  it("counts capstone solves in their own track's dashboard totals, never in another track's", async () => {
    const user = await newUser();
    const fresh = await getDashboard({ userId: (await newUser()).id, tzOffset: 0 });
    const inCapstones = capstoneTotal("sql");
    expect(inCapstones).toBeGreaterThanOrEqual(5);
    await syncProgress({
      userId: user.id,
      mutations: [
        solve("cities-with-new-customers", "postgres", 1, BASICS_CAPSTONE),
        solve("unknown-city", "sqlite", 2),
      ],
    });
    const dashboard = await getDashboard({ userId: user.id, tzOffset: 0 });
    const sql = dashboard.tracks.find((t) => t.slug === "sql")!;
    const sqlBefore = fresh.tracks.find((t) => t.slug === "sql")!;
    expect(sql.exercises).toEqual({
      solved: 2,
      total: sqlBefore.exercises.total,
      capstones: { solved: 1, total: inCapstones },
    });
    expect(sqlBefore.exercises.total).toBe(inCapstones + catalogTrackLessonIds("sql")!.reduce((n, id) => n + catalogLesson(id)!.exerciseIds.length, 0));
    // the other track's figures are what a learner with no progress sees
    const others = dashboard.tracks.filter((t) => t.slug !== "sql");
    expect(others.length).toBeGreaterThanOrEqual(1);
    expect(others.map((t) => [t.slug, t.exercises])).toEqual(fresh.tracks.filter((t) => t.slug !== "sql").map((t) => [t.slug, t.exercises]));
    expect(others.every((t) => t.exercises.solved === 0)).toBe(true);
  });

  it("records a capstone's exercises under the capstone's id, refuses them under a lesson's, and resets them with the track", async () => {
    const user = await newUser();
    const capstone = solve("cities-with-new-customers", "postgres", 4, BASICS_CAPSTONE);
    await syncProgress({ userId: user.id, mutations: [capstone] });
    expect(await solvedOf(user.id, BASICS_CAPSTONE)).toEqual({
      "cities-with-new-customers": { at: at(4), engine: "postgres" },
    });
    expect((await getProgress({ userId: user.id, track: "sql" })).lessons.map((l) => l.lessonId)).toEqual([
      BASICS_CAPSTONE,
    ]);

    // a capstone exercise is not an exercise of a lesson, nor a lesson exercise one of the capstone's
    const refused = async (m: TMutation) => {
      const error = await syncUnparsed({ userId: user.id, mutations: [m] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZodError);
      return Object.keys(
        ((await toErrorResponse(error, "test").json()) as { error: { fields: Record<string, string[]> } }).error.fields,
      );
    };
    expect(await refused(solve("cities-with-new-customers", "sqlite", 5))).toEqual(["mutations.0.exerciseId"]);
    expect(await refused(solve("unknown-city", "sqlite", 5, BASICS_CAPSTONE))).toEqual(["mutations.0.exerciseId"]);
    // only exercises are recorded under a capstone: it has no version to complete
    expect(
      await refused({
        id: randomUUID(),
        kind: "complete",
        lessonId: BASICS_CAPSTONE,
        version: "v20260101",
        clientTime: at(6),
      }),
    ).toEqual(["mutations.0.lessonId"]);

    const reset = await resetProgress({ userId: user.id, track: "sql" });
    expect(reset.solvedExercises).toBe(1);
    expect(await solvedOf(user.id, BASICS_CAPSTONE)).toBeUndefined();
  });
});
