import {
  REPLIES_PAGE_SIZE,
  THREADS_PAGE_SIZE,
  buildReplyTree,
  countTree,
  paginate,
  type TSort,
} from "@/lib/domain/discussion";
import { AppError } from "@/lib/errors";
import type { z } from "zod";
import type { TCreateThreadRequest, ZUpdateThreadRequest } from "@/lib/schemas/discussion";
import type { Prisma } from "../generated/client";
import { pageFields, ready } from "../common";
import { isStaff, type TActor } from "./actors";
import { checkPosting, ownPost, refuseIfCannotWrite, refuseIfLocked, spendEdit } from "./posting";
import { deletePost } from "./posts";
import { bodyHash, refreshStaleHtml, rendered } from "./render";
import {
  marksFor,
  noMarks,
  postSelect,
  postView,
  replyFilter,
  requireLesson,
  threadSelect,
  threadView,
  viewerInfo,
  type TPostRow,
} from "./views";

/** Threads under a lesson: listing, reading one with its replies, opening, editing and deleting one. */

/** The threads of a lesson, pinned first, then newest or most helpful (by the opening post's votes). */
export async function listThreads(input: { viewer: TActor | null; lessonId: string; sort: TSort; page: number }) {
  const prisma = await ready();
  requireLesson(input.lessonId);
  const { viewer } = input;
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
    ...pageFields(input.page, THREADS_PAGE_SIZE, total),
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
export async function getThread(input: { viewer: TActor | null; threadId: string; sort: TSort; page: number }) {
  const prisma = await ready();
  const { viewer } = input;
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

/** A new thread under a lesson; `title` and `body` come parsed by ZCreateThreadRequest. */
export async function createThread(input: { actor: TActor; lessonId: string } & TCreateThreadRequest) {
  const prisma = await ready();
  const author = input.actor;
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

/** The author changes the title and/or the opening post of their thread. */
export async function updateThread(input: { actor: TActor; threadId: string } & z.infer<typeof ZUpdateThreadRequest>) {
  const prisma = await ready();
  const { actor } = input;
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

export async function deleteThread(input: { actor: TActor; threadId: string }) {
  const prisma = await ready();
  const opening = await prisma.post.findFirst({
    where: { threadId: input.threadId, parentId: null },
    select: { id: true },
  });
  if (!opening) throw new AppError("NOT_FOUND", "No such thread.");
  return deletePost({ actor: input.actor, postId: opening.id });
}
