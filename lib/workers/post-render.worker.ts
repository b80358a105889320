/**
 * The post renderer's thread (lib/workers/post-render.ts runs it). Bundled by esbuild into
 * lib/workers/generated/post-render.worker.mjs (scripts/lib/workers.mjs), because a worker thread
 * cannot load TypeScript or the app's "@/" paths itself.
 */
import { parentPort } from "node:worker_threads";
import { renderPostMarkdown } from "@/lib/domain/post-markdown";

parentPort!.on("message", (job: { id: number; body: string }) => {
  try {
    parentPort!.postMessage({ id: job.id, html: renderPostMarkdown(job.body) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort!.postMessage({ ready: true });
