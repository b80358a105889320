import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";

/**
 * Markdown from users is rendered on a worker thread with a time budget (docs/SECURITY.md,
 * "Rendering posts"): a body built to make the parser slow (10,000 `*a`, deep nesting) can neither
 * block the event loop that serves every other request nor run on without end. A render that takes
 * longer than the budget is stopped (the thread is terminated and a new one started for the next
 * post) and the post is refused with 422. One thread, one render at a time, a bounded queue.
 */
export const RENDER_BUDGET_MS = 500;

/** POST_RENDER_BUDGET_MS (50 to 5000) overrides the budget: tests shorten it to prove the refusal. */
function renderBudgetMs(): number {
  const value = Number(process.env.POST_RENDER_BUDGET_MS);
  return Number.isInteger(value) && value >= 50 && value <= 5000 ? value : RENDER_BUDGET_MS;
}
const QUEUE_MAX = 32;

const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/workers/generated/post-render.worker.mjs");

type Job = { body: string; resolve: (html: string) => void; reject: (error: Error) => void };
type Reply = { ready?: true; id?: number; html?: string; error?: string };

export const tooComplex = () =>
  new AppError("UNPROCESSABLE", "This post is too complex to display (it took too long to format). Simplify its markdown: fewer nested quotes, lists or emphasis marks.", {
    field: "body",
  });

class RenderThread {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private queue: Job[] = [];
  private running = false;
  private nextId = 1;

  render(body: string): Promise<string> {
    if (this.queue.length >= QUEUE_MAX) {
      return Promise.reject(new AppError("UNAVAILABLE", "Posting is busy right now. Try again in a few seconds."));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ body, resolve, reject });
      void this.pump();
    });
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(WORKER_FILE);
      worker.unref();
      const failed = (error: Error) => {
        this.discard(worker);
        reject(error);
      };
      worker.once("error", failed);
      worker.once("message", (message: Reply) => {
        worker.off("error", failed);
        if (message.ready) resolve(worker);
      });
      this.worker = worker;
    });
    return this.ready;
  }

  private discard(worker: Worker) {
    if (this.worker === worker) {
      this.worker = null;
      this.ready = null;
    }
    void worker.terminate();
  }

  private async pump() {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = true;
    try {
      job.resolve(await this.run(job.body));
    } catch (error) {
      job.reject(error as Error);
    } finally {
      this.running = false;
      void this.pump();
    }
  }

  private async run(body: string): Promise<string> {
    let worker: Worker;
    try {
      worker = await this.start();
    } catch (error) {
      console.error(`post-render: the render thread could not start (${WORKER_FILE}):`, error instanceof Error ? error.message : error);
      throw new AppError("UNAVAILABLE", "Posting is unavailable right now. Try again later.");
    }
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        done();
        if (typeof reply.html === "string") resolve(reply.html);
        else reject(tooComplex()); // the parser gave up, e.g. its stack overflowed
      };
      const onError = () => {
        done();
        this.discard(worker);
        reject(tooComplex());
      };
      const onExit = onError;
      const timer = setTimeout(() => {
        done();
        this.discard(worker);
        reject(tooComplex());
      }, renderBudgetMs());
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage({ id, body });
    });
  }
}

const KEY = Symbol.for("learn-netverks.post-render-thread");
const thread = ((globalThis as Record<symbol, unknown>)[KEY] ??= new RenderThread()) as RenderThread;

/** Sanitized HTML for a post's markdown, rendered off the main thread within the budget (else 422). */
export function renderPost(body: string): Promise<string> {
  return thread.render(body);
}
