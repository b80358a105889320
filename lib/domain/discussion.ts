/**
 * Discussion rules as plain functions (no Next, no Prisma): text limits and clean-up, where a
 * reply lands in the tree, who may post right now, and how a thread's replies are filtered,
 * sorted and paged for a viewer. lib/db/discussion/ applies them to rows.
 */

export const TITLE_MIN = 5;
export const TITLE_MAX = 120;
export const BODY_MIN = 1;
export const BODY_MAX = 10_000;
export const NOTE_MAX = 500;
/** 0 is the thread's opening post; replies nest 1..3. */
export const MAX_REPLY_DEPTH = 3;

export const THREADS_PAGE_SIZE = 20;
/** Top-level replies per page of a thread (each with its nested replies). */
export const REPLIES_PAGE_SIZE = 50;

/** Everyone: one post (thread or reply) per this many seconds. */
export const POST_INTERVAL_SECONDS = 15;
/** Accounts younger than this get the daily caps below. */
export const NEW_ACCOUNT_MS = 24 * 60 * 60 * 1000;
export const NEW_ACCOUNT_DAILY_THREADS = 3;
export const NEW_ACCOUNT_DAILY_REPLIES = 10;
/** The same text from the same author within this window is refused. */
export const DUPLICATE_WINDOW_MS = 5 * 60 * 1000;

export const SORTS = ["newest", "helpful"] as const;
export type TSort = (typeof SORTS)[number];

export type TPostStatus = "VISIBLE" | "HIDDEN" | "REMOVED";
export type TRole = "LEARNER" | "MODERATOR" | "ADMIN";

// ── Text ────────────────────────────────────────────────────────────────────────────────────────

// C0 controls other than tab, newline and carriage return, plus DEL. PostgreSQL refuses NUL in text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Body text as stored: well-formed UTF-16, no control characters, \n line ends, trimmed. */
/** Quotes and lists nested deeper than this are refused before the markdown is parsed. */
export const NESTING_MAX = 10;

/**
 * How deep quotes and lists nest in a post, read from each line's leading markers (`>`, `-`, `*`,
 * `+`, `1.`) and, on lines that have a marker, its indentation (a nested list needs about two
 * columns per level). Fenced code is skipped. A cheap bound checked before parsing: the markdown
 * parser recurses once per level, and 10,000 `>` overflow its stack.
 */
export function nestingDepth(body: string): number {
  let deepest = 0;
  let fence: string | null = null;
  for (const line of body.split("\n")) {
    const opener = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (opener && (fence === null || opener.startsWith(fence))) {
      fence = fence === null ? opener : null;
      continue;
    }
    if (fence !== null) continue;
    let i = 0;
    let indent = 0;
    while (line[i] === " " || line[i] === "\t") indent += line[i++] === "\t" ? 4 : 1;
    let markers = 0;
    for (;;) {
      const marker = /^(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/.exec(line.slice(i));
      if (!marker) break;
      markers++;
      i += marker[0].length;
    }
    if (markers > 0) deepest = Math.max(deepest, markers + Math.floor(indent / 2));
  }
  return deepest;
}

export function cleanBody(text: string): string {
  return text.toWellFormed().replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}

/** A title is one line: whitespace runs become one space. */
export function cleanTitle(text: string): string {
  return cleanBody(text).replace(/\s+/g, " ");
}

/** What "the same text" means for the duplicate check: case, width and spacing do not count. */
export function normalizeForDuplicate(body: string): string {
  return cleanBody(body).normalize("NFKC").toLowerCase().replace(/\s+/g, " ");
}

/** A short plain-text preview of markdown (notifications, the moderation queue's list). */
export function excerpt(markdown: string, max = 140): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " [code] ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

// ── Tree ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Where a reply to `parent` goes: one level below it, or, below a post already at the deepest
 * level, next to it (same parent, same depth), so the conversation continues without nesting further.
 */
export function placeReply(parent: { id: string; parentId: string | null; depth: number }): {
  parentId: string;
  depth: number;
} {
  if (parent.depth < MAX_REPLY_DEPTH) return { parentId: parent.id, depth: parent.depth + 1 };
  return { parentId: parent.parentId ?? parent.id, depth: MAX_REPLY_DEPTH };
}

type TTreeInput = { id: string; parentId: string | null; status: TPostStatus; createdAt: Date; helpfulCount: number };
export type TTreeNode<T> = T & { replies: TTreeNode<T>[] };

const byNewest = (a: TTreeInput, b: TTreeInput) =>
  b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id);
const byOldest = (a: TTreeInput, b: TTreeInput) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
const byHelpful = (a: TTreeInput, b: TTreeInput) => b.helpfulCount - a.helpfulCount || byNewest(a, b);

/**
 * The replies under `rootId` as a tree. Without `includeHidden` (everyone but moderators) a
 * hidden or removed post is left out together with everything below it. Top-level replies follow
 * `sort`; nested replies read in conversation order (oldest first).
 */
export function buildReplyTree<T extends TTreeInput>(
  posts: T[],
  options: { rootId: string; includeHidden: boolean; sort: TSort },
): TTreeNode<T>[] {
  const children = new Map<string, T[]>();
  for (const post of posts) {
    if (!post.parentId) continue;
    if (!options.includeHidden && post.status !== "VISIBLE") continue;
    const list = children.get(post.parentId) ?? [];
    list.push(post);
    children.set(post.parentId, list);
  }
  const build = (parentId: string, seen: Set<string>): TTreeNode<T>[] => {
    const list = [...(children.get(parentId) ?? [])].filter((p) => !seen.has(p.id));
    list.sort(parentId === options.rootId ? (options.sort === "helpful" ? byHelpful : byNewest) : byOldest);
    return list.map((p) => {
      seen.add(p.id);
      return { ...p, replies: build(p.id, seen) };
    });
  };
  return build(options.rootId, new Set([options.rootId]));
}

export function countTree<T>(nodes: TTreeNode<T>[]): number {
  return nodes.reduce((n, node) => n + 1 + countTree(node.replies), 0);
}

export type TPage<T> = { items: T[]; page: number; pageSize: number; pages: number; total: number };

export function paginate<T>(items: T[], page: number, pageSize: number): TPage<T> {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, pageSize, pages, total: items.length };
}

// ── Who may post now ────────────────────────────────────────────────────────────────────────────

export type TRefusal = { code: "FORBIDDEN" | "CONFLICT" | "RATE_LIMITED"; message: string; retryAfterSeconds?: number };

/** "May 28, 2026, 14:05 UTC": the same for every reader and server. */
export function formatUntil(date: Date): string {
  const day = date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  const time = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  return `${day}, ${time} UTC`;
}

export function isSilenced(user: { silencedUntil: Date | null }, now: Date): boolean {
  return Boolean(user.silencedUntil && user.silencedUntil.getTime() > now.getTime());
}

/** Banned or silenced accounts may not write content (threads, replies, edits). */
export function standingRefusal(
  user: { bannedAt: Date | null; silencedUntil: Date | null },
  now: Date,
): TRefusal | null {
  if (user.bannedAt) return { code: "FORBIDDEN", message: "Your account is suspended, so you cannot post." };
  if (isSilenced(user, now))
    return { code: "FORBIDDEN", message: `You are silenced until ${formatUntil(user.silencedUntil!)}.` };
  return null;
}

export type TPostingContext = {
  now: Date;
  kind: "thread" | "reply";
  author: { role: TRole; createdAt: Date; bannedAt: Date | null; silencedUntil: Date | null };
  /** When the author last posted exactly this text (normalised) within the window, if at all. */
  duplicateAt: Date | null;
  /** The author's threads and replies created in the last 24 hours. */
  last24h: { threads: number; replies: number };
  /** False only when DISCUSSION_RATE_LIMITS=off (test servers). */
  limitsOn: boolean;
};

/**
 * Why this post may not be made now, or null. The 15-second interval is not here: it is an atomic
 * limiter in the database (lib/db/rate-limit.ts), spent only once every rule below has passed.
 */
export function postingRefusal(ctx: TPostingContext): TRefusal | null {
  const standing = standingRefusal(ctx.author, ctx.now);
  if (standing) return standing;
  if (ctx.duplicateAt && ctx.now.getTime() - ctx.duplicateAt.getTime() < DUPLICATE_WINDOW_MS) {
    return {
      code: "CONFLICT",
      message: "You already posted this exact text in the last 5 minutes. Change it, or wait before posting it again.",
    };
  }
  if (!ctx.limitsOn) return null;
  const age = ctx.now.getTime() - ctx.author.createdAt.getTime();
  const staff = ctx.author.role !== "LEARNER";
  if (!staff && age < NEW_ACCOUNT_MS) {
    const retryAfterSeconds = Math.max(1, Math.ceil((NEW_ACCOUNT_MS - age) / 1000));
    if (ctx.kind === "thread" && ctx.last24h.threads >= NEW_ACCOUNT_DAILY_THREADS) {
      return {
        code: "RATE_LIMITED",
        message: `New accounts can start ${NEW_ACCOUNT_DAILY_THREADS} threads in their first day.`,
        retryAfterSeconds,
      };
    }
    if (ctx.kind === "reply" && ctx.last24h.replies >= NEW_ACCOUNT_DAILY_REPLIES) {
      return {
        code: "RATE_LIMITED",
        message: `New accounts can post ${NEW_ACCOUNT_DAILY_REPLIES} replies in their first day.`,
        retryAfterSeconds,
      };
    }
  }
  return null;
}

export const POST_INTERVAL_MESSAGE = `Slow down: you can post once every ${POST_INTERVAL_SECONDS} seconds.`;
