import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { catalogLesson, catalogTrackLessonIds } from "@/lib/content/catalog";
import { databaseKind, databaseReady, db } from "@/lib/db/client";
import { getDashboard, getReviewQueue } from "@/lib/db/progress/dashboard";
import { exportProgress } from "@/lib/db/progress/export";
import { getProgress } from "@/lib/db/progress/read";
import { resetProgress } from "@/lib/db/progress/reset";
import { ZCheckedSyncRequest } from "@/lib/db/progress/content-checks";
import { syncProgress } from "@/lib/db/progress/sync";
import { createUser } from "@/lib/db/users";
import { applyMutations, emptyProgress, type TMutation, type TRating } from "@/lib/domain/progress";
import { scheduleAll } from "@/lib/domain/review";
import { toErrorResponse } from "@/lib/http/route";
import { seededRandom } from "./helpers/seed";

/** A batch as the route gets it: parsed once by ZCheckedSyncRequest (which refuses it with a ZodError), then synced. */
async function syncUnparsed(input: { userId: string; mutations: unknown }) {
  return syncProgress({ userId: input.userId, ...ZCheckedSyncRequest.parse({ mutations: input.mutations }) });
}

/**
 * Progress sync against a real database: in-memory PGlite by default, PostgreSQL with
 * TEST_DATABASE_URL (where the two concurrent clients below really race on separate connections).
 */
const MIGRATIONS = "b29bfc63-1d7f-4458-80d5-1403fd95ddf7"; // v20260312 (1 question, 1 card) and v20260528 (4 questions, 3 self-checks, 4 cards)
const SELECT_BASICS = "58e31b3a-21fb-426e-a295-d406390c67e0";
const OUTLINE_ONLY = "00000000-0000-4000-8000-000000000000";
const JSONB = "e515498c-7ef2-481b-98c3-8626c9692fbd"; // PostgreSQL in practice, step 1

const unique = () => randomBytes(4).toString("hex");
const newUser = () => createUser({ name: `Learner ${unique()}`, email: `p-${unique()}@test.example`, password: "a-fine-password-1" });
const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 10, minute)).toISOString();

/** Seeded per test; the seed is printed when the test fails (tests/helpers/seed.ts). */
let random: () => number = () => {
  throw new Error("random is seeded in beforeEach");
};
beforeEach(() => {
  random = seededRandom();
});

function pick<T>(xs: readonly T[], rnd = random): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

/** A random valid mutation on one lesson, with client times from a small range (ties happen) unless `minutes` widens it. */
function randomMutation(lessonId = MIGRATIONS, minutes = 20, rnd = random): TMutation {
  const choose = <T>(xs: readonly T[]) => pick(xs, rnd);
  const base = { id: randomUUID(), clientTime: at(Math.floor(rnd() * minutes)) };
  switch (choose(["visit", "complete", "selfCheck", "quiz", "confidence", "review"] as const)) {
    case "visit":
      return { ...base, kind: "visit", lessonId };
    case "complete":
      return { ...base, kind: "complete", lessonId, version: choose(["v20260312", "v20260528"]) };
    case "selfCheck":
      return { ...base, kind: "selfCheck", lessonId, index: Math.floor(rnd() * 3), state: choose(["known", "unsure"] as const) };
    case "quiz": {
      const old = rnd() < 0.3;
      const total = old ? 1 : 4;
      return {
        ...base,
        kind: "quiz",
        lessonId,
        attemptId: randomUUID(),
        version: old ? "v20260312" : "v20260528",
        answers: old ? { "applied-table": 1 } : { "applied-table": 1, "not-null-order": 0 },
        score: Math.floor(rnd() * (total + 1)),
        total,
      };
    }
    case "confidence":
      return { ...base, kind: "confidence", lessonId, rating: choose([1, 2, 3, 4] as TRating[]) };
    case "review":
      return { ...base, kind: "review", itemKey: choose([`lesson:${lessonId}`, `card:${lessonId}:0`, `card:${lessonId}:3`]), rating: choose([1, 2, 3, 4] as TRating[]) };
  }
}

/** What the database holds for the user, in the API's shape. */
async function stateOf(userId: string) {
  const { lessons, reviews } = await getProgress({ userId });
  return { lessons: Object.fromEntries(lessons.map((l) => [l.lessonId, l])), reviews: Object.fromEntries(reviews.map((r) => [r.itemKey, r])) };
}

/** The pure model's answer for the same mutations (lib/domain): lesson states and the review schedule. */
function modelOf(mutations: TMutation[]) {
  const state = applyMutations(emptyProgress(), mutations);
  const cardCounts = { [MIGRATIONS]: catalogLesson(MIGRATIONS)!.cards.length, [SELECT_BASICS]: catalogLesson(SELECT_BASICS)!.cards.length };
  const reviews = Object.fromEntries(
    Object.values(scheduleAll(state, cardCounts)).map((s) => [
      s.itemKey,
      { itemKey: s.itemKey, lessonId: s.lessonId, due: s.due, state: s.state, reps: s.reps, lapses: s.lapses, scheduledDays: s.scheduledDays, lastReview: s.lastReview },
    ]),
  );
  return { lessons: state.lessons, reviews };
}

async function counts(userId: string) {
  await databaseReady();
  const prisma = db();
  const [lessons, attempts, reviews, log] = await Promise.all([
    prisma.lessonProgress.count({ where: { userId } }),
    prisma.quizAttempt.count({ where: { userId } }),
    prisma.reviewItem.count({ where: { userId } }),
    prisma.appliedMutation.count({ where: { userId } }),
  ]);
  return { lessons, attempts, reviews, log };
}

async function rejection(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the batch should have been refused").toBeInstanceOf(ZodError);
  // The route wrapper maps it exactly like this (lib/http/route.ts).
  const res = toErrorResponse(error, "test");
  return { status: res.status, body: (await res.json()) as { error: { code: string; fields: Record<string, string[]> } } };
}

describe(`progress sync (${databaseKind()})`, () => {
  it("applies a batch, merges by the rules, and a re-sent mutation changes nothing", async () => {
    const user = await newUser();
    const batch: TMutation[] = [
      { id: randomUUID(), kind: "visit", lessonId: MIGRATIONS, clientTime: at(1) },
      { id: randomUUID(), kind: "complete", lessonId: MIGRATIONS, version: "v20260528", clientTime: at(2) },
      { id: randomUUID(), kind: "confidence", lessonId: MIGRATIONS, rating: 3, clientTime: at(3) },
      { id: randomUUID(), kind: "selfCheck", lessonId: MIGRATIONS, index: 2, state: "known", clientTime: at(3) },
      {
        id: randomUUID(),
        kind: "quiz",
        lessonId: MIGRATIONS,
        attemptId: randomUUID(),
        version: "v20260528",
        answers: { "applied-table": 1 },
        score: 3,
        total: 4,
        clientTime: at(1),
      },
      { id: randomUUID(), kind: "visit", lessonId: SELECT_BASICS, clientTime: at(4) },
    ];
    const first = await syncProgress({ userId: user.id, mutations: batch });
    expect(first.applied.sort()).toEqual(batch.map((m) => m.id).sort());
    expect(first.duplicates).toEqual([]);
    const lesson = first.lessons.find((l) => l.lessonId === MIGRATIONS)!;
    expect(lesson).toMatchObject({ completedVersion: "v20260528", completedAt: at(2), confidence: 3, confidenceAt: at(3), visitedAt: at(1) });
    expect(lesson.selfCheck).toEqual({ "2": { state: "known", at: at(3) } });
    expect(lesson.attempts).toHaveLength(1);
    // Completing puts the lesson and its four cards in the review schedule.
    expect(first.reviews.map((r) => r.itemKey).sort()).toEqual(
      [`lesson:${MIGRATIONS}`, ...[0, 1, 2, 3].map((n) => `card:${MIGRATIONS}:${n}`)].sort(),
    );

    const before = await counts(user.id);
    const stateBefore = await stateOf(user.id);
    const again = await syncProgress({ userId: user.id, mutations: batch });
    expect(again.applied).toEqual([]);
    expect(again.duplicates.sort()).toEqual(batch.map((m) => m.id).sort());
    expect(await counts(user.id)).toEqual(before);
    expect(await stateOf(user.id)).toEqual(stateBefore);
    expect(stateBefore).toEqual(modelOf(batch));

    // An older rating and an older version arriving later change nothing either.
    await syncProgress({
      userId: user.id,
      mutations: [
        { id: randomUUID(), kind: "confidence", lessonId: MIGRATIONS, rating: 1, clientTime: at(0) },
        { id: randomUUID(), kind: "complete", lessonId: MIGRATIONS, version: "v20260312", clientTime: at(9) },
      ],
    });
    expect((await stateOf(user.id)).lessons[MIGRATIONS]).toMatchObject({ confidence: 3, completedVersion: "v20260528", completedAt: at(2) });
  });

  it("2 clients × 500 interleaved writes on one lesson end in exactly the merge of all acknowledged writes", async () => {
    const user = await newUser();
    const acknowledged: TMutation[] = [];
    // each client has its own seeded sequence, so the writes are the same whatever the interleaving
    const client = async (stream: number) => {
      const rnd = seededRandom(stream);
      const mine = Array.from({ length: 500 }, () => randomMutation(MIGRATIONS, 20, rnd));
      let previous: TMutation[] = [];
      for (let i = 0; i < mine.length; ) {
        const size = 1 + Math.floor(rnd() * 5);
        const batch = mine.slice(i, i + size);
        i += size;
        // Now and then a lost acknowledgement: the previous batch goes again with this one.
        const sent = rnd() < 0.15 ? [...previous, ...batch] : batch;
        const res = await syncProgress({ userId: user.id, mutations: sent });
        expect(res.applied.length + res.duplicates.length).toBe(new Set(sent.map((m) => m.id)).size);
        acknowledged.push(...batch);
        previous = batch;
      }
    };
    await Promise.all([client(1), client(2)]);
    expect(acknowledged).toHaveLength(1000);

    const stored = await stateOf(user.id);
    const model = modelOf(acknowledged);
    expect(stored.lessons[MIGRATIONS]).toEqual(model.lessons[MIGRATIONS]);
    expect(stored.reviews).toEqual(model.reviews);
    const c = await counts(user.id);
    expect(c.log).toBe(1000);
    expect(c.attempts).toBe(acknowledged.filter((m) => m.kind === "quiz").length);
  });

  it("large batches fold many mutations of one lesson exactly like the model", async () => {
    const user = await newUser();
    const sent: TMutation[] = [];
    for (let i = 0; i < 12; i++) {
      // Wide time range: few ties, so the newest of several ratings in one batch must win inside the batch too.
      const batch = Array.from({ length: 30 }, () => randomMutation(MIGRATIONS, 5000));
      // Half the batches take the one-statement path (no completions, attempts or reviews).
      const chosen = i % 2 === 0 ? batch.filter((m) => m.kind === "visit" || m.kind === "confidence" || m.kind === "selfCheck") : batch;
      await syncProgress({ userId: user.id, mutations: chosen });
      sent.push(...chosen);
      const stored = await stateOf(user.id);
      expect(stored.lessons[MIGRATIONS]).toEqual(modelOf(sent).lessons[MIGRATIONS]);
    }
    expect((await stateOf(user.id)).reviews).toEqual(modelOf(sent).reviews);
  });

  it("a malformed batch is a 422 naming each field and writes nothing", async () => {
    const user = await newUser();
    await syncProgress({ userId: user.id, mutations: [{ id: randomUUID(), kind: "visit", lessonId: MIGRATIONS, clientTime: at(1) }] });
    const before = await counts(user.id);
    const stateBefore = await stateOf(user.id);
    const good = { id: randomUUID(), kind: "confidence", lessonId: MIGRATIONS, rating: 4, clientTime: at(5) };

    const shape = await rejection(
      syncUnparsed({
        userId: user.id,
        mutations: [
          good,
          { id: randomUUID(), kind: "confidence", lessonId: MIGRATIONS, rating: 5, clientTime: at(5) },
          { id: "not-a-uuid", kind: "visit", lessonId: MIGRATIONS, clientTime: at(5) },
          { id: randomUUID(), kind: "dance", lessonId: MIGRATIONS, clientTime: at(5) },
          { id: randomUUID(), kind: "visit", lessonId: MIGRATIONS, clientTime: "yesterday" },
          "not a mutation",
        ],
      }),
    );
    expect(shape.status).toBe(422);
    expect(shape.body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(shape.body.error.fields).sort()).toEqual([
      "mutations.1.rating",
      "mutations.2.id",
      "mutations.3.kind",
      "mutations.4.clientTime",
      "mutations.5",
    ]);

    const content = await rejection(
      syncUnparsed({
        userId: user.id,
        mutations: [
          good,
          { id: randomUUID(), kind: "visit", lessonId: OUTLINE_ONLY, clientTime: at(5) },
          { id: randomUUID(), kind: "complete", lessonId: MIGRATIONS, version: "v20990101", clientTime: at(5) },
          { id: randomUUID(), kind: "review", itemKey: `card:${MIGRATIONS}:9`, rating: 3, clientTime: at(5) },
          {
            id: randomUUID(),
            kind: "quiz",
            lessonId: MIGRATIONS,
            attemptId: randomUUID(),
            version: "v20260528",
            answers: { "no-such-question": 0 },
            score: 5,
            total: 4,
            clientTime: at(5),
          },
          { id: randomUUID(), kind: "visit", lessonId: MIGRATIONS, clientTime: new Date(Date.now() + 3 * 86_400_000).toISOString() },
        ],
      }),
    );
    expect(content.status).toBe(422);
    expect(Object.keys(content.body.error.fields).sort()).toEqual([
      "mutations.1.lessonId",
      "mutations.2.version",
      "mutations.3.itemKey",
      "mutations.4.answers",
      "mutations.4.score",
      "mutations.5.clientTime",
    ]);

    for (const body of [[], "nope", Array.from({ length: 201 }, () => good)]) {
      const r = await rejection(syncUnparsed({ userId: user.id, mutations: body }));
      expect(r.status).toBe(422);
      expect(Object.keys(r.body.error.fields)).toEqual(["mutations"]);
    }
    expect(await counts(user.id)).toEqual(before);
    expect(await stateOf(user.id)).toEqual(stateBefore);
  });

  it("resets one track, keeps the ids (a re-sent mutation stays a duplicate) and exports the log", async () => {
    const user = await newUser();
    const batch = [randomMutation(), randomMutation(), { id: randomUUID(), kind: "complete", lessonId: MIGRATIONS, version: "v20260528", clientTime: at(3) } as TMutation];
    await syncProgress({ userId: user.id, mutations: batch });
    const exported = await exportProgress(user.id);
    expect(exported.mutations.map((m) => m.id).sort()).toEqual(batch.map((m) => m.id).sort());
    expect(exported.lessons).toHaveLength(1);
    expect(exported.reviewItems.length).toBeGreaterThan(0);

    const result = await resetProgress({ userId: user.id, track: "sql" });
    expect(result.lessons).toBe(1);
    expect(await getProgress({ userId: user.id })).toEqual({ lessons: [], reviews: [] });
    const again = await syncProgress({ userId: user.id, mutations: batch });
    expect(again.duplicates).toHaveLength(3);
    expect((await getProgress({ userId: user.id })).lessons[0]).toMatchObject({ completedVersion: null, confidence: null, attempts: [] });
    const after = await exportProgress(user.id);
    expect(after.mutations.every((m) => m.resetAt !== null && m.payload === null)).toBe(true);
  });

  it("dashboard: track percentage, confidence, activity by the learner's day, calibration and review counts", async () => {
    const [user, other] = await Promise.all([newUser(), newUser()]);
    const now = new Date(Date.UTC(2026, 10, 26, 12));
    const late = new Date(Date.UTC(2026, 10, 20, 23, 30)).toISOString(); // Nov 21 in UTC+1
    await syncProgress({
      userId: user.id,
      mutations: [
        { id: randomUUID(), kind: "complete", lessonId: MIGRATIONS, version: "v20260528", clientTime: late },
        { id: randomUUID(), kind: "confidence", lessonId: MIGRATIONS, rating: 4, clientTime: late },
        { id: randomUUID(), kind: "quiz", lessonId: MIGRATIONS, attemptId: randomUUID(), version: "v20260528", answers: {}, score: 2, total: 4, clientTime: late },
        { id: randomUUID(), kind: "visit", lessonId: SELECT_BASICS, clientTime: new Date(Date.UTC(2026, 10, 25, 8)).toISOString() },
      ],
    });
    await syncProgress({ userId: other.id, mutations: [{ id: randomUUID(), kind: "visit", lessonId: SELECT_BASICS, clientTime: late }] });

    const d = await getDashboard({ userId: user.id, tzOffset: 60, now });
    expect(d.today).toBe("2026-11-26");
    const published = catalogTrackLessonIds("sql")!.length;
    expect(published).toBeGreaterThanOrEqual(6);
    expect(d.tracks).toEqual([
      expect.objectContaining({ slug: "sql", completed: 1, published, percent: Math.round(100 / published) }),
      expect.objectContaining({ slug: "postgresql", completed: 0, published: catalogTrackLessonIds("postgresql")!.length, percent: 0 }),
    ]);
    expect(d.confidence).toEqual({ counts: [0, 0, 0, 1], unrated: 1 });
    expect(d.activity.days).toEqual([
      { date: "2026-11-21", count: 3 },
      { date: "2026-11-25", count: 1 },
    ]);
    expect(d.calibration).toEqual([expect.objectContaining({ title: "Migrations basics", confidence: 4, score: 2, total: 4, verdict: "rated confident, missed 2 of 4" })]);
    expect(d.review).toEqual({ due: 5, scheduled: 5, nextDue: null });
    expect((await getDashboard({ userId: user.id, tzOffset: 0, now })).activity.days[0]).toEqual({ date: "2026-11-20", count: 3 });
  });

  it("review queue: due items with their text, and a rating moves an item to a later date", async () => {
    const user = await newUser();
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await syncProgress({ userId: user.id, mutations: [{ id: randomUUID(), kind: "complete", lessonId: MIGRATIONS, version: "v20260528", clientTime: threeDaysAgo }] });
    const queue = await getReviewQueue({ userId: user.id });
    expect(queue.items).toHaveLength(5);
    expect(queue.scheduled).toBe(5);
    expect(queue.nextDue).toBeNull();
    const card = queue.items.find((i) => i.itemKey === `card:${MIGRATIONS}:0`)!;
    expect(card).toMatchObject({ type: "card", front: "What is a migration?", lessonTitle: "Migrations basics", href: "/tracks/sql/migrations-basics" });
    expect(queue.items.find((i) => i.type === "lesson")!.front).toMatch(/Migrations basics/);

    await syncProgress({ userId: user.id, mutations: [{ id: randomUUID(), kind: "review", itemKey: card.itemKey, rating: 3, clientTime: new Date().toISOString() }] });
    const after = await getReviewQueue({ userId: user.id });
    expect(after.items.map((i) => i.itemKey)).not.toContain(card.itemKey);
    expect(after.items).toHaveLength(4);
    expect(Date.parse(after.nextDue!)).toBeGreaterThan(Date.now() + 86_400_000);
  });

  it("reads one track or everything, and never another user's rows", async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    await syncProgress({
      userId: a.id,
      mutations: [{ id: randomUUID(), kind: "visit", lessonId: SELECT_BASICS, clientTime: at(1) }, randomMutation()],
    });
    expect((await getProgress({ userId: a.id, track: "sql" })).lessons.length).toBeGreaterThan(0);
    expect(await getProgress({ userId: b.id })).toEqual({ lessons: [], reviews: [] });
    await resetProgress({ userId: b.id });
    expect((await getProgress({ userId: a.id })).lessons.length).toBe(2);
  });

  // Issue 15: two tracks. Each lesson's rows belong to its track: completing, reviewing and resetting
  // one track leaves the other's progress as it was, and the dashboard and review queue show both.
  it("keeps two tracks apart: the dashboard and review queue show both, and resetting one leaves the other", async () => {
    const user = await newUser();
    expect(catalogLesson(JSONB)).toMatchObject({ trackSlug: "postgresql", step: 1 });
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await syncProgress({
      userId: user.id,
      mutations: [
        { id: randomUUID(), kind: "complete", lessonId: MIGRATIONS, version: "v20260528", clientTime: threeDaysAgo },
        { id: randomUUID(), kind: "complete", lessonId: JSONB, version: catalogLesson(JSONB)!.currentVersion, clientTime: threeDaysAgo },
      ],
    });
    const d = await getDashboard({ userId: user.id, tzOffset: 0, now: new Date() });
    expect(d.tracks.map((t) => [t.slug, t.completed])).toEqual([
      ["sql", 1],
      ["postgresql", 1],
    ]);
    const queue = await getReviewQueue({ userId: user.id });
    expect(new Set(queue.items.map((i) => i.href.split("/")[2]))).toEqual(new Set(["sql", "postgresql"]));
    expect(queue.items.find((i) => i.type === "lesson" && i.href === "/tracks/postgresql/jsonb-and-arrays")).toBeDefined();

    expect((await getProgress({ userId: user.id, track: "postgresql" })).lessons.map((l) => l.lessonId)).toEqual([JSONB]);
    expect((await getProgress({ userId: user.id, track: "sql" })).lessons.map((l) => l.lessonId)).toEqual([MIGRATIONS]);

    const reset = await resetProgress({ userId: user.id, track: "postgresql" });
    expect(reset.lessons).toBe(1);
    const after = await getProgress({ userId: user.id });
    expect(after.lessons.map((l) => [l.lessonId, l.completedVersion])).toEqual([[MIGRATIONS, "v20260528"]]);
    expect(after.reviews.every((r) => r.lessonId === MIGRATIONS)).toBe(true);
    const dashboard = await getDashboard({ userId: user.id, tzOffset: 0, now: new Date() });
    expect(dashboard.tracks.map((t) => [t.slug, t.completed])).toEqual([
      ["sql", 1],
      ["postgresql", 0],
    ]);
  });
});
