/**
 * The lesson's examples share one database per engine, as a learner pasting them one after another
 * into one psql or sqlite3 session would (that is also how lib/content/lesson-sql.test.ts checks
 * them): an example may use a table or view an earlier one created. So before an example runs for
 * the first time, the earlier runnable examples that have not run yet are run first, unchanged and
 * unshown, in order; an earlier example that failed is followed by ROLLBACK, as the content check
 * does, so a transaction it left open does not swallow the next one.
 *
 * Reset (and a Stop, which restarts the engine) start again from the dataset alone.
 */
import type { TSqlTag } from "@/lib/content/sql-blocks";
import type { TLabEngine, TStatementResult } from "@/lib/lab/types";
import { engineClient, type EngineClient, type TLoadProgress } from "./engine";

/** An example on the page; `engines` are those it runs on, from its `data-lab-engines` (lib/content/markdown.ts). */
export type TExampleBlock = { index: number; code: string; tag: TSqlTag | null; engines: TLabEngine[] };

export type TPhase = { kind: "load"; progress: TLoadProgress } | { kind: "dataset" } | { kind: "replay"; count: number } | { kind: "run" };

/**
 * The engine a block opens on: its own; for `fails-postgres`, PostgreSQL (where the lesson's error
 * is); SQLite otherwise, unless the block does not run there (a PostgreSQL-only track).
 */
export function defaultEngine(tag: TSqlTag | null, engines: TLabEngine[]): TLabEngine {
  const preferred: TLabEngine = tag === "postgres" || tag === "fails-postgres" ? "postgres" : "sqlite";
  return engines.includes(preferred) ? preferred : (engines[0] ?? preferred);
}

/** Whether this engine is expected to refuse the block (a `fails…` tag): the error is the lesson's point. */
export function failsOn(tag: TSqlTag | null, engine: TLabEngine): boolean {
  return tag === "fails" || tag === `fails-${engine}`;
}

class ExamplesSession {
  private openedGeneration = -1;
  private ranUpTo = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly client: EngineClient,
    private datasetSql: () => Promise<string>,
  ) {}

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async ensureOpen(onPhase: (p: TPhase) => void) {
    if (this.openedGeneration === this.client.generation) return;
    if (!this.client.loaded) await this.client.load((progress) => onPhase({ kind: "load", progress }));
    onPhase({ kind: "dataset" });
    const generation = this.client.generation;
    await this.client.open("examples", await this.datasetSql());
    this.openedGeneration = generation;
    this.ranUpTo = 0;
  }

  /** Runs `sql` as example `block` (after the earlier examples it depends on). */
  run(block: TExampleBlock, sql: string, blocks: TExampleBlock[], onPhase: (p: TPhase) => void) {
    return this.serial(async () => {
      await this.ensureOpen(onPhase);
      const engine = this.client.engine;
      const earlier = blocks.filter((b) => b.index > this.ranUpTo && b.index < block.index && b.engines.includes(engine));
      if (earlier.length > 0) onPhase({ kind: "replay", count: earlier.length });
      for (const b of earlier) {
        const results = await this.client.run("examples", b.code);
        if (results.some((r) => r.kind === "error")) await this.client.run("examples", "ROLLBACK");
        this.ranUpTo = b.index;
      }
      this.ranUpTo = Math.max(this.ranUpTo, block.index);
      onPhase({ kind: "run" });
      const results: TStatementResult[] = await this.client.run("examples", sql);
      return { results, replayed: earlier.length };
    });
  }

  /** The dataset alone again (a new database), for Reset. */
  reset(onPhase: (p: TPhase) => void) {
    return this.serial(async () => {
      this.openedGeneration = -1;
      await this.ensureOpen(onPhase);
    });
  }
}

const sessions = new Map<TLabEngine, ExamplesSession>();
let sessionsLesson: string | null = null;

/**
 * The page now shows `lesson` (a client-side navigation keeps this module and its workers): the
 * examples of another lesson start from their own dataset, in a new database.
 */
export function switchLessonSessions(lesson: string) {
  if (sessionsLesson !== lesson) {
    sessions.clear();
    sessionsLesson = lesson;
  }
}

export function examplesSession(engine: TLabEngine, datasetSql: () => Promise<string>): ExamplesSession {
  let s = sessions.get(engine);
  if (!s) {
    s = new ExamplesSession(engineClient(engine), datasetSql);
    sessions.set(engine, s);
  }
  return s;
}
