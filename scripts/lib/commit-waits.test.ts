import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { diskSyncLatency } from "./commit-waits.mjs";

describe("diskSyncLatency (the bench's bound for a commit's flush)", () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it("flushes for the time asked, reports ordered figures and leaves no probe file behind", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lnv-disk-"));
    const started = performance.now();
    const r = diskSyncLatency(dir, 0.2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    expect(r.seconds).toBe(0.2);
    expect(r.syncs).toBeGreaterThan(0);
    expect(0).toBeLessThan(r.p50);
    expect(r.p50).toBeLessThanOrEqual(r.p99);
    expect(r.p99).toBeLessThanOrEqual(r.max);
    expect(r.over60).toBeLessThanOrEqual(r.syncs);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
