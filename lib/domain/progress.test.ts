import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyMutation,
  applyMutations,
  emptyLesson,
  emptyProgress,
  isReflected,
  lessonDelta,
  lessonDeltas,
  mergeLessons,
  parseItemKey,
  solvedExercises,
  type TLessonState,
  type TMutation,
  type TProgressState,
} from "./progress";
import { scheduleAll } from "./review";

/** Omit over each member of the union. */
type TBody = TMutation extends unknown ? (TMutation extends infer M ? (M extends TMutation ? Omit<M, "id"> : never) : never) : never;

const LESSONS = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333"];
const VERSIONS = ["v20260101", "v20260312", "v20260528"];
const CARD_COUNTS = Object.fromEntries(LESSONS.map((id) => [id, 2]));
// A few distinct instants, so that equal client times (ties) are common.
const TIMES = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(2026, 4, 1 + (i >> 1), 9, i % 2 ? 30 : 0)).toISOString());

/** An attempt id names one attempt: its content is a function of the id (as a client makes it). */
const ATTEMPTS = Array.from({ length: 4 }, (_, i) => ({
  attemptId: `aaaaaaaa-0000-4000-8000-00000000000${i}`,
  lessonId: LESSONS[i % LESSONS.length]!,
  version: VERSIONS[i % VERSIONS.length]!,
  answers: { q1: i % 3 },
  score: i % 5,
  total: 4,
  clientTime: TIMES[i]!,
}));

const arbBody: fc.Arbitrary<TBody> = fc.oneof(
  fc.record({ kind: fc.constant("visit" as const), lessonId: fc.constantFrom(...LESSONS), clientTime: fc.constantFrom(...TIMES) }),
  fc.record({
    kind: fc.constant("complete" as const),
    lessonId: fc.constantFrom(...LESSONS),
    version: fc.constantFrom(...VERSIONS),
    clientTime: fc.constantFrom(...TIMES),
  }),
  fc.record({
    kind: fc.constant("selfCheck" as const),
    lessonId: fc.constantFrom(...LESSONS),
    index: fc.integer({ min: 0, max: 2 }),
    state: fc.constantFrom("known" as const, "unsure" as const),
    clientTime: fc.constantFrom(...TIMES),
  }),
  fc.constantFrom(...ATTEMPTS).map((a) => ({ kind: "quiz" as const, ...a })),
  fc.record({
    kind: fc.constant("confidence" as const),
    lessonId: fc.constantFrom(...LESSONS),
    rating: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
    clientTime: fc.constantFrom(...TIMES),
  }),
  fc.record({
    kind: fc.constant("review" as const),
    itemKey: fc.constantFrom(...LESSONS.flatMap((id) => [`lesson:${id}`, `card:${id}:0`, `card:${id}:1`])),
    rating: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
    clientTime: fc.constantFrom(...TIMES),
  }),
  fc.record({
    kind: fc.constant("exercise" as const),
    lessonId: fc.constantFrom(...LESSONS),
    exerciseId: fc.constantFrom("count-rows", "left-join"),
    engine: fc.constantFrom("sqlite" as const, "postgres" as const),
    clientTime: fc.constantFrom(...TIMES),
  }),
) as fc.Arbitrary<TBody>;

const mutationId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** Mutations with unique ids. */
const arbMutations = (max = 40) =>
  fc.array(arbBody, { maxLength: max }).map((bodies) => bodies.map((b, i) => ({ ...b, id: mutationId(i + 1) }) as TMutation));

/** The server's model: a mutation id is applied once (AppliedMutation), whatever arrives after. */
type Server = { state: TProgressState; applied: Set<string> };
function receive(server: Server, batch: TMutation[]): Server {
  let { state } = server;
  const applied = new Set(server.applied);
  for (const m of batch) {
    if (applied.has(m.id)) continue;
    applied.add(m.id);
    state = applyMutation(state, m);
  }
  return { state, applied };
}

/**
 * Two devices each hold some of the mutations (some held by both, as after a guest merge or a
 * re-send), cut them into batches, re-send some batches (lost acknowledgements), and the server
 * receives the batches of both devices in an arbitrary interleaving.
 */
const arbDelivery = (mutations: TMutation[]) =>
  fc
    .record({
      owner: fc.array(fc.constantFrom("a", "b", "both"), { minLength: mutations.length, maxLength: mutations.length }),
      cutsA: fc.array(fc.boolean(), { minLength: mutations.length, maxLength: mutations.length }),
      cutsB: fc.array(fc.boolean(), { minLength: mutations.length, maxLength: mutations.length }),
      resend: fc.array(fc.boolean(), { maxLength: 2 * mutations.length + 2 }),
      interleave: fc.array(fc.boolean(), { maxLength: 4 * mutations.length + 4 }),
    })
    .map(({ owner, cutsA, cutsB, resend, interleave }) => {
      const device = (who: "a" | "b", cuts: boolean[]) => {
        const mine = mutations.filter((_, i) => owner[i] === who || owner[i] === "both");
        const batches: TMutation[][] = [];
        mine.forEach((m, i) => (i === 0 || cuts[i] ? batches.push([m]) : batches.at(-1)!.push(m)));
        return batches.flatMap((b, i) => (resend[i] ? [b, b] : [b]));
      };
      const a = device("a", cutsA);
      const b = device("b", cutsB);
      const order: TMutation[][] = [];
      let i = 0;
      while (a.length || b.length) {
        const fromA = b.length === 0 || (a.length > 0 && (interleave[i++] ?? true));
        order.push((fromA ? a : b).shift()!);
      }
      return order;
    });

const deliver = (order: TMutation[][]) => order.reduce(receive, { state: emptyProgress(), applied: new Set<string>() } as Server);

describe("progress merge (property-based)", () => {
  it("any interleaving of the same mutations from two devices converges to the same state and schedule", () => {
    fc.assert(
      fc.property(
        arbMutations().chain((ms) => fc.tuple(fc.constant(ms), arbDelivery(ms), arbDelivery(ms))),
        ([mutations, first, second]) => {
          const one = deliver(first).state;
          const two = deliver(second).state;
          expect(two).toEqual(one);
          expect(scheduleAll(two, CARD_COUNTS)).toEqual(scheduleAll(one, CARD_COUNTS));
          // …and both equal the plain fold of each mutation once, in the order they were made.
          expect(one).toEqual(applyMutations(emptyProgress(), mutations));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("re-sending a mutation changes nothing", () => {
    fc.assert(
      fc.property(
        arbMutations().chain((ms) => fc.tuple(fc.constant(ms), fc.integer({ min: 0, max: Math.max(0, ms.length - 1) }))),
        ([mutations, pick]) => {
          const server = receive({ state: emptyProgress(), applied: new Set() }, mutations);
          const again = receive(server, mutations.slice(pick));
          expect(again.state).toEqual(server.state);
          // The join itself is idempotent too, even without the id check.
          for (const m of mutations) expect(applyMutation(server.state, m)).toEqual(server.state);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("nothing acknowledged is lost: every mutation stays reflected after everything that follows", () => {
    fc.assert(
      fc.property(
        arbMutations().chain((ms) => fc.tuple(fc.constant(ms), arbDelivery(ms))),
        ([, order]) => {
          let server: Server = { state: emptyProgress(), applied: new Set() };
          const acknowledged: TMutation[] = [];
          for (const batch of order) {
            server = receive(server, batch);
            acknowledged.push(...batch);
            for (const m of acknowledged) expect(isReflected(server.state, m), `${m.kind} ${m.id}`).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the lesson join is commutative, associative and idempotent", () => {
    const lessonId = LESSONS[0]!;
    const arbLesson = fc
      .array(arbBody, { maxLength: 12 })
      .map((bodies) =>
        bodies
          .map((b, i) => ({ ...b, id: mutationId(i + 100), lessonId, ...(b.kind === "review" ? { itemKey: `lesson:${lessonId}` } : {}) }) as TMutation)
          .reduce((s, m) => mergeLessons(s, lessonDelta(m)), emptyLesson(lessonId)),
      );
    fc.assert(
      fc.property(arbLesson, arbLesson, arbLesson, (a, b, c) => {
        expect(mergeLessons(a, b)).toEqual(mergeLessons(b, a));
        expect(mergeLessons(mergeLessons(a, b), c)).toEqual(mergeLessons(a, mergeLessons(b, c)));
        expect(mergeLessons(a, a)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});

describe("progress merge rules", () => {
  const lessonId = LESSONS[0]!;
  const at = (day: number) => new Date(Date.UTC(2026, 5, day)).toISOString();
  let n = 0;
  const id = () => mutationId(5000 + n++);
  const run = (...ms: TBody[]) => applyMutations(emptyProgress(), ms.map((m) => ({ ...m, id: id() }) as TMutation)).lessons[lessonId]!;

  it("completion never goes backwards: an older version or a later time does not replace it", () => {
    const l = run(
      { kind: "complete", lessonId, version: "v20260528", clientTime: at(3) },
      { kind: "complete", lessonId, version: "v20260312", clientTime: at(9) },
      { kind: "complete", lessonId, version: "v20260528", clientTime: at(5) },
    );
    expect([l.completedVersion, l.completedAt]).toEqual(["v20260528", at(3)]);
    const upgraded = run(
      { kind: "complete", lessonId, version: "v20260312", clientTime: at(1) },
      { kind: "complete", lessonId, version: "v20260528", clientTime: at(7) },
    );
    expect([upgraded.completedVersion, upgraded.completedAt]).toEqual(["v20260528", at(7)]);
  });

  it("a rating takes the newest client timestamp, whatever order it arrives in", () => {
    const l = run(
      { kind: "confidence", lessonId, rating: 2, clientTime: at(5) },
      { kind: "confidence", lessonId, rating: 4, clientTime: at(2) },
    );
    expect([l.confidence, l.confidenceAt]).toEqual([2, at(5)]);
    const s = run(
      { kind: "selfCheck", lessonId, index: 1, state: "unsure", clientTime: at(4) },
      { kind: "selfCheck", lessonId, index: 1, state: "known", clientTime: at(2) },
      { kind: "selfCheck", lessonId, index: 0, state: "known", clientTime: at(1) },
    );
    expect(s.selfCheck).toEqual({ "0": { state: "known", at: at(1) }, "1": { state: "unsure", at: at(4) } });
  });

  it("quiz attempts append, de-duplicated by attempt id and ordered by time", () => {
    const attempt = { kind: "quiz" as const, lessonId, version: "v20260528", answers: {}, total: 4 };
    const l = run(
      { ...attempt, attemptId: ATTEMPTS[1]!.attemptId, score: 4, clientTime: at(6) },
      { ...attempt, attemptId: ATTEMPTS[0]!.attemptId, score: 2, clientTime: at(2) },
      { ...attempt, attemptId: ATTEMPTS[1]!.attemptId, score: 4, clientTime: at(6) },
    );
    expect(l.attempts.map((a) => [a.id, a.score])).toEqual([
      [ATTEMPTS[0]!.attemptId, 2],
      [ATTEMPTS[1]!.attemptId, 4],
    ]);
  });

  it("visits keep the latest time; a batch folds into one delta per lesson", () => {
    const ms: TMutation[] = [
      { id: id(), kind: "visit", lessonId, clientTime: at(2) },
      { id: id(), kind: "visit", lessonId: LESSONS[1]!, clientTime: at(4) },
      { id: id(), kind: "visit", lessonId, clientTime: at(3) },
      { id: id(), kind: "review", itemKey: `card:${LESSONS[2]}:1`, rating: 3, clientTime: at(3) },
    ];
    const deltas = lessonDeltas(ms);
    expect([...deltas.keys()]).toEqual([lessonId, LESSONS[1], LESSONS[2]]);
    expect(deltas.get(lessonId)!.visitedAt).toBe(at(3));
    expect(deltas.get(LESSONS[2]!)).toEqual(emptyLesson(LESSONS[2]!));
  });

  it("a solved exercise keeps its first solve, whatever order the solves arrive in", () => {
    const solve = { kind: "exercise" as const, lessonId, exerciseId: "count-rows" };
    const l = run(
      { ...solve, engine: "postgres", clientTime: at(5) },
      { ...solve, engine: "sqlite", clientTime: at(2) },
      { ...solve, engine: "postgres", clientTime: at(2) },
      { ...solve, exerciseId: "left-join", engine: "sqlite", clientTime: at(9) },
    );
    // the earliest time wins; at equal times the engine name decides, so every order agrees
    expect(l.exercises).toEqual({ "count-rows": { at: at(2), engine: "postgres" }, "left-join": { at: at(9), engine: "sqlite" } });
    const state = applyMutations(emptyProgress(), [{ ...solve, id: id(), engine: "sqlite", clientTime: at(4) }]);
    expect(isReflected(state, { ...solve, id: id(), engine: "sqlite", clientTime: at(6) })).toBe(true);
    expect(isReflected(state, { ...solve, id: id(), engine: "sqlite", clientTime: at(3) })).toBe(false);
  });

  it("reads a lesson state cached before exercises existed as having none", () => {
    const { exercises: _, ...old } = emptyLesson(lessonId);
    const merged = mergeLessons(old as TLessonState, lessonDelta({ id: id(), kind: "exercise", lessonId, exerciseId: "x", engine: "sqlite", clientTime: at(1) }));
    expect(merged.exercises).toEqual({ x: { at: at(1), engine: "sqlite" } });
    expect(solvedExercises(old as TLessonState)).toEqual({});
  });

  it("parses item keys and refuses anything else", () => {
    expect(parseItemKey(`lesson:${lessonId}`)).toEqual({ type: "lesson", lessonId });
    expect(parseItemKey(`card:${lessonId}:3`)).toEqual({ type: "card", lessonId, index: 3 });
    for (const bad of [`lesson:${lessonId}:1`, `card:${lessonId}`, "lesson:not-a-uuid", `deck:${lessonId}`, `card:${lessonId}:1234`]) {
      expect(parseItemKey(bad), bad).toBeNull();
    }
  });
});
