/**
 * Moderation as explicit state changes (STYLE.md habit 8). Each function says what an action does
 * to a post, a thread or a user, or why it cannot; lib/db/moderation/ writes the change and its
 * audit row in one transaction.
 *
 * Post status:   VISIBLE ──hide / 3 reports──▶ HIDDEN ──unhide / dismiss──▶ VISIBLE
 *                VISIBLE | HIDDEN ──remove──▶ REMOVED (final)
 * Thread flags:  locked and pinned, each toggled by its own pair of actions.
 */
import type { TRole } from "./roles";
import type { TPostStatus } from "./discussion";

/** Open reports from this many distinct users hide a post until a moderator reviews it. */
export const AUTO_HIDE_REPORTS = 3;
export const SILENCE_MAX_DAYS = 365;

export const POST_ACTIONS = ["dismiss", "hide", "unhide", "remove"] as const;
export const THREAD_ACTIONS = ["lock", "unlock", "pin", "unpin"] as const;
export const USER_ACTIONS = ["silence", "unsilence", "ban", "unban"] as const;
export type TPostAction = (typeof POST_ACTIONS)[number];
export type TThreadAction = (typeof THREAD_ACTIONS)[number];
export type TUserAction = (typeof USER_ACTIONS)[number];
export type TModAction = TPostAction | TThreadAction | TUserAction;

/** The audit log's `action` for each moderation action (lib/db/users.ts writes user.ban / user.unban). */
export const AUDIT_ACTION: Record<TModAction | "autoHide", string> = {
  dismiss: "report.dismiss",
  hide: "post.hide",
  unhide: "post.unhide",
  remove: "post.remove",
  autoHide: "post.auto_hide",
  lock: "thread.lock",
  unlock: "thread.unlock",
  pin: "thread.pin",
  unpin: "thread.unpin",
  silence: "user.silence",
  unsilence: "user.unsilence",
  ban: "user.ban",
  unban: "user.unban",
};

/** Every action the audit page can filter by, including those written by lib/db/users.ts (also for the user CLI). */
export const AUDIT_ACTIONS = [...new Set([...Object.values(AUDIT_ACTION), "user.role", "user.create"])].sort();

export type TTransition<T> = { ok: true; value: T } | { ok: false; message: string };

export type TPostChange = {
  status: TPostStatus;
  /** Open reports on the post are resolved with this resolution (null: left open). */
  resolution: string | null;
};

/**
 * What a post action does. `dismiss` means "the reports are unfounded": the reports are closed
 * and a post hidden by them becomes visible again. Hiding or removing answers the reports too.
 */
export function nextPostState(
  current: TPostStatus,
  action: TPostAction,
  openReports: number,
): TTransition<TPostChange> {
  switch (action) {
    case "dismiss":
      if (openReports === 0) return { ok: false, message: "This post has no open reports to dismiss." };
      return { ok: true, value: { status: current === "HIDDEN" ? "VISIBLE" : current, resolution: "dismissed" } };
    case "hide":
      if (current === "HIDDEN") return { ok: false, message: "This post is already hidden." };
      if (current === "REMOVED") return { ok: false, message: "This post was removed; it cannot be hidden." };
      return { ok: true, value: { status: "HIDDEN", resolution: "hidden" } };
    case "unhide":
      if (current !== "HIDDEN") {
        return {
          ok: false,
          message: current === "REMOVED" ? "A removed post cannot be shown again." : "This post is not hidden.",
        };
      }
      return { ok: true, value: { status: "VISIBLE", resolution: openReports > 0 ? "unhidden" : null } };
    case "remove":
      if (current === "REMOVED") return { ok: false, message: "This post is already removed." };
      return { ok: true, value: { status: "REMOVED", resolution: "removed" } };
  }
}

export type TThreadFlags = { locked: boolean; pinned: boolean };

/** Each thread action sets one flag; doing it when the flag already has that value is refused with the message. */
const THREAD_FLAG_CHANGES: Record<TThreadAction, { flag: keyof TThreadFlags; to: boolean; refused: string }> = {
  lock: { flag: "locked", to: true, refused: "This thread is already locked." },
  unlock: { flag: "locked", to: false, refused: "This thread is not locked." },
  pin: { flag: "pinned", to: true, refused: "This thread is already pinned." },
  unpin: { flag: "pinned", to: false, refused: "This thread is not pinned." },
};

export function nextThreadFlags(thread: TThreadFlags, action: TThreadAction): TTransition<TThreadFlags> {
  const current = { locked: thread.locked, pinned: thread.pinned };
  const { flag, to, refused } = THREAD_FLAG_CHANGES[action];
  return current[flag] === to ? { ok: false, message: refused } : { ok: true, value: { ...current, [flag]: to } };
}

/**
 * Only reports from established accounts count toward auto-hide (docs/SECURITY.md): accounts at
 * least this old that have a post of their own or a completed lesson. Accounts made a minute ago
 * cannot hide anyone's post; their reports still reach the moderators' queue.
 */
export const REPORTER_MIN_AGE_HOURS = 24;
/** Reports one account may file in a day. */
export const REPORTS_PER_DAY = 20;

/**
 * A report that brings the open reports from established accounts to the threshold hides a visible
 * post, unless a moderator or admin wrote it: staff posts only ever go to the queue.
 */
export function shouldAutoHide(status: TPostStatus, countedReports: number, authorRole: TRole | null = null): boolean {
  if (authorRole === "MODERATOR" || authorRole === "ADMIN") return false;
  return status === "VISIBLE" && countedReports >= AUTO_HIDE_REPORTS;
}

/** Silencing never shortens an existing, longer silence. */
export function silenceUntil(now: Date, days: number, current: Date | null): Date {
  const until = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  return current && current.getTime() > until.getTime() ? current : until;
}

/** A thread takes the status of its opening post, so hiding that post hides the whole thread. */
export function threadStatusFor(openingPostStatus: TPostStatus): TPostStatus {
  return openingPostStatus;
}
