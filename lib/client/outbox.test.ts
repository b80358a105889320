import { describe, expect, it } from "vitest";
import { applyMutation, emptyProgress, type TMutation, type TProgressState } from "@/lib/domain/progress";
import { GUEST, Outbox, backoffDelay, invalidIndexes, takeBatch, uuid, type TOutboxEntry, type TOutboxStorage, type TSendResult } from "./outbox";

const LESSON = "b29bfc63-1d7f-4458-80d5-1403fd95ddf7";

/** What IndexedDB does for the outbox, in memory: survives a new Outbox ("a reload"). */
function memoryStorage(): TOutboxStorage & { rows: Map<string, TOutboxEntry> } {
  const rows = new Map<string, TOutboxEntry>();
  return {
    rows,
    all: async () => [...rows.values()],
    put: async (entries) => entries.forEach((e) => rows.set(e.id, structuredClone(e))),
    remove: async (ids) => ids.forEach((id) => rows.delete(id)),
  };
}

/** The server's model: applies a mutation id once (lib/domain/progress.ts), can be switched off. */
function fakeServer() {
  const server = {
    up: true,
    answer: null as TSendResult | null,
    state: emptyProgress() as TProgressState,
    applied: new Set<string>(),
    calls: [] as TMutation[][],
    async send(mutations: TMutation[]): Promise<TSendResult> {
      server.calls.push(mutations);
      const once = server.answer;
      if (once) {
        server.answer = null;
        return once;
      }
      if (!server.up) return { ok: false, kind: "offline" };
      const applied: string[] = [];
      const duplicates: string[] = [];
      for (const m of mutations) {
        if (server.applied.has(m.id)) duplicates.push(m.id);
        else {
          server.applied.add(m.id);
          server.state = applyMutation(server.state, m);
          applied.push(m.id);
        }
      }
      return { ok: true, data: { applied, duplicates, lessons: Object.values(server.state.lessons), reviews: [] } };
    },
  };
  return server;
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    pending,
    setTimer: (fn: () => void, ms: number) => {
      const t = { fn, ms };
      pending.push(t);
      return t;
    },
    clearTimer: (t: unknown) => {
      const i = pending.indexOf(t as { fn: () => void; ms: number });
      if (i >= 0) pending.splice(i, 1);
    },
    async fire() {
      const t = pending.shift();
      t?.fn();
      await new Promise((r) => setTimeout(r, 0));
      return t?.ms;
    },
  };
}

let clock = Date.UTC(2026, 5, 1);
const entry = (owner: string, rating: 1 | 2 | 3 | 4 = 3): TOutboxEntry => {
  const id = uuid();
  return { id, owner, mutation: { id, kind: "confidence", lessonId: LESSON, rating, clientTime: new Date((clock += 1000)).toISOString() } };
};

function setup(storage = memoryStorage(), server = fakeServer()) {
  const timers = manualTimers();
  const acked: TOutboxEntry[] = [];
  const outbox = new Outbox({
    storage,
    transport: (ms) => server.send(ms),
    onAck: (_data, entries) => acked.push(...entries),
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    random: () => 0.5,
  });
  return { outbox, storage, server, timers, acked };
}

describe("outbox (pure parts)", () => {
  it("backs off exponentially up to a minute, with jitter", () => {
    expect([1, 2, 3, 4, 7, 12].map((n) => backoffDelay(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 60000, 60000]);
    expect(backoffDelay(1, () => 0)).toBe(800);
    expect(backoffDelay(1, () => 1)).toBe(1200);
  });

  it("batches the owner's oldest entries and reads 422 field names", () => {
    const es = [entry("u1"), entry(GUEST), entry("u1"), entry("u2")];
    expect(takeBatch(es, "u1").map((e) => e.id)).toEqual([es[0]!.id, es[2]!.id]);
    expect(takeBatch(es, "u1", 1)).toHaveLength(1);
    expect(invalidIndexes({ "mutations.3.rating": ["x"], "mutations.0": ["y"], mutations: ["z"], "mutations.3.id": [] })).toEqual([0, 3]);
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("outbox (queue)", () => {
  it("keeps entries across a reload until the server acknowledges them", async () => {
    const first = setup();
    await first.outbox.load();
    await first.outbox.add(entry("u1"));
    await first.outbox.add(entry("u1", 4));
    expect(first.server.calls).toHaveLength(0); // signed-out owner: nothing sent yet

    const again = setup(first.storage, first.server); // the page was reloaded
    await again.outbox.load();
    expect(again.outbox.entries).toHaveLength(2);
    again.outbox.setOwner("u1");
    await again.timers.fire();
    await again.outbox.flush();
    expect(again.server.calls).toHaveLength(1);
    expect(again.outbox.entries).toEqual([]);
    expect(again.storage.rows.size).toBe(0);
    expect(again.server.state.lessons[LESSON]!.confidence).toBe(4);
  });

  it("offline: keeps everything, retries with growing delays, and sends once back online", async () => {
    const { outbox, server, timers, storage } = setup();
    await outbox.load();
    outbox.setOwner("u1");
    server.up = false;
    await outbox.add(entry("u1"));
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 4; i++) delays.push(await timers.fire());
    expect(delays).toEqual([250, 1000, 2000, 4000]); // the first send, then three backoffs
    expect(outbox.phase).toBe("offline");
    expect(storage.rows.size).toBe(1);

    server.up = true;
    outbox.wake();
    await timers.fire();
    await outbox.flush();
    expect(outbox.phase).toBe("idle");
    expect(storage.rows.size).toBe(0);
    expect(server.applied.size).toBe(1);
  });

  it("a lost acknowledgement re-sends the same ids, which the server counts as duplicates", async () => {
    const { outbox, server, timers } = setup();
    await outbox.load();
    outbox.setOwner("u1");
    const e = entry("u1");
    await outbox.add(e);
    // The server applied it but the answer never arrived.
    await server.send([e.mutation]);
    server.answer = { ok: false, kind: "offline" };
    await timers.fire();
    await timers.fire();
    await outbox.flush();
    expect(outbox.entries).toEqual([]);
    expect(server.applied.size).toBe(1);
  });

  it("drops only the mutations a 422 names, and sends the rest", async () => {
    const { outbox, server, timers } = setup();
    await outbox.load();
    const [a, b, c] = [entry("u1"), entry("u1"), entry("u1")];
    for (const e of [a, b, c]) await outbox.add(e);
    server.answer = { ok: false, kind: "invalid", indexes: [1] };
    outbox.setOwner("u1");
    await timers.fire();
    await outbox.flush();
    expect(outbox.entries).toEqual([]);
    expect([...server.applied].sort()).toEqual([a!.id, c!.id].sort());
  });

  it("guest entries stay local until sign-in, then go to the account, counted as merged", async () => {
    const { outbox, server, timers, acked } = setup();
    await outbox.load();
    await outbox.add(entry(GUEST));
    await outbox.add(entry(GUEST, 2));
    outbox.setOwner(null);
    expect(timers.pending).toHaveLength(0);
    expect(await outbox.adopt("u1")).toBe(2);
    outbox.setOwner("u1");
    await timers.fire();
    await outbox.flush();
    expect(server.applied.size).toBe(2);
    expect(acked.filter((e) => e.fromGuest)).toHaveLength(2);
    expect(outbox.pendingFor(GUEST)).toEqual([]);
  });

  it("entries of another user are not sent for this one", async () => {
    const { outbox, server, timers } = setup();
    await outbox.load();
    await outbox.add(entry("u2"));
    outbox.setOwner("u1");
    await timers.fire();
    await outbox.flush();
    expect(server.calls).toHaveLength(0);
    expect(outbox.pendingFor("u2")).toHaveLength(1);
  });
});
