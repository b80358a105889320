import { AppError } from "@/lib/errors";
import { ready, type TDb, type Tx } from "../common";
import { isStaff, type TActor } from "./actors";

/** "Helpful" votes: one per user and post, counted on the post in the same transaction. */

export async function votablePost(tx: Tx, postId: string, actor: TActor) {
  const post = await tx.post.findUnique({
    where: { id: postId },
    select: { id: true, authorId: true, status: true, deletedAt: true, thread: { select: { status: true } } },
  });
  if (!post || (!isStaff(actor) && (post.status !== "VISIBLE" || post.thread.status !== "VISIBLE")))
    throw new AppError("NOT_FOUND", "No such post.");
  return post;
}

/** Adds or removes the user's vote; the count moves in the same transaction, only when the vote did. */
async function setVote(prisma: TDb, userId: string, postId: string, voted: boolean) {
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
export async function votePost(input: { actor: TActor; postId: string }) {
  const prisma = await ready();
  const { actor } = input;
  const post = await votablePost(prisma, input.postId, actor);
  if (post.authorId === actor.id) throw new AppError("FORBIDDEN", "You cannot vote for your own post.");
  if (post.deletedAt) throw new AppError("CONFLICT", "This post was deleted.");
  const helpfulCount = await setVote(prisma, actor.id, post.id, true);
  return { vote: { postId: post.id, helpfulCount, votedByMe: true } };
}

export async function unvotePost(input: { actor: TActor; postId: string }) {
  const prisma = await ready();
  const { actor } = input;
  const post = await votablePost(prisma, input.postId, actor);
  const helpfulCount = await setVote(prisma, actor.id, post.id, false);
  return { vote: { postId: post.id, helpfulCount, votedByMe: false } };
}

/** For deleteAccount (same transaction): the user's votes go, and so do the counts they added. */
export async function forgetVotesOf(tx: Tx, userId: string) {
  await tx.$executeRaw`UPDATE posts SET helpful_count = helpful_count - 1 WHERE id IN (SELECT post_id FROM votes WHERE user_id = ${userId}::uuid)`;
  await tx.vote.deleteMany({ where: { userId } });
}
