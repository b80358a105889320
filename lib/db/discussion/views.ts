import { catalogLesson } from "@/lib/content/catalog";
import type { TPostStatus, TTreeNode } from "@/lib/domain/discussion";
import type { TRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { ready } from "../common";
import { isStaff, type TActor } from "./actors";

/**
 * The JSON shapes of docs/API.md for threads and posts, the selects that read them, and what a
 * viewer's own marks (votes, reports) add. Hidden and removed posts never leave the discussion
 * services for anyone but moderators and admins.
 */

// The shapes the API returns live with the contracts (lib/schemas), which components may read.
import type { TAuthorView, TPostView, TThreadSummary } from "@/lib/schemas/discussion-views";
export type { TAuthorView, TPostView, TThreadSummary };

export const authorSelect = { select: { id: true, name: true, role: true } } as const;

export const postSelect = {
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

export type TPostRow = {
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

export type TMarks = { viewerId: string | null; voted: Set<string>; reported: Set<string> };
export const noMarks = (viewerId: string | null = null): TMarks => ({ viewerId, voted: new Set(), reported: new Set() });

export function postView(row: TPostRow & { replies?: TTreeNode<TPostRow>[] }, marks: TMarks): TPostView {
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

export const threadSelect = {
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

export type TThreadRow = {
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

export function threadView(
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
export const replyFilter = (staff: boolean) =>
  staff ? { depth: { gt: 0 } } : { depth: { gt: 0 }, status: "VISIBLE" as const };

export function requireLesson(lessonId: string) {
  const lesson = catalogLesson(lessonId);
  if (!lesson) throw new AppError("NOT_FOUND", "No published lesson has this id.");
  return lesson;
}

export async function marksFor(viewer: TActor | null, postIds: string[]): Promise<TMarks> {
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

export type TViewerInfo = { id: string; name: string; role: TRole; silencedUntil: string | null } | null;

export function viewerInfo(viewer: TActor | null): TViewerInfo {
  if (!viewer) return null;
  const silenced =
    viewer.silencedUntil && viewer.silencedUntil.getTime() > Date.now() ? viewer.silencedUntil.toISOString() : null;
  return { id: viewer.id, name: viewer.name, role: viewer.role, silencedUntil: silenced };
}
