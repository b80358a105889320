import { createHash } from "node:crypto";
import { lessonById } from "@/lib/content/by-id";
import {
  DUPLICATE_WINDOW_MS,
  POST_INTERVAL_MESSAGE,
  REPLIES_PAGE_SIZE,
  THREADS_PAGE_SIZE,
  buildReplyTree,
  countTree,
  excerpt,
  normalizeForDuplicate,
  paginate,
  placeReply,
  postingRefusal,
  standingRefusal,
  type TPostStatus,
  type TRefusal,
  type TSort,
  type TTreeNode,
} from "@/lib/domain/discussion";
import {
  AUDIT_ACTION,
  AUDIT_ACTIONS,
  nextPostState,
  nextThreadFlags,
  REPORTER_MIN_AGE_HOURS,
  REPORTS_PER_DAY,
  shouldAutoHide,
  silenceUntil,
  threadStatusFor,
} from "@/lib/domain/moderation";
import { POST_RENDER_VERSION } from "@/lib/domain/post-markdown";
import { renderPost } from "@/lib/workers/post-render";
import { canModerateUser, roleAtLeast, type TRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import {
  ZCreateReplyRequest,
  ZCreateThreadRequest,
  ZEditPostRequest,
  ZReportRequest,
  ZUpdateThreadRequest,
  type TModActionRequest,
  type TReportReason,
} from "@/lib/schemas/discussion";
import { databaseReady, db } from "./client";
import type { Prisma } from "./generated/client";
import { LIMITS, consumeLimit, discussionLimitsOn } from "./rate-limit";
import { banUser, unbanUser } from "./users";

/**
 * Threads, replies, votes, reports, moderation and notifications. Authorization lives here
 * (STYLE.md habit 3): every function is given who is asking and decides what they may see or
 * change. Hidden and removed posts never leave this file for anyone but moderators and admins.
 */

type Tx = Prisma.TransactionClient;

async function ready() {
  await databaseReady();
  return db();
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
export const bodyHash = (body: string) => sha256(normalizeForDuplicate(body));

function refuse(refusal: TRefusal): never {
  throw new AppError(
    refusal.code,
    refusal.message,
    refusal.retryAfterSeconds ? { retryAfterSeconds: refusal.retryAfterSeconds } : undefined,
  );
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "P2002" || e?.code === "23505" || e?.cause?.code === "23505";
}

// ── Who is asking ───────────────────────────────────────────────────────────────────────────────

type TActor = {
  id: string;
  name: string;
  role: TRole;
  createdAt: Date;
  bannedAt: Date | null;
  silencedUntil: Date | null;
};
const actorSelect = { id: true, name: true, role: true, createdAt: true, bannedAt: true, silencedUntil: true } as const;

/** A reader: null for guests (and for ids that no longer exist or are banned). */
async function loadViewer(viewerId: string | null | undefined): Promise<TActor | null> {
  if (!viewerId) return null;
  const prisma = await ready();
  const viewer = await prisma.user.findUnique({ where: { id: viewerId }, select: actorSelect });
  return viewer && !viewer.bannedAt ? viewer : null;
}

/** Someone changing something: must exist; banned accounts are refused with 403. */
async function loadActor(userId: string): Promise<TActor> {
  const prisma = await ready();
  const actor = await prisma.user.findUnique({ where: { id: userId }, select: actorSelect });
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in again.");
  if (actor.bannedAt) throw new AppError("FORBIDDEN", "Your account is suspended, so you cannot do this.");
  return actor;
}

const isStaff = (user: { role: TRole } | null) => Boolean(user && roleAtLeast(user.role, "MODERATOR"));

async function loadStaff(userId: string): Promise<TActor> {
  const actor = await loadActor(userId);
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "This needs the moderator role.");
  return actor;
}

// ── Views (the JSON shapes of docs/API.md) ─────────────────────────────────────────────────────

export type TAuthorView = { id: string; name: string; role: TRole };

export type TPostView = {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  /** null when the post is deleted ("[deleted]") or the account is gone ("[deleted account]"). */
  author: TAuthorView | null;
  authorDeleted: boolean;
  /** Sanitized HTML; null when the post is deleted. */
  bodyHtml: string | null;
  /** The markdown source, only on the viewer's own posts (to edit them). */
  body: string | null;
  deleted: boolean;
  /** Always VISIBLE for everyone but moderators, who also see HIDDEN and REMOVED posts. */
  status: TPostStatus;
  createdAt: string;
  editedAt: string | null;
  helpfulCount: number;
  mine: boolean;
  votedByMe: boolean;
  reportedByMe: boolean;
  replies: TPostView[];
};

export type TThreadSummary = {
  id: string;
  lessonId: string;
  /** "[deleted]" once the author deleted the opening post (moderators still see the title). */
  title: string;
  author: TAuthorView | null;
  authorDeleted: boolean;
  openingPostId: string;
  createdAt: string;
  lastActivityAt: string;
  locked: boolean;
  pinned: boolean;
  status: TPostStatus;
  deleted: boolean;
  replyCount: number;
  helpfulCount: number;
  mine: boolean;
};

const authorSelect = { select: { id: true, name: true, role: true } } as const;

const postSelect = {
  id: true,
  threadId: true,
  parentId: true,
  depth: true,
  authorId: true,
  author: authorSelect,
  body: true,
  bodyHtml: true,
  bodyHash: true,
  renderVersion: true,
  status: true,
  deletedAt: true,
  editedAt: true,
  helpfulCount: true,
  createdAt: true,
} as const;

type TPostRow = {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  authorId: string | null;
  author: TAuthorView | null;
  body: string;
  bodyHtml: string;
  bodyHash: string;
  renderVersion: number;
  status: TPostStatus;
  deletedAt: Date | null;
  editedAt: Date | null;
  helpfulCount: number;
  createdAt: Date;
};

type TMarks = { viewerId: string | null; voted: Set<string>; reported: Set<string> };
const noMarks = (viewerId: string | null = null): TMarks => ({ viewerId, voted: new Set(), reported: new Set() });

function postView(row: TPostRow & { replies?: TTreeNode<TPostRow>[] }, marks: TMarks): TPostView {
  const deleted = row.deletedAt !== null;
  const mine = marks.viewerId !== null && row.authorId === marks.viewerId;
  return {
    id: row.id,
    threadId: row.threadId,
    parentId: row.parentId,
    depth: row.depth,
    author: deleted ? null : row.author,
    authorDeleted: !deleted && row.authorId === null,
    bodyHtml: deleted ? null : row.bodyHtml,
    body: mine && !deleted ? row.body : null,
    deleted,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    helpfulCount: row.helpfulCount,
    mine,
    votedByMe: marks.voted.has(row.id),
    reportedByMe: marks.reported.has(row.id),
    replies: (row.replies ?? []).map((r) => postView(r, marks)),
  };
}

const threadSelect = {
  id: true,
  lessonId: true,
  title: true,
  authorId: true,
  author: authorSelect,
  createdAt: true,
  lastActivityAt: true,
  locked: true,
  pinned: true,
  status: true,
} as const;

type TThreadRow = {
  id: string;
  lessonId: string;
  title: string;
  authorId: string | null;
  author: TAuthorView | null;
  createdAt: Date;
  lastActivityAt: Date;
  locked: boolean;
  pinned: boolean;
  status: TPostStatus;
};

function threadView(
  thread: TThreadRow,
  opening: { id: string; deletedAt: Date | null; helpfulCount: number },
  replyCount: number,
  viewer: TActor | null,
): TThreadSummary {
  const deleted = opening.deletedAt !== null;
  return {
    id: thread.id,
    lessonId: thread.lessonId,
    title: deleted && !isStaff(viewer) ? "[deleted]" : thread.title,
    author: deleted ? null : thread.author,
    authorDeleted: !deleted && thread.authorId === null,
    openingPostId: opening.id,
    createdAt: thread.createdAt.toISOString(),
    lastActivityAt: thread.lastActivityAt.toISOString(),
    locked: thread.locked,
    pinned: thread.pinned,
    status: thread.status,
    deleted,
    replyCount,
    helpfulCount: opening.helpfulCount,
    mine: viewer !== null && thread.authorId === viewer.id,
  };
}

/** Replies a viewer may see: everyone sees visible ones; staff see all. */
const replyFilter = (staff: boolean) =>
  staff ? { depth: { gt: 0 } } : { depth: { gt: 0 }, status: "VISIBLE" as const };

function requireLesson(lessonId: string) {
  const lesson = lessonById(lessonId);
  if (!lesson) throw new AppError("NOT_FOUND", "No published lesson has this id.");
  return lesson;
}

async function marksFor(viewer: TActor | null, postIds: string[]): Promise<TMarks> {
  if (!viewer || postIds.length === 0) return noMarks(viewer?.id ?? null);
  const prisma = await ready();
  const [votes, reports] = await Promise.all([
    prisma.vote.findMany({ where: { userId: viewer.id, postId: { in: postIds } }, select: { postId: true } }),
    prisma.report.findMany({ where: { reporterId: viewer.id, postId: { in: postIds } }, select: { postId: true } }),
  ]);
  return {
    viewerId: viewer.id,
    voted: new Set(votes.map((v) => v.postId)),
    reported: new Set(reports.map((r) => r.postId)),
  };
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

export type TViewerInfo = { id: string; name: string; role: TRole; silencedUntil: string | null } | null;

function viewerInfo(viewer: TActor | null): TViewerInfo {
  if (!viewer) return null;
  const silenced =
    viewer.silencedUntil && viewer.silencedUntil.getTime() > Date.now() ? viewer.silencedUntil.toISOString() : null;
  return { id: viewer.id, name: viewer.name, role: viewer.role, silencedUntil: silenced };
}

/** The threads of a lesson, pinned first, then newest or most helpful (by the opening post's votes). */
export async function listThreads(input: { viewerId: string | null; lessonId: string; sort: TSort; page: number }) {
  const prisma = await ready();
  requireLesson(input.lessonId);
  const viewer = await loadViewer(input.viewerId);
  const staff = isStaff(viewer);
  // A thread is its opening post (depth 0); a deleted opening post with no replies left is gone.
  const where: Prisma.PostWhereInput = {
    depth: 0,
    thread: { lessonId: input.lessonId, ...(staff ? {} : { status: "VISIBLE" as const }) },
    OR: [{ deletedAt: null }, { thread: { posts: { some: replyFilter(staff) } } }],
  };
  const [total, rows] = await Promise.all([
    prisma.post.count({ where }),
    prisma.post.findMany({
      where,
      select: {
        id: true,
        deletedAt: true,
        helpfulCount: true,
        thread: { select: { ...threadSelect, _count: { select: { posts: { where: replyFilter(staff) } } } } },
      },
      orderBy: [
        { thread: { pinned: "desc" } },
        input.sort === "helpful" ? { helpfulCount: "desc" } : { createdAt: "desc" },
        { createdAt: "desc" },
        { id: "asc" },
      ],
      skip: (input.page - 1) * THREADS_PAGE_SIZE,
      take: THREADS_PAGE_SIZE,
    }),
  ]);
  // Exact counts: a visible reply under a hidden one is not shown, so it must not be counted.
  const counts = staff ? null : await visibleReplyCounts(rows.map((r) => r.thread.id));
  return {
    threads: rows.map((r) =>
      threadView(r.thread, r, counts ? (counts.get(r.thread.id) ?? 0) : r.thread._count.posts, viewer),
    ),
    page: input.page,
    pageSize: THREADS_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / THREADS_PAGE_SIZE)),
    total,
    viewer: viewerInfo(viewer),
  };
}

async function visibleReplyCounts(threadIds: string[]): Promise<Map<string, number>> {
  const prisma = await ready();
  const posts = await prisma.post.findMany({
    where: { threadId: { in: threadIds } },
    select: { id: true, threadId: true, parentId: true, status: true, createdAt: true, helpfulCount: true },
  });
  const counts = new Map<string, number>();
  for (const threadId of threadIds) {
    const mine = posts.filter((p) => p.threadId === threadId);
    const root = mine.find((p) => p.parentId === null);
    if (root)
      counts.set(threadId, countTree(buildReplyTree(mine, { rootId: root.id, includeHidden: false, sort: "newest" })));
  }
  return counts;
}

/** Upper bound of posts read for one thread; threads under a lesson stay far below it. */
const THREAD_POST_CAP = 5000;

/** One thread: the opening post and a page of top-level replies, each with its nested replies. */
export async function getThread(input: { viewerId: string | null; threadId: string; sort: TSort; page: number }) {
  const prisma = await ready();
  const viewer = await loadViewer(input.viewerId);
  const staff = isStaff(viewer);
  const thread = await prisma.thread.findUnique({ where: { id: input.threadId }, select: threadSelect });
  if (!thread || (!staff && thread.status !== "VISIBLE")) throw new AppError("NOT_FOUND", "No such thread.");
  const posts: TPostRow[] = await prisma.post.findMany({
    where: { threadId: thread.id, ...(staff ? {} : { status: "VISIBLE" as const }) },
    select: postSelect,
    orderBy: { createdAt: "asc" },
    take: THREAD_POST_CAP,
  });
  await refreshStaleHtml(prisma, posts);
  const root = posts.find((p) => p.parentId === null);
  if (!root) throw new AppError("NOT_FOUND", "No such thread.");
  const tree = buildReplyTree(posts, { rootId: root.id, includeHidden: staff, sort: input.sort });
  const page = paginate(tree, input.page, REPLIES_PAGE_SIZE);
  const marks = await marksFor(
    viewer,
    posts.map((p) => p.id),
  );
  const replyCount = countTree(tree);
  return {
    thread: threadView(thread, root, replyCount, viewer),
    post: postView({ ...root, replies: page.items }, marks),
    page: page.page,
    pageSize: page.pageSize,
    pages: page.pages,
    topLevelReplies: page.total,
    viewer: viewerInfo(viewer),
  };
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────────

/** Every rule a new thread or reply must pass, then the 15-second interval is spent. */
async function checkPosting(author: TActor, kind: "thread" | "reply", hash: string) {
  const prisma = await ready();
  const now = new Date();
  const limitsOn = discussionLimitsOn();
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const [duplicate, threads, replies] = await Promise.all([
    prisma.post.findFirst({
      where: { authorId: author.id, bodyHash: hash, createdAt: { gt: new Date(now.getTime() - DUPLICATE_WINDOW_MS) } },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
    prisma.post.count({ where: { authorId: author.id, depth: 0, createdAt: { gt: since } } }),
    prisma.post.count({ where: { authorId: author.id, depth: { gt: 0 }, createdAt: { gt: since } } }),
  ]);
  const refusal = postingRefusal({
    now,
    kind,
    author,
    duplicateAt: duplicate?.createdAt ?? null,
    last24h: { threads, replies },
    limitsOn,
  });
  if (refusal) refuse(refusal);
  if (limitsOn) {
    const spent = await consumeLimit("postInterval", author.id);
    if (!spent.allowed)
      throw new AppError("RATE_LIMITED", POST_INTERVAL_MESSAGE, { retryAfterSeconds: spent.retryAfterSeconds });
  }
}

/** Edits render markdown as new posts do, so they have their own limit (under the same switch). */
async function spendEdit(actor: TActor) {
  if (!discussionLimitsOn()) return;
  const spent = await consumeLimit("postEdit", actor.id);
  if (!spent.allowed) {
    throw new AppError("RATE_LIMITED", `You can edit posts ${LIMITS.postEdit.points} times a minute. Wait a moment and save again.`, {
      retryAfterSeconds: spent.retryAfterSeconds,
    });
  }
}

function refuseIfCannotWrite(author: TActor) {
  const standing = standingRefusal(author, new Date());
  if (standing) refuse(standing);
}

/**
 * What a post stores of a body it is given: the HTML and the version of the rules that made it.
 * Rendered on the render thread within its time budget (lib/workers/post-render.ts), else 422.
 */
const rendered = async (body: string) => ({ bodyHtml: await renderPost(body), renderVersion: POST_RENDER_VERSION });

/** A body the current rules cannot render in time, shown as its plain text. */
const asPlainText = (body: string) =>
  `<p>${body.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</p>`;

/**
 * Posts whose HTML was rendered by older rules (POST_RENDER_VERSION) are rendered again from their
 * markdown, in place, and stored, so a stricter sanitizer reaches every old post the next time it
 * is read. A row whose body changed since it was read (its hash no longer matches) is left alone:
 * that edit stored its own HTML. A failed store costs only a render on the next read, so it is
 * logged, never thrown: reading a thread must not fail because of it.
 */
export async function refreshStaleHtml(
  prisma: Awaited<ReturnType<typeof ready>>,
  rows: { id: string; body: string; bodyHtml: string; bodyHash: string; renderVersion: number }[],
): Promise<void> {
  const stale = rows.filter((row) => row.renderVersion < POST_RENDER_VERSION);
  if (stale.length === 0) return;
  for (const row of stale) {
    const html = await renderPost(row.body).catch(() => asPlainText(row.body));
    Object.assign(row, { bodyHtml: html, renderVersion: POST_RENDER_VERSION });
  }
  await prisma.$executeRaw`
    UPDATE posts AS p SET body_html = v.html, render_version = ${POST_RENDER_VERSION}
    FROM unnest(${stale.map((r) => r.id)}::uuid[], ${stale.map((r) => r.bodyHtml)}::text[], ${stale.map((r) => r.bodyHash)}::text[])
      AS v(id, html, hash)
    WHERE p.id = v.id AND p.body_hash = v.hash AND p.render_version < ${POST_RENDER_VERSION}`.catch((error: unknown) =>
    console.error("discussion: storing re-rendered post HTML failed:", error instanceof Error ? error.message : error),
  );
}

export async function createThread(raw: { userId: string; lessonId: string; title: string; body: string }) {
  // The same cleaning and limits as the API, for callers that do not come through it (a ZodError names the fields).
  const input = { ...raw, ...ZCreateThreadRequest.parse({ title: raw.title, body: raw.body }) };
  const prisma = await ready();
  const author = await loadActor(input.userId);
  refuseIfCannotWrite(author);
  requireLesson(input.lessonId);
  const hash = bodyHash(input.body);
  await checkPosting(author, "thread", hash);
  const thread = await prisma.thread.create({
    data: {
      lessonId: input.lessonId,
      authorId: author.id,
      title: input.title,
      posts: { create: { authorId: author.id, depth: 0, body: input.body, ...(await rendered(input.body)), bodyHash: hash } },
    },
    select: { ...threadSelect, posts: { select: postSelect } },
  });
  const opening = thread.posts[0]!;
  return { thread: threadView(thread, opening, 0, author), post: postView(opening, noMarks(author.id)) };
}

/** Loads a thread for someone about to write in it: hidden threads do not exist for non-staff. */
async function threadForWriting(tx: Tx, threadId: string, actor: TActor) {
  const thread = await tx.thread.findUnique({
    where: { id: threadId },
    select: { id: true, lessonId: true, authorId: true, locked: true, status: true, title: true },
  });
  if (!thread || (!isStaff(actor) && thread.status !== "VISIBLE")) throw new AppError("NOT_FOUND", "No such thread.");
  return thread;
}

function refuseIfLocked(thread: { locked: boolean }, actor: TActor) {
  if (thread.locked && !isStaff(actor))
    throw new AppError("FORBIDDEN", "This thread is locked: no new replies or edits.");
}

export async function createReply(raw: { userId: string; threadId: string; parentId?: string; body: string }) {
  const input = { ...raw, ...ZCreateReplyRequest.parse({ body: raw.body, parentId: raw.parentId }) };
  const prisma = await ready();
  const author = await loadActor(input.userId);
  refuseIfCannotWrite(author);
  const thread = await threadForWriting(prisma, input.threadId, author);
  refuseIfLocked(thread, author);
  const parent = await prisma.post.findFirst({
    where: input.parentId ? { id: input.parentId, threadId: thread.id } : { threadId: thread.id, parentId: null },
    select: { id: true, parentId: true, depth: true, authorId: true, status: true },
  });
  if (!parent || (!isStaff(author) && parent.status !== "VISIBLE")) {
    throw new AppError("NOT_FOUND", "The post you are replying to is not in this thread.", { field: "parentId" });
  }
  const hash = bodyHash(input.body);
  await checkPosting(author, "reply", hash);
  const html = await rendered(input.body);
  const place = placeReply(parent);
  // The thread's author hears of every reply in it; a post's author of direct replies to it.
  const recipients = new Set(
    [thread.authorId, parent.authorId].filter((id): id is string => Boolean(id) && id !== author.id),
  );
  const post = await prisma.$transaction(async (tx) => {
    const created = await tx.post.create({
      data: {
        threadId: thread.id,
        parentId: place.parentId,
        depth: place.depth,
        authorId: author.id,
        body: input.body,
        ...html,
        bodyHash: hash,
      },
      select: postSelect,
    });
    await tx.thread.update({ where: { id: thread.id }, data: { lastActivityAt: created.createdAt } });
    if (recipients.size) {
      await tx.notification.createMany({
        data: [...recipients].map((userId) => ({
          userId,
          postId: created.id,
          threadId: thread.id,
          lessonId: thread.lessonId,
        })),
      });
    }
    return created;
  });
  return { post: postView(post, noMarks(author.id)) };
}

/** A post its author is about to change: visible to them, theirs, not deleted. */
async function ownPost(tx: Tx, postId: string, actor: TActor) {
  const post = await tx.post.findUnique({
    where: { id: postId },
    select: { ...postSelect, thread: { select: { id: true, locked: true, status: true } } },
  });
  const staff = isStaff(actor);
  if (!post || (!staff && (post.status !== "VISIBLE" || post.thread.status !== "VISIBLE")))
    throw new AppError("NOT_FOUND", "No such post.");
  if (post.authorId !== actor.id) throw new AppError("FORBIDDEN", "You can only change your own posts.");
  return post;
}

export async function editPost(raw: { userId: string; postId: string; body: string }) {
  const input = { ...raw, ...ZEditPostRequest.parse({ body: raw.body }) };
  const prisma = await ready();
  const actor = await loadActor(input.userId);
  const post = await ownPost(prisma, input.postId, actor);
  if (post.deletedAt) throw new AppError("CONFLICT", "This post was deleted; it cannot be edited.");
  refuseIfCannotWrite(actor);
  refuseIfLocked(post.thread, actor);
  const hash = bodyHash(input.body);
  const marks = await marksFor(actor, [post.id]);
  // Saving the same text again changes nothing and earns no "edited" label.
  if (post.body === input.body) return { post: postView(post, marks) };
  await spendEdit(actor);
  const updated = await prisma.post.update({
    where: { id: post.id },
    data: { body: input.body, ...(await rendered(input.body)), bodyHash: hash, editedAt: new Date() },
    select: postSelect,
  });
  return { post: postView(updated, marks) };
}

/** The author changes the title and/or the opening post of their thread. */
export async function updateThread(raw: { userId: string; threadId: string; title?: string; body?: string }) {
  const input = { ...raw, ...ZUpdateThreadRequest.parse({ title: raw.title, body: raw.body }) };
  const prisma = await ready();
  const actor = await loadActor(input.userId);
  const opening = await prisma.post.findFirst({
    where: { threadId: input.threadId, parentId: null },
    select: { id: true },
  });
  if (!opening) throw new AppError("NOT_FOUND", "No such thread.");
  const post = await ownPost(prisma, opening.id, actor);
  if (post.deletedAt) throw new AppError("CONFLICT", "This thread was deleted; it cannot be edited.");
  refuseIfCannotWrite(actor);
  refuseIfLocked(post.thread, actor);
  await spendEdit(actor);
  const html = input.body !== undefined ? await rendered(input.body) : undefined;
  const result = await prisma.$transaction(async (tx) => {
    const thread = await tx.thread.update({
      where: { id: input.threadId },
      data: input.title !== undefined ? { title: input.title } : {},
      select: threadSelect,
    });
    const updated = await tx.post.update({
      where: { id: post.id },
      data: {
        editedAt: new Date(),
        ...(input.body !== undefined ? { body: input.body, ...html, bodyHash: bodyHash(input.body) } : {}),
      },
      select: postSelect,
    });
    const replies = await tx.post.count({ where: { threadId: thread.id, ...replyFilter(false) } });
    return { thread, updated, replies };
  });
  return {
    thread: threadView(result.thread, result.updated, result.replies, actor),
    post: postView(result.updated, await marksFor(actor, [post.id])),
  };
}

/**
 * Soft delete by the author: the row stays (its replies hang off it, moderators may need it) and
 * shows as "[deleted]". Deleting again is a no-op. Silenced users may still delete their posts.
 */
export async function deletePost(input: { userId: string; postId: string }) {
  const prisma = await ready();
  const actor = await loadActor(input.userId);
  const post = await ownPost(prisma, input.postId, actor);
  const updated = post.deletedAt
    ? post
    : await prisma.post.update({ where: { id: post.id }, data: { deletedAt: new Date() }, select: postSelect });
  return { post: postView(updated, noMarks(actor.id)) };
}

export async function deleteThread(input: { userId: string; threadId: string }) {
  const prisma = await ready();
  const opening = await prisma.post.findFirst({
    where: { threadId: input.threadId, parentId: null },
    select: { id: true },
  });
  if (!opening) throw new AppError("NOT_FOUND", "No such thread.");
  return deletePost({ userId: input.userId, postId: opening.id });
}

// ── Votes ───────────────────────────────────────────────────────────────────────────────────────

async function votablePost(tx: Tx, postId: string, actor: TActor) {
  const post = await tx.post.findUnique({
    where: { id: postId },
    select: { id: true, authorId: true, status: true, deletedAt: true, thread: { select: { status: true } } },
  });
  if (!post || (!isStaff(actor) && (post.status !== "VISIBLE" || post.thread.status !== "VISIBLE")))
    throw new AppError("NOT_FOUND", "No such post.");
  return post;
}

/** Adds or removes the user's vote; the count moves in the same transaction, only when the vote did. */
async function setVote(prisma: Awaited<ReturnType<typeof ready>>, userId: string, postId: string, voted: boolean) {
  return prisma.$transaction(async (tx) => {
    const changed = voted
      ? (await tx.vote.createMany({ data: [{ userId, postId }], skipDuplicates: true })).count
      : (await tx.vote.deleteMany({ where: { userId, postId } })).count;
    const row = changed
      ? await tx.post.update({
          where: { id: postId },
          data: { helpfulCount: voted ? { increment: 1 } : { decrement: 1 } },
          select: { helpfulCount: true },
        })
      : await tx.post.findUniqueOrThrow({ where: { id: postId }, select: { helpfulCount: true } });
    return row.helpfulCount;
  });
}

/** "Helpful": one per user and post, never on one's own. */
export async function votePost(input: { userId: string; postId: string }) {
  const prisma = await ready();
  const actor = await loadActor(input.userId);
  const post = await votablePost(prisma, input.postId, actor);
  if (post.authorId === actor.id) throw new AppError("FORBIDDEN", "You cannot vote for your own post.");
  if (post.deletedAt) throw new AppError("CONFLICT", "This post was deleted.");
  const helpfulCount = await setVote(prisma, actor.id, post.id, true);
  return { vote: { postId: post.id, helpfulCount, votedByMe: true } };
}

export async function unvotePost(input: { userId: string; postId: string }) {
  const prisma = await ready();
  const actor = await loadActor(input.userId);
  const post = await votablePost(prisma, input.postId, actor);
  const helpfulCount = await setVote(prisma, actor.id, post.id, false);
  return { vote: { postId: post.id, helpfulCount, votedByMe: false } };
}

/** For deleteAccount (same transaction): the user's votes go, and so do the counts they added. */
export async function forgetVotesOf(tx: Tx, userId: string) {
  await tx.$executeRaw`UPDATE posts SET helpful_count = helpful_count - 1 WHERE id IN (SELECT post_id FROM votes WHERE user_id = ${userId}::uuid)`;
  await tx.vote.deleteMany({ where: { userId } });
}

// ── Reports ─────────────────────────────────────────────────────────────────────────────────────

/**
 * One report per user and post (409 on a second). The post row is locked first, so concurrent
 * reports are counted one after another: the report that brings the open reports from distinct
 * users to three hides the post, with an audit row by the system (actor null).
 */
export async function reportPost(raw: { userId: string; postId: string; reason: TReportReason; note?: string }) {
  const input = { ...raw, ...ZReportRequest.parse({ reason: raw.reason, note: raw.note }) };
  const prisma = await ready();
  const actor = await loadActor(input.userId);
  const post = await votablePost(prisma, input.postId, actor);
  if (post.authorId === actor.id) throw new AppError("FORBIDDEN", "You cannot report your own post.");
  if (post.deletedAt) throw new AppError("CONFLICT", "This post was deleted.");
  const spent = await consumeLimit("reportDaily", actor.id);
  if (!spent.allowed) {
    throw new AppError("RATE_LIMITED", `You can report at most ${REPORTS_PER_DAY} posts a day. The moderators have your earlier reports.`, {
      retryAfterSeconds: spent.retryAfterSeconds,
    });
  }
  try {
    const report = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM posts WHERE id = ${post.id}::uuid FOR UPDATE`;
      const already = await tx.report.findUnique({
        where: { postId_reporterId: { postId: post.id, reporterId: actor.id } },
        select: { id: true },
      });
      if (already) throw new AppError("CONFLICT", "You already reported this post. Moderators will review it.");
      const created = await tx.report.create({
        data: { postId: post.id, reporterId: actor.id, reason: input.reason, note: input.note || null },
        select: { id: true, postId: true, reason: true, note: true, createdAt: true },
      });
      const current = await tx.post.findUniqueOrThrow({
        where: { id: post.id },
        select: { status: true, depth: true, threadId: true, authorId: true, author: { select: { role: true } } },
      });
      const open = await countedReports(tx, post.id);
      if (shouldAutoHide(current.status, open, current.author?.role ?? null)) {
        await tx.post.update({ where: { id: post.id }, data: { status: "HIDDEN" } });
        if (current.depth === 0)
          await tx.thread.update({ where: { id: current.threadId }, data: { status: threadStatusFor("HIDDEN") } });
        await tx.auditLog.create({
          data: {
            actorId: null,
            action: AUDIT_ACTION.autoHide,
            targetPostId: post.id,
            targetUserId: current.authorId,
            reason: `${open} open reports from established accounts`,
            details: { from: current.status, to: "HIDDEN", openReports: open, threadId: current.threadId },
          },
        });
      }
      return created;
    });
    return { report: { ...report, createdAt: report.createdAt.toISOString() } };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", "You already reported this post. Moderators will review it.");
    throw error;
  }
}

/**
 * How old an account must be before its reports count toward auto-hide: REPORTER_MIN_AGE_HOURS
 * (24), or the operator's REPORTER_MIN_AGE_HOURS setting (0 to 720; the e2e server sets 0 so its
 * minutes-old accounts can be established by posting).
 */
function reporterMinAgeHours(): number {
  const raw = process.env.REPORTER_MIN_AGE_HOURS;
  const hours = raw === undefined || raw === "" ? REPORTER_MIN_AGE_HOURS : Number(raw);
  return Number.isInteger(hours) && hours >= 0 && hours <= 720 ? hours : REPORTER_MIN_AGE_HOURS;
}

/**
 * Open reports on a post from established accounts (lib/domain/moderation.ts): old enough
 * (reporterMinAgeHours), with a visible post of their own or a completed lesson.
 */
async function countedReports(tx: Tx, postId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT r.reporter_id)::int AS n
    FROM reports r JOIN users u ON u.id = r.reporter_id
    WHERE r.post_id = ${postId}::uuid AND r.status = 'OPEN'
      AND u.created_at <= now() - make_interval(hours => ${reporterMinAgeHours()})
      AND (EXISTS (SELECT 1 FROM posts p WHERE p.author_id = u.id AND p.deleted_at IS NULL AND p.status = 'VISIBLE')
        OR EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.user_id = u.id AND lp.completed_at IS NOT NULL))`;
  return rows[0]?.n ?? 0;
}

// ── Moderation ──────────────────────────────────────────────────────────────────────────────────

export const QUEUE_PAGE_SIZE = 20;

/** Open reports grouped by post, most-reported first, with the context a moderator needs. */
export async function listReportQueue(input: { actorId: string; page: number }) {
  const prisma = await ready();
  await loadStaff(input.actorId);
  const where: Prisma.PostWhereInput = { reports: { some: { status: "OPEN" } } };
  const [total, posts] = await Promise.all([
    prisma.post.count({ where }),
    prisma.post.findMany({
      where,
      select: {
        ...postSelect,
        author: { select: { id: true, name: true, role: true, bannedAt: true, silencedUntil: true } },
        thread: { select: { id: true, title: true, lessonId: true, locked: true, pinned: true, status: true } },
        reports: {
          where: { status: "OPEN" },
          select: {
            id: true,
            reason: true,
            note: true,
            createdAt: true,
            reporter: { select: { id: true, name: true } },
          },
          orderBy: { createdAt: "asc" },
        },
      },
      orderBy: [{ reports: { _count: "desc" } }, { createdAt: "asc" }, { id: "asc" }],
      skip: (input.page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
    }),
  ]);
  await refreshStaleHtml(prisma, posts);
  const items = posts.map((p) => {
    const lesson = lessonById(p.thread.lessonId);
    return {
      post: {
        id: p.id,
        depth: p.depth,
        status: p.status,
        deleted: p.deletedAt !== null,
        bodyHtml: p.bodyHtml,
        createdAt: p.createdAt.toISOString(),
        editedAt: p.editedAt?.toISOString() ?? null,
        helpfulCount: p.helpfulCount,
      },
      author: p.author
        ? {
            id: p.author.id,
            name: p.author.name,
            role: p.author.role,
            bannedAt: p.author.bannedAt?.toISOString() ?? null,
            silencedUntil:
              p.author.silencedUntil && p.author.silencedUntil.getTime() > Date.now()
                ? p.author.silencedUntil.toISOString()
                : null,
          }
        : null,
      thread: p.thread,
      lesson: lesson
        ? { id: lesson.id, title: lesson.title, path: lesson.path }
        : { id: p.thread.lessonId, title: "(unpublished lesson)", path: null },
      reports: p.reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    };
  });
  return {
    items,
    page: input.page,
    pageSize: QUEUE_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    total,
  };
}

async function auditInTx(tx: Tx, data: Prisma.AuditLogUncheckedCreateInput) {
  return tx.auditLog.create({ data, select: { id: true, action: true, createdAt: true } });
}

/**
 * One moderation action: the state change and its audit row in one transaction (ban and unban
 * go through users.ts, which does the same). Returns what changed and the audit row's id.
 */
export async function moderate(input: { actorId: string; request: TModActionRequest }) {
  const prisma = await ready();
  const actor = await loadStaff(input.actorId);
  const r = input.request;
  const reason = "reason" in r && r.reason ? r.reason : null;

  switch (r.action) {
    case "dismiss":
    case "hide":
    case "unhide":
    case "remove": {
      const action = r.action;
      return prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM posts WHERE id = ${r.postId}::uuid FOR UPDATE`;
        const post = await tx.post.findUnique({
          where: { id: r.postId },
          select: { id: true, status: true, depth: true, threadId: true, authorId: true },
        });
        if (!post) throw new AppError("NOT_FOUND", "No such post.", { field: "postId" });
        const open = await tx.report.count({ where: { postId: post.id, status: "OPEN" } });
        const change = nextPostState(post.status, action, open);
        if (!change.ok) throw new AppError("CONFLICT", change.message);
        const { status, resolution } = change.value;
        if (status !== post.status) {
          await tx.post.update({ where: { id: post.id }, data: { status } });
          if (post.depth === 0)
            await tx.thread.update({ where: { id: post.threadId }, data: { status: threadStatusFor(status) } });
        }
        const resolved = resolution
          ? await tx.report.updateMany({
              where: { postId: post.id, status: "OPEN" },
              data: { status: "RESOLVED", resolvedById: actor.id, resolution, resolvedAt: new Date() },
            })
          : { count: 0 };
        const audit = await auditInTx(tx, {
          actorId: actor.id,
          action: AUDIT_ACTION[action],
          targetPostId: post.id,
          targetUserId: post.authorId,
          reason,
          details: { from: post.status, to: status, reportsResolved: resolved.count, threadId: post.threadId },
        });
        return { action, auditId: audit.id, post: { id: post.id, status, reportsResolved: resolved.count } };
      });
    }
    case "lock":
    case "unlock":
    case "pin":
    case "unpin": {
      const action = r.action;
      return prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM threads WHERE id = ${r.threadId}::uuid FOR UPDATE`;
        const thread = await tx.thread.findUnique({
          where: { id: r.threadId },
          select: {
            id: true,
            locked: true,
            pinned: true,
            authorId: true,
            posts: { where: { parentId: null }, select: { id: true } },
          },
        });
        if (!thread) throw new AppError("NOT_FOUND", "No such thread.", { field: "threadId" });
        const change = nextThreadFlags(thread, action);
        if (!change.ok) throw new AppError("CONFLICT", change.message);
        await tx.thread.update({ where: { id: thread.id }, data: change.value });
        const audit = await auditInTx(tx, {
          actorId: actor.id,
          action: AUDIT_ACTION[action],
          targetPostId: thread.posts[0]?.id ?? null,
          targetUserId: thread.authorId,
          reason,
          details: { threadId: thread.id, from: { locked: thread.locked, pinned: thread.pinned }, to: change.value },
        });
        return { action, auditId: audit.id, thread: { id: thread.id, ...change.value } };
      });
    }
    case "silence":
    case "unsilence": {
      const action = r.action;
      const days = r.action === "silence" ? r.days : 0;
      return prisma.$transaction(async (tx) => {
        const target = await tx.user.findUnique({
          where: { id: r.userId },
          select: { id: true, role: true, silencedUntil: true },
        });
        if (!target) throw new AppError("NOT_FOUND", "No such user.", { field: "userId" });
        if (!canModerateUser(actor, target))
          throw new AppError("FORBIDDEN", "You cannot silence or unsilence this user.");
        const now = new Date();
        const silenced = target.silencedUntil !== null && target.silencedUntil.getTime() > now.getTime();
        if (action === "unsilence" && !silenced) throw new AppError("CONFLICT", "This user is not silenced.");
        const until = action === "silence" ? silenceUntil(now, days, target.silencedUntil) : null;
        await tx.user.update({ where: { id: target.id }, data: { silencedUntil: until } });
        const audit = await auditInTx(tx, {
          actorId: actor.id,
          action: AUDIT_ACTION[action],
          targetUserId: target.id,
          reason,
          details:
            action === "silence"
              ? { days, until: until!.toISOString() }
              : { was: target.silencedUntil?.toISOString() ?? null },
        });
        return { action, auditId: audit.id, user: { id: target.id, silencedUntil: until?.toISOString() ?? null } };
      });
    }
    case "ban": {
      const target = await prisma.user.findUnique({ where: { id: r.userId }, select: { bannedAt: true } });
      if (target?.bannedAt) throw new AppError("CONFLICT", "This user is already banned.");
      const user = await banUser({ actorId: actor.id, userId: r.userId, reason: r.reason });
      return { action: r.action, user: { id: user.id, bannedAt: user.bannedAt?.toISOString() ?? null } };
    }
    case "unban": {
      const target = await prisma.user.findUnique({ where: { id: r.userId }, select: { bannedAt: true } });
      if (target && !target.bannedAt) throw new AppError("CONFLICT", "This user is not banned.");
      const user = await unbanUser({ actorId: actor.id, userId: r.userId });
      return { action: r.action, user: { id: user.id, bannedAt: null } };
    }
  }
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, filtered by action, moderator and UTC day range. */
export async function listAudit(input: {
  actorId: string;
  action?: string;
  moderatorId?: string;
  from?: string;
  to?: string;
  page: number;
}) {
  const prisma = await ready();
  await loadStaff(input.actorId);
  const createdAt: Prisma.DateTimeFilter = {};
  if (input.from) createdAt.gte = new Date(`${input.from}T00:00:00Z`);
  if (input.to) createdAt.lt = new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 24 * 60 * 60 * 1000);
  const where: Prisma.AuditLogWhereInput = {
    ...(input.action ? { action: input.action } : {}),
    ...(input.moderatorId ? { actorId: input.moderatorId } : {}),
    ...(input.from || input.to ? { createdAt } : {}),
  };
  const [total, rows, moderators] = await Promise.all([
    prisma.auditLog.count({ where }),
    prisma.auditLog.findMany({
      where,
      select: {
        id: true,
        action: true,
        reason: true,
        details: true,
        createdAt: true,
        targetPostId: true,
        actor: { select: { id: true, name: true } },
        targetUser: { select: { id: true, name: true } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    prisma.user.findMany({
      where: { role: { in: ["MODERATOR", "ADMIN"] } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const postIds = [...new Set(rows.map((r) => r.targetPostId).filter((id): id is string => Boolean(id)))];
  const posts = postIds.length
    ? await prisma.post.findMany({
        where: { id: { in: postIds } },
        select: { id: true, body: true, thread: { select: { id: true, title: true, lessonId: true } } },
      })
    : [];
  const postById = new Map(posts.map((p) => [p.id, p]));
  const entries = rows.map((r) => {
    const post = r.targetPostId ? postById.get(r.targetPostId) : undefined;
    return {
      id: r.id,
      action: r.action,
      reason: r.reason,
      details: r.details,
      createdAt: r.createdAt.toISOString(),
      actor: r.actor,
      targetUser: r.targetUser,
      targetPost: post
        ? {
            id: post.id,
            excerpt: excerpt(post.body, 100),
            threadId: post.thread.id,
            threadTitle: post.thread.title,
            lessonPath: lessonById(post.thread.lessonId)?.path ?? null,
          }
        : r.targetPostId
          ? { id: r.targetPostId, excerpt: null, threadId: null, threadTitle: null, lessonPath: null }
          : null,
    };
  });
  return {
    entries,
    page: input.page,
    pageSize: AUDIT_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    filters: { actions: AUDIT_ACTIONS, moderators },
  };
}

// ── Notifications ───────────────────────────────────────────────────────────────────────────────

export const NOTIFICATIONS_PAGE_SIZE = 20;
/** Unread notifications looked at for the count; older unread ones beyond this are not counted. */
const UNREAD_CAP = 500;

/** Only replies everyone can see count: hidden, removed or deleted replies drop out. */
async function visibleNotifications(rows: { id: string; postId: string }[]) {
  if (!rows.length) return new Map<string, Awaited<ReturnType<typeof notificationPosts>>[number]>();
  const posts = await notificationPosts([...new Set(rows.map((r) => r.postId))]);
  return new Map(posts.map((p) => [p.id, p]));
}

async function notificationPosts(ids: string[]) {
  const prisma = await ready();
  return prisma.post.findMany({
    where: { id: { in: ids }, status: "VISIBLE", deletedAt: null, thread: { status: "VISIBLE" } },
    select: {
      id: true,
      body: true,
      parentId: true,
      author: { select: { id: true, name: true } },
      thread: { select: { id: true, title: true, lessonId: true } },
    },
  });
}

export async function listNotifications(input: { userId: string; page: number }) {
  const prisma = await ready();
  const user = await loadActor(input.userId);
  const [unreadRows, rows] = await Promise.all([
    prisma.notification.findMany({
      where: { userId: user.id, readAt: null },
      select: { id: true, postId: true },
      orderBy: { createdAt: "desc" },
      take: UNREAD_CAP,
    }),
    prisma.notification.findMany({
      where: { userId: user.id },
      select: { id: true, postId: true, readAt: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: 200,
    }),
  ]);
  const visible = await visibleNotifications([...unreadRows, ...rows]);
  const unread = unreadRows.filter((r) => visible.has(r.postId)).length;
  const shown = rows.filter((r) => visible.has(r.postId));
  const page = paginate(shown, input.page, NOTIFICATIONS_PAGE_SIZE);
  return {
    unread,
    notifications: page.items.map((n) => {
      const post = visible.get(n.postId)!;
      const lesson = lessonById(post.thread.lessonId);
      return {
        id: n.id,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
        postId: post.id,
        threadId: post.thread.id,
        threadTitle: post.thread.title,
        lessonId: post.thread.lessonId,
        lessonTitle: lesson?.title ?? null,
        href: lesson ? `${lesson.path}#thread-${post.thread.id}` : null,
        from: post.author ? { id: post.author.id, name: post.author.name } : null,
        excerpt: excerpt(post.body),
      };
    }),
    page: page.page,
    pageSize: page.pageSize,
    pages: page.pages,
    total: page.total,
  };
}

export async function markNotificationsRead(input: { userId: string; ids?: string[]; all?: boolean }) {
  const prisma = await ready();
  const user = await loadActor(input.userId);
  const updated = await prisma.notification.updateMany({
    where: { userId: user.id, readAt: null, ...(input.all ? {} : { id: { in: input.ids ?? [] } }) },
    data: { readAt: new Date() },
  });
  const { unread } = await listNotifications({ userId: user.id, page: 1 });
  return { marked: updated.count, unread };
}

// ── Data rights ─────────────────────────────────────────────────────────────────────────────────

/** Everything of the discussion stored about the user, for the data export. */
export async function exportDiscussion(userId: string) {
  const prisma = await ready();
  const [threads, posts, votes, reports, notifications] = await Promise.all([
    prisma.thread.findMany({
      where: { authorId: userId },
      select: { id: true, lessonId: true, title: true, status: true, locked: true, pinned: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.post.findMany({
      where: { authorId: userId },
      select: {
        id: true,
        threadId: true,
        parentId: true,
        body: true,
        status: true,
        helpfulCount: true,
        createdAt: true,
        editedAt: true,
        deletedAt: true,
      },
      orderBy: { createdAt: "asc" },
    }),
    prisma.vote.findMany({
      where: { userId },
      select: { postId: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.report.findMany({
      where: { reporterId: userId },
      select: { postId: true, reason: true, note: true, status: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.notification.findMany({
      where: { userId },
      select: { postId: true, threadId: true, lessonId: true, readAt: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { threads, posts, votes, reports, notifications };
}
