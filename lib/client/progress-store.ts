import {
  applyToLessons,
  mutationLessonId,
  solvedExercises,
  type TExerciseEngine,
  type TLessonState,
  type TMutation,
  type TProgressResponse,
  type TReviewItemState,
  type TSyncResponse,
} from "@/lib/domain/progress";
import { apiFetch } from "./api";
import { idbOutboxStorage, kvGet, kvSet } from "./idb";
import { GUEST, Outbox, invalidIndexes, uuid, type TOutboxEntry, type TSendResult } from "./outbox";

/**
 * The page's one progress store, shared by every island (lesson panel, confidence, quiz,
 * self-check, track and home progress, dashboard, review). What it shows is
 *
 *   signed in: the server's state (cached in IndexedDB for offline reloads) + this user's pending mutations
 *   guest:     the guest's pending mutations, which never leave the browser until sign-in
 *
 * folded with the same merge rules as the server (lib/domain/progress.ts). On load it asks who is
 * signed in; if a user is and the outbox holds guest mutations, they are handed to that user, sent,
 * and a "merged N items from this browser" notice is raised.
 */
export type TMe = { id: string; name: string };
export type TSyncPhase = "idle" | "sending" | "waiting" | "offline";

export type TProgressView = {
  ready: boolean;
  user: TMe | null;
  online: boolean;
  phase: TSyncPhase;
  lessons: Record<string, TLessonState>;
  reviews: Record<string, TReviewItemState>;
  /** This owner's mutations not acknowledged yet. */
  pending: TMutation[];
  /** Items merged from the guest outbox at sign-in (shown once). */
  merged: number | null;
};

type Snapshot = { lessons: Record<string, TLessonState>; reviews: Record<string, TReviewItemState> };

const EMPTY: TProgressView = { ready: false, user: null, online: true, phase: "idle", lessons: {}, reviews: {}, pending: [], merged: null };
const snapshotKey = (userId: string) => `snapshot:${userId}`;
const ME_KEY = "me";

/**
 * The outbox's transport over the one API client. A POST is never retried by the client: the outbox
 * resends with its own backoff, and the server applies each mutation id once.
 */
async function send(mutations: TMutation[]): Promise<TSendResult> {
  const res = await apiFetch<TSyncResponse>("/api/v1/progress/sync", { method: "POST", body: { mutations } });
  if (res.ok) return { ok: true, data: res.data };
  const { status, fields, retryAfter } = res.error;
  if (status === 0) return { ok: false, kind: "offline" };
  if (status === 401) return { ok: false, kind: "unauthorized" };
  if (status === 422) return { ok: false, kind: "invalid", indexes: invalidIndexes(fields) };
  return { ok: false, kind: "retry", retryAfterMs: retryAfter !== undefined ? retryAfter * 1000 : undefined };
}

function toSnapshot(data: TProgressResponse): Snapshot {
  return {
    lessons: Object.fromEntries(data.lessons.map((l) => [l.lessonId, l])),
    reviews: Object.fromEntries(data.reviews.map((r) => [r.itemKey, r])),
  };
}

class ProgressStore {
  private view: TProgressView = EMPTY;
  private listeners = new Set<() => void>();
  private snapshot: Snapshot = { lessons: {}, reviews: {} };
  private user: TMe | null = null;
  private ready = false;
  private merged: number | null = null;
  private mergedSoFar = 0;
  private networkDown = false;
  private readonly outbox: Outbox;
  private readonly started: Promise<void>;

  constructor() {
    this.outbox = new Outbox({
      storage: idbOutboxStorage,
      transport: async (ms) => {
        const r = await send(ms);
        this.networkDown = !r.ok && r.kind === "offline";
        return r;
      },
      onAck: (data, entries) => this.acknowledged(data, entries),
      onChange: () => this.recompute(),
      onUnauthorized: () => void this.identify(),
    });
    window.addEventListener("online", () => {
      this.networkDown = false;
      this.recompute();
      this.outbox.wake();
    });
    window.addEventListener("offline", () => this.recompute());
    this.started = this.start();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.view;

  private recompute() {
    const owner = this.user?.id ?? GUEST;
    const pending = this.outbox.pendingFor(owner).map((e) => e.mutation);
    const base = this.user ? this.snapshot.lessons : {};
    this.view = {
      ready: this.ready,
      user: this.user,
      online: !this.networkDown && (typeof navigator === "undefined" || navigator.onLine !== false),
      phase: this.outbox.phase,
      lessons: applyToLessons(base, pending),
      reviews: this.user ? this.snapshot.reviews : {},
      pending,
      merged: this.merged,
    };
    for (const l of this.listeners) l();
  }

  private async start() {
    await this.outbox.load().catch(() => undefined);
    await this.identify();
  }

  /** Who is signed in (the last known answer when offline), then their state and the guest merge. */
  private async identify() {
    const me = await apiFetch<{ user: TMe | null }>("/api/v1/me");
    let user: TMe | null;
    if (me.ok) {
      user = me.data.user ? { id: me.data.user.id, name: me.data.user.name } : null;
      void kvSet(ME_KEY, user);
    } else {
      this.networkDown = me.error.status === 0;
      user = (await kvGet<TMe | null>(ME_KEY)) ?? null;
    }
    this.user = user;
    if (user) {
      this.snapshot = (await kvGet<Snapshot>(snapshotKey(user.id))) ?? { lessons: {}, reviews: {} };
      const fresh = await apiFetch<TProgressResponse>("/api/v1/progress");
      if (fresh.ok) this.saveSnapshot(toSnapshot(fresh.data));
      await this.outbox.adopt(user.id).catch(() => 0);
    }
    this.ready = true;
    this.recompute();
    this.outbox.setOwner(user?.id ?? null);
  }

  private saveSnapshot(s: Snapshot) {
    this.snapshot = s;
    if (this.user) void kvSet(snapshotKey(this.user.id), s);
  }

  private acknowledged(data: TSyncResponse, entries: TOutboxEntry[]) {
    const lessons = { ...this.snapshot.lessons };
    for (const l of data.lessons) lessons[l.lessonId] = l;
    const rescheduled = new Set(data.reviews.map((r) => r.lessonId));
    const reviews = Object.fromEntries(Object.entries(this.snapshot.reviews).filter(([, r]) => !rescheduled.has(r.lessonId)));
    for (const r of data.reviews) reviews[r.itemKey] = r;
    this.saveSnapshot({ lessons, reviews });
    const fromGuest = entries.filter((e) => e.fromGuest).length;
    if (fromGuest > 0) {
      this.mergedSoFar += fromGuest;
      if (!this.outbox.entries.some((e) => e.fromGuest && e.owner === this.user?.id)) {
        this.merged = this.mergedSoFar;
        this.mergedSoFar = 0;
      }
    }
  }

  /** Records a mutation: stored in the outbox first, shown at once, sent when signed in. */
  async record(body: TMutationBody): Promise<void> {
    const id = uuid();
    const mutation = { ...body, id, clientTime: new Date().toISOString() } as TMutation;
    await this.started; // the owner is known only once the page knows who is signed in
    return this.outbox.add({ id, owner: this.user?.id ?? GUEST, mutation }).catch(() => {
      // Storage refused: the change is lost for this browser; say so rather than pretend.
      console.warn("progress: could not store the change in this browser");
    });
  }

  /**
   * The SQL lab calls this when the grader accepts an attempt (lab contract). The first solve is
   * what counts, so a solve of an exercise already solved here is not recorded again.
   */
  async recordExerciseSolved(input: { lessonId: string; exerciseId: string; engine: TExerciseEngine }): Promise<void> {
    await this.started;
    if (solvedExercises(this.view.lessons[input.lessonId])[input.exerciseId]) return;
    return this.record({ kind: "exercise", lessonId: input.lessonId, exerciseId: input.exerciseId, engine: input.engine });
  }

  dismissMerged() {
    this.merged = null;
    this.recompute();
  }

  /** After a reset on the server: forget the track's (or every) lesson here too, pending changes included. */
  async forget(lessonIds: string[] | "all") {
    const gone = (lessonId: string) => lessonIds === "all" || lessonIds.includes(lessonId);
    const owner = this.user?.id ?? GUEST;
    await this.outbox.drop((e) => e.owner === owner && gone(mutationLessonId(e.mutation)));
    const lessons = Object.fromEntries(Object.entries(this.snapshot.lessons).filter(([id]) => !gone(id)));
    const reviews = Object.fromEntries(Object.entries(this.snapshot.reviews).filter(([, r]) => !gone(r.lessonId)));
    this.saveSnapshot({ lessons, reviews });
    this.recompute();
  }

  /** Re-reads the server's state (e.g. after the review queue changed). */
  async refresh() {
    if (!this.user) return;
    const fresh = await apiFetch<TProgressResponse>("/api/v1/progress");
    if (fresh.ok) {
      this.saveSnapshot(toSnapshot(fresh.data));
      this.recompute();
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type TMutationBody = DistributiveOmit<TMutation, "id" | "clientTime">;

let store: ProgressStore | null = null;

/** The store, created on first use in the browser. */
export function progressStore(): ProgressStore {
  store ??= new ProgressStore();
  return store;
}

export const serverView = () => EMPTY;
