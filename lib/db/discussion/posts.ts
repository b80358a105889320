import { placeReply } from "@/lib/domain/discussion";
import { AppError } from "@/lib/errors";
import type { z } from "zod";
import type { TCreateReplyRequest, ZEditPostRequest } from "@/lib/schemas/discussion";
import { ready } from "../common";
import { isStaff, type TActor } from "./actors";
import { checkPosting, ownPost, refuseIfCannotWrite, refuseIfLocked, spendEdit, threadForWriting } from "./posting";
import { bodyHash, rendered } from "./render";
import { marksFor, noMarks, postSelect, postView } from "./views";

/** Replies: writing one (and notifying who should hear of it), editing and deleting one's own. */

/** A reply in a thread; `body` and `parentId` come parsed by ZCreateReplyRequest. */
export async function createReply(input: { actor: TActor; threadId: string } & TCreateReplyRequest) {
  const prisma = await ready();
  const author = input.actor;
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

export async function editPost(input: { actor: TActor; postId: string } & z.infer<typeof ZEditPostRequest>) {
  const prisma = await ready();
  const { actor } = input;
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

/**
 * Soft delete by the author: the row stays (its replies hang off it, moderators may need it) and
 * shows as "[deleted]". Deleting again is a no-op. Silenced users may still delete their posts.
 */
export async function deletePost(input: { actor: TActor; postId: string }) {
  const prisma = await ready();
  const { actor } = input;
  const post = await ownPost(prisma, input.postId, actor);
  const updated = post.deletedAt
    ? post
    : await prisma.post.update({ where: { id: post.id }, data: { deletedAt: new Date() }, select: postSelect });
  return { post: postView(updated, noMarks(actor.id)) };
}
