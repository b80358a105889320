import type { TMutation, TSyncResponse } from "@/lib/domain/progress";

/**
 * The browser's outbox of progress mutations: kept in storage that survives reloads and offline
 * time (IndexedDB, lib/client/idb.ts), sent to POST /api/v1/progress/sync in batches, retried with
 * exponential backoff, and removed only once the server has acknowledged them (applied or
 * duplicate). No dependencies: the storage and the transport are passed in, so the whole queue
 * runs in Node for its tests (lib/client/outbox.test.ts).
 *
 * Each entry has an owner: the signed-in user's id, or "guest". Guest entries are never sent;
 * they are the guest's progress. At sign-in they are handed to the user (`adopt`) and sent.
 */
export const GUEST = "guest";
export const BATCH_MAX = 100;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 60_000;

export type TOutboxEntry = {
  id: string;
  owner: string;
  mutation: TMutation;
  /** Made while signed out and adopted at sign-in (counted for the "merged" notice). */
  fromGuest?: boolean;
};

export interface TOutboxStorage {
  all(): Promise<TOutboxEntry[]>;
  put(entries: TOutboxEntry[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

export type TSendResult =
  | { ok: true; data: TSyncResponse }
  /** offline: no answer at all; retry: the server answered but could not take it now (5xx, 429) */
  | { ok: false; kind: "offline" | "retry"; retryAfterMs?: number }
  | { ok: false; kind: "unauthorized" }
  /** 422: the named mutations can never succeed; the rest of the batch may */
  | { ok: false; kind: "invalid"; indexes: number[] };

export type TTransport = (mutations: TMutation[]) => Promise<TSendResult>;

export type TOutboxPhase = "idle" | "sending" | "waiting" | "offline";

// ── Pure parts ────────────────────────────────────────────────────────────────────────────────────

/** 1 s, 2 s, 4 s … up to 60 s, each ±20 % so that many browsers do not retry in step. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** The owner's oldest entries, at most `max`, in the order they were made. */
export function takeBatch(entries: TOutboxEntry[], owner: string, max = BATCH_MAX): TOutboxEntry[] {
  return entries.filter((e) => e.owner === owner).slice(0, max);
}

/** Which mutations of a batch a 422 names: `mutations.3.rating` -> 3. */
export function invalidIndexes(fields: Record<string, unknown>): number[] {
  const out = new Set<number>();
  for (const key of Object.keys(fields)) {
    const m = /^mutations\.(\d+)(?:\.|$)/.exec(key);
    if (m) out.add(Number(m[1]));
  }
  return [...out].sort((a, b) => a - b);
}

/** A v4 UUID, also where crypto.randomUUID is missing (pages served over plain http). */
export function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ── The queue ─────────────────────────────────────────────────────────────────────────────────────

type Options = {
  storage: TOutboxStorage;
  transport: TTransport;
  /** Called after each acknowledged batch, with the entries that left the outbox. */
  onAck?: (data: TSyncResponse, entries: TOutboxEntry[]) => void;
  onChange?: () => void;
  onUnauthorized?: () => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
};

export class Outbox {
  entries: TOutboxEntry[] = [];
  phase: TOutboxPhase = "idle";
  failures = 0;
  /** Whose entries are sent; null while signed out (nothing is sent). */
  private owner: string | null = null;
  private timer: unknown = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: Options) {}

  async load(): Promise<void> {
    this.entries = await this.o.storage.all();
    this.o.onChange?.();
  }

  pendingFor(owner: string): TOutboxEntry[] {
    return this.entries.filter((e) => e.owner === owner);
  }

  /** Stored before it counts as made: if storage fails, the caller hears about it. */
  async add(entry: TOutboxEntry): Promise<void> {
    await this.o.storage.put([entry]);
    this.entries = [...this.entries, entry];
    this.o.onChange?.();
    if (entry.owner === this.owner) this.schedule(250);
  }

  /** Hands every guest entry to the user who just signed in. */
  async adopt(owner: string): Promise<number> {
    const guest = this.entries.filter((e) => e.owner === GUEST);
    if (guest.length === 0) return 0;
    const moved = guest.map((e) => ({ ...e, owner, fromGuest: true }));
    await this.o.storage.put(moved);
    const ids = new Set(moved.map((e) => e.id));
    this.entries = [...this.entries.filter((e) => !ids.has(e.id)), ...moved];
    this.o.onChange?.();
    return moved.length;
  }

  async drop(predicate: (e: TOutboxEntry) => boolean): Promise<void> {
    const gone = this.entries.filter(predicate);
    if (gone.length === 0) return;
    await this.o.storage.remove(gone.map((e) => e.id));
    const ids = new Set(gone.map((e) => e.id));
    this.entries = this.entries.filter((e) => !ids.has(e.id));
    this.o.onChange?.();
  }

  /** Start sending the owner's entries (null: stop, e.g. signed out). */
  setOwner(owner: string | null): void {
    this.owner = owner;
    if (owner) this.schedule(0);
  }

  /** Try now (the browser came back online, or the page became visible). */
  wake(): void {
    this.failures = 0;
    this.schedule(0);
  }

  private setPhase(phase: TOutboxPhase) {
    if (this.phase !== phase) {
      this.phase = phase;
      this.o.onChange?.();
    }
  }

  private schedule(ms: number) {
    const clear = this.o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    const set = this.o.setTimer ?? ((fn, delay) => setTimeout(fn, delay));
    if (this.timer !== null) clear(this.timer);
    this.timer = set(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Sends batches until the owner's entries are gone or a send fails (then a retry is scheduled). */
  flush(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    for (;;) {
      const owner = this.owner;
      if (!owner) return;
      const batch = takeBatch(this.entries, owner);
      if (batch.length === 0) {
        this.failures = 0;
        return this.setPhase("idle");
      }
      this.setPhase("sending");
      const result = await this.o.transport(batch.map((e) => e.mutation));
      if (result.ok) {
        this.failures = 0;
        const done = new Set([...result.data.applied, ...result.data.duplicates]);
        const acked = batch.filter((e) => done.has(e.id));
        await this.o.storage.remove(acked.map((e) => e.id));
        const ids = new Set(acked.map((e) => e.id));
        this.entries = this.entries.filter((e) => !ids.has(e.id));
        this.o.onAck?.(result.data, acked);
        this.o.onChange?.();
        if (acked.length === 0) return this.setPhase("idle"); // nothing moved: do not spin
        continue;
      }
      if (result.kind === "invalid") {
        // Those mutations can never be stored (e.g. content that no longer exists): drop them, keep the rest.
        // When the answer names none of them, the whole batch goes: retrying it could only fail again.
        const named = result.indexes.map((i) => batch[i]).filter((e): e is TOutboxEntry => !!e);
        const bad = new Set(named.length > 0 ? named : batch);
        await this.drop((e) => bad.has(e));
        continue;
      }
      if (result.kind === "unauthorized") {
        this.setPhase("idle");
        this.o.onUnauthorized?.();
        return;
      }
      this.failures += 1;
      this.setPhase(result.kind === "offline" ? "offline" : "waiting");
      this.schedule(Math.max(result.retryAfterMs ?? 0, backoffDelay(this.failures, this.o.random)));
      return;
    }
  }
}
