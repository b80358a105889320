import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TPostStatus } from "./discussion";
import {
  AUDIT_ACTION,
  AUDIT_ACTIONS,
  POST_ACTIONS,
  THREAD_ACTIONS,
  USER_ACTIONS,
  nextPostState,
  nextThreadFlags,
  shouldAutoHide,
  silenceUntil,
} from "./moderation";

/** What nextPostState answers for an allowed action: the post's new status and the report resolution. */
const allowed = (status: TPostStatus, resolution: string) => ({ ok: true, value: { status, resolution } });

describe("post transitions", () => {
  const statuses: TPostStatus[] = ["VISIBLE", "HIDDEN", "REMOVED"];

  it("hide: visible -> hidden only", () => {
    expect(nextPostState("VISIBLE", "hide", 0)).toEqual(allowed("HIDDEN", "hidden"));
    expect(nextPostState("HIDDEN", "hide", 0).ok).toBe(false);
    expect(nextPostState("REMOVED", "hide", 0).ok).toBe(false);
  });

  it("unhide: hidden -> visible only; resolves open reports when there are any", () => {
    expect(nextPostState("HIDDEN", "unhide", 0)).toEqual({ ok: true, value: { status: "VISIBLE", resolution: null } });
    expect(nextPostState("HIDDEN", "unhide", 2)).toEqual(allowed("VISIBLE", "unhidden"));
    expect(nextPostState("VISIBLE", "unhide", 0).ok).toBe(false);
    const removed = nextPostState("REMOVED", "unhide", 0);
    expect(removed.ok || removed.message).toMatch(/removed post cannot be shown/);
  });

  it("remove is final", () => {
    expect(nextPostState("VISIBLE", "remove", 0)).toEqual(allowed("REMOVED", "removed"));
    expect(nextPostState("HIDDEN", "remove", 3)).toEqual(allowed("REMOVED", "removed"));
    for (const action of ["hide", "unhide", "remove"] as const)
      expect(nextPostState("REMOVED", action, 1).ok).toBe(false);
  });

  it("dismiss needs open reports, and shows a post the reports had hidden", () => {
    for (const s of statuses) expect(nextPostState(s, "dismiss", 0).ok).toBe(false);
    expect(nextPostState("HIDDEN", "dismiss", 3)).toEqual(allowed("VISIBLE", "dismissed"));
    expect(nextPostState("VISIBLE", "dismiss", 1)).toEqual(allowed("VISIBLE", "dismissed"));
    expect(nextPostState("REMOVED", "dismiss", 1)).toEqual(allowed("REMOVED", "dismissed"));
  });
});

describe("thread flags", () => {
  it("each action changes its own flag, and refuses a no-op", () => {
    const open = { locked: false, pinned: false };
    expect(nextThreadFlags(open, "lock")).toEqual({ ok: true, value: { locked: true, pinned: false } });
    expect(nextThreadFlags(open, "pin")).toEqual({ ok: true, value: { locked: false, pinned: true } });
    expect(nextThreadFlags(open, "unlock").ok).toBe(false);
    expect(nextThreadFlags(open, "unpin").ok).toBe(false);
    expect(nextThreadFlags({ locked: true, pinned: true }, "unlock")).toEqual({
      ok: true,
      value: { locked: false, pinned: true },
    });
    expect(nextThreadFlags({ locked: true, pinned: true }, "lock").ok).toBe(false);
  });
});

describe("auto-hide", () => {
  it("hides a visible post at the third open report, not before", () => {
    expect(shouldAutoHide("VISIBLE", 2)).toBe(false);
    expect(shouldAutoHide("VISIBLE", 3)).toBe(true);
    expect(shouldAutoHide("HIDDEN", 5)).toBe(false);
    expect(shouldAutoHide("REMOVED", 5)).toBe(false);
  });
});

describe("silence", () => {
  it("lasts N days and never shortens a longer silence", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(silenceUntil(now, 3, null).toISOString()).toBe("2026-06-04T00:00:00.000Z");
    const later = new Date("2026-07-01T00:00:00Z");
    expect(silenceUntil(now, 3, later)).toBe(later);
  });

  it("the audit filter offers exactly the actions that are written", () => {
    expect(AUDIT_ACTIONS).toEqual([
      "post.auto_hide",
      "post.hide",
      "post.remove",
      "post.unhide",
      "report.dismiss",
      "thread.lock",
      "thread.pin",
      "thread.unlock",
      "thread.unpin",
      "user.ban",
      "user.create",
      "user.role",
      "user.silence",
      "user.unban",
      "user.unsilence",
    ]);
    // every moderation action has its audit action, and no two share one
    const mapped = [...POST_ACTIONS, ...THREAD_ACTIONS, ...USER_ACTIONS].map((a) => AUDIT_ACTION[a]);
    expect(new Set(mapped).size).toBe(mapped.length);
    // and the audit actions spelled out where rows are written (data access and the user CLI) are all offered
    const root = path.resolve(import.meta.dirname, "../..");
    const services = fs
      .readdirSync(path.join(root, "lib/db"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !file.startsWith("generated"))
      .map((file) => path.join("lib/db", file));
    const writers = [...services, "scripts/lib/user-command.ts"];
    const written = writers.flatMap((file) => [
      ...fs.readFileSync(path.join(root, file), "utf8").matchAll(/["'`]((?:post|thread|user|report)\.[a-z_]+)["'`]/g),
    ]);
    expect(written.length).toBeGreaterThan(3);
    for (const [, action] of written) expect(AUDIT_ACTIONS, action).toContain(action);
  });
});
