/**
 * The page's side of the engine workers: one Web Worker per engine, started on first use, loading
 * its files from the versioned lab folder (/lab/<version>/, components/lab/worker/). Requests are
 * answered in order. stop() terminates the worker (the only way to end a runaway query) and the
 * next request starts a new one, so every database in it is gone: listeners hear "restarted".
 */
import type { TLabEngine, TRunOptions, TStatementResult } from "@/lib/lab/types";
import type { TDatasetRuns } from "@/lib/domain/grader";
import type { TAttemptExercise } from "@/lib/lab/attempt";
import type { TLabDbName, TLoadStep, TWorkerRequest, TWorkerResponse } from "./worker/protocol";

export const LAB_VERSION = process.env.NEXT_PUBLIC_LAB_VERSION ?? "";
export const labUrl = (file: string) => `/lab/${LAB_VERSION}/${file}`;

export type TLoadProgress = { step: TLoadStep; loaded: number; total: number };
type TPending = { resolve: (r: TWorkerResponse) => void; reject: (e: Error) => void; onProgress?: (p: TLoadProgress) => void };

export class StoppedError extends Error {
  constructor() {
    super("Stopped.");
  }
}

type TRequestBody = TWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export class EngineClient {
  private worker: Worker | null = null;
  private pending = new Map<number, TPending>();
  private nextId = 1;
  /** Bumped on every restart; a database opened under an older generation is gone. */
  generation = 0;
  private listeners = new Set<() => void>();
  loaded = false;

  constructor(readonly engine: TLabEngine) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    if (!LAB_VERSION) throw new Error("The lab's engine files are missing from this build (run npm run build).");
    const worker = new Worker(labUrl(`${this.engine}-worker.js`), { type: "module", name: `lab-${this.engine}` });
    worker.addEventListener("message", (event: MessageEvent<TWorkerResponse>) => {
      const msg = event.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === "progress") {
        p.onProgress?.({ step: msg.step, loaded: msg.loaded, total: msg.total });
        return;
      }
      this.pending.delete(msg.id);
      if (msg.type === "failed") p.reject(new Error(msg.message));
      else p.resolve(msg);
    });
    worker.addEventListener("error", (event) => {
      const error = new Error(event.message || `The ${this.engine} worker could not start.`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      this.kill();
    });
    this.worker = worker;
    return worker;
  }

  private request(body: TRequestBody, onProgress?: (p: TLoadProgress) => void): Promise<TWorkerResponse> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = this.ensureWorker();
      } catch (error) {
        reject(error as Error);
        return;
      }
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...body, id } as TWorkerRequest);
    });
  }

  private loading: Promise<void> | null = null;
  private progressListeners = new Set<(p: TLoadProgress) => void>();
  private lastProgress: TLoadProgress | null = null;

  /** Starts the engine once (a warm-up and a Run may both ask); every caller hears the progress. */
  load(onProgress?: (p: TLoadProgress) => void): Promise<void> {
    if (onProgress) {
      this.progressListeners.add(onProgress);
      if (this.lastProgress) onProgress(this.lastProgress);
    }
    const generation = this.generation;
    this.loading ??= this.request({ type: "load" }, (p) => {
      this.lastProgress = p;
      for (const l of this.progressListeners) l(p);
    }).then(
      () => {
        if (generation === this.generation) this.loaded = true;
      },
      (error: unknown) => {
        if (generation === this.generation) this.loading = null;
        throw error;
      },
    );
    const done = () => {
      if (onProgress) this.progressListeners.delete(onProgress);
    };
    return this.loading.finally(done);
  }

  async open(db: TLabDbName, setup: string, onProgress?: (p: TLoadProgress) => void): Promise<void> {
    await this.request({ type: "open", db, setup }, onProgress);
  }

  async run(db: TLabDbName, sql: string, options?: TRunOptions): Promise<TStatementResult[]> {
    const res = await this.request({ type: "run", db, sql, options });
    if (res.type !== "ran") throw new Error(`unexpected answer ${res.type}`);
    return res.results;
  }

  /** One exercise attempt on the "check" database, freshly loaded with `setup` (lib/lab/attempt.ts). */
  async attempt(setup: string, exercise: TAttemptExercise, learnerSql: string, onProgress?: (p: TLoadProgress) => void): Promise<TDatasetRuns> {
    const res = await this.request({ type: "attempt", setup, exercise, learnerSql }, onProgress);
    if (res.type !== "attempted") throw new Error(`unexpected answer ${res.type}`);
    return res.runs;
  }

  private kill() {
    this.worker?.terminate();
    this.worker = null;
    this.loaded = false;
    this.loading = null;
    this.lastProgress = null;
    this.generation++;
    for (const l of this.listeners) l();
  }

  /** Terminates the worker and whatever it was running; the next request starts a new one. */
  stop() {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.kill();
    for (const p of pending) p.reject(new StoppedError());
  }

  onRestart(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const clients = new Map<TLabEngine, EngineClient>();

/** The page's one client per engine. */
export function engineClient(engine: TLabEngine): EngineClient {
  let c = clients.get(engine);
  if (!c) {
    c = new EngineClient(engine);
    clients.set(engine, c);
  }
  return c;
}
