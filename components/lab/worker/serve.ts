/**
 * The message loop every engine worker runs (components/lab/worker/{sqlite,postgres}.ts give it
 * their engine). Requests are handled one at a time, in order: an engine runs one statement at a
 * time anyway, and the page's Stop is the way out of a long one.
 */
import { runAttempt } from "@/lib/lab/attempt";
import type { TLabDatabase } from "@/lib/lab/types";
import { fetchLabFiles } from "./assets";
import type { TLabDbName, TLoadStep, TWorkerRequest, TWorkerResponse } from "./protocol";

export type TWorkerEngine = {
  /** Files to fetch (from the versioned lab folder) before start. */
  files: string[];
  /** Compile and initialise the engine from its files. */
  start(files: Record<string, Uint8Array<ArrayBuffer>>, step: (s: TLoadStep) => void): Promise<void>;
  /**
   * A database with nothing in it. `previous` is the one it replaces under the same name: an engine
   * may clear it in place when `reuse` is set (a check, where speed matters), otherwise it is closed.
   */
  open(previous: TLabDatabase | undefined, reuse: boolean): Promise<TLabDatabase>;
};

const post = (message: TWorkerResponse) => (self as unknown as Worker).postMessage(message);

export function serve(engine: TWorkerEngine) {
  const dbs = new Map<TLabDbName, TLabDatabase>();
  let started: Promise<void> | null = null;

  function load(id: number): Promise<void> {
    started ??= (async () => {
      const files = await fetchLabFiles(engine.files, (loaded, total) =>
        post({ id, type: "progress", step: "download", loaded, total }),
      );
      await engine.start(files, (step) => post({ id, type: "progress", step, loaded: 0, total: 0 }));
    })();
    return started;
  }

  /** A fresh database under `name` with `setup` (a dataset) loaded; the dataset must load cleanly. */
  async function open(name: TLabDbName, setup: string): Promise<TLabDatabase> {
    const db = await engine.open(dbs.get(name), name === "check");
    dbs.set(name, db);
    if (setup.trim()) {
      const failed = (await db.run(setup, { stopAfterError: true })).find((r) => r.kind === "error");
      if (failed?.kind === "error") throw new Error(`the dataset did not load: ${failed.message}`);
    }
    return db;
  }

  async function handle(req: TWorkerRequest): Promise<TWorkerResponse> {
    const t0 = performance.now();
    await load(req.id);
    switch (req.type) {
      case "load":
        return { id: req.id, type: "loaded", ms: performance.now() - t0 };
      case "open":
        await open(req.db, req.setup);
        return { id: req.id, type: "opened", ms: performance.now() - t0 };
      case "attempt": {
        const db = await open("check", req.setup);
        const { changed: _changed, ...runs } = await runAttempt(db, req.exercise, req.learnerSql);
        return { id: req.id, type: "attempted", runs, ms: performance.now() - t0 };
      }
      case "run": {
        const db = dbs.get(req.db);
        if (!db) throw new Error(`no database "${req.db}" is open`);
        const results = await db.run(req.sql, req.options);
        return { id: req.id, type: "ran", results, ms: performance.now() - t0 };
      }
    }
  }

  let queue: Promise<unknown> = Promise.resolve();
  self.addEventListener("message", (event: MessageEvent<TWorkerRequest>) => {
    const req = event.data;
    queue = queue.then(() =>
      handle(req).then(post, (error: unknown) =>
        post({ id: req.id, type: "failed", message: error instanceof Error ? error.message : String(error) }),
      ),
    );
  });
}
