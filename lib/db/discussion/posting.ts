import {
  DUPLICATE_WINDOW_MS,
  POST_INTERVAL_MESSAGE,
  postingRefusal,
  standingRefusal,
  type TRefusal,
} from "@/lib/domain/discussion";
import { AppError } from "@/lib/errors";
import { ready, type Tx } from "../common";
import { LIMITS, consumeLimit, discussionLimitsOn } from "../rate-limit";
import { isStaff, type TActor } from "./actors";
import { postSelect } from "./views";

/** The rules every write to a thread or post passes (standing, rate limits, locks, ownership). */

function refuse(refusal: TRefusal): never {
  throw new AppError(
    refusal.code,
    refusal.message,
    refusal.retryAfterSeconds ? { retryAfterSeconds: refusal.retryAfterSeconds } : undefined,
  );
}

/** Every rule a new thread or reply must pass, then the 15-second interval is spent. */
export async function checkPosting(author: TActor, kind: "thread" | "reply", hash: string) {
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
export async function spendEdit(actor: TActor) {
  if (!discussionLimitsOn()) return;
  const spent = await consumeLimit("postEdit", actor.id);
  if (!spent.allowed) {
    throw new AppError("RATE_LIMITED", `You can edit posts ${LIMITS.postEdit.points} times a minute. Wait a moment and save again.`, {
      retryAfterSeconds: spent.retryAfterSeconds,
    });
  }
}

export function refuseIfCannotWrite(author: TActor) {
  const standing = standingRefusal(author, new Date());
  if (standing) refuse(standing);
}

/** Loads a thread for someone about to write in it: hidden threads do not exist for non-staff. */
export async function threadForWriting(tx: Tx, threadId: string, actor: TActor) {
  const thread = await tx.thread.findUnique({
    where: { id: threadId },
    select: { id: true, lessonId: true, authorId: true, locked: true, status: true, title: true },
  });
  if (!thread || (!isStaff(actor) && thread.status !== "VISIBLE")) throw new AppError("NOT_FOUND", "No such thread.");
  return thread;
}

export function refuseIfLocked(thread: { locked: boolean }, actor: TActor) {
  if (thread.locked && !isStaff(actor))
    throw new AppError("FORBIDDEN", "This thread is locked: no new replies or edits.");
}

/** A post its author is about to change: visible to them, theirs, not deleted. */
export async function ownPost(tx: Tx, postId: string, actor: TActor) {
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
