import type { IncomingMessage, ServerResponse } from "node:http";
export declare const SNAPSHOT_TTL_MS: number;
export declare const PAGE_CACHE_ENTRIES: number;
export declare function createPageInclude(options: {
  fetchThreads: (lessonId: string) => Promise<unknown>;
  ttlMs?: number;
  now?: () => number;
  /** Finished pages kept at most (least recently used dropped first); 0 keeps none. */
  maxEntries?: number;
}): {
  applies(req: IncomingMessage): boolean;
  /** Answers from the kept page, or takes over `res` (capture) and calls `next` (Next.js's handler). */
  respond(req: IncomingMessage, res: ServerResponse, next: () => unknown): unknown;
  capture(req: IncomingMessage, res: ServerResponse): void;
  watch(req: IncomingMessage, res: ServerResponse): void;
  snapshot(lessonId: string): Promise<string>;
  invalidate(): void;
  size(): number;
};
