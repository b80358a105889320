import type { IncomingMessage, ServerResponse } from "node:http";
export declare const SNAPSHOT_TTL_MS: number;
export declare function createPageInclude(options: {
  fetchThreads: (lessonId: string) => Promise<unknown>;
  ttlMs?: number;
  now?: () => number;
}): {
  applies(req: IncomingMessage): boolean;
  capture(req: IncomingMessage, res: ServerResponse): void;
  watch(req: IncomingMessage, res: ServerResponse): void;
  snapshot(lessonId: string): Promise<string>;
  invalidate(): void;
};
