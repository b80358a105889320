import { AUDIT_ACTION, nextThreadFlags, type TThreadAction } from "@/lib/domain/moderation";
import { AppError } from "@/lib/errors";
import { writeAudit } from "../audit";
import { withLockedRow } from "../common";
import type { TStaff } from "./staff";

/** Actions on a thread's flags (locked, pinned), with the audit row, in one transaction. */
type TThreadRequest = { threadId: string; reason?: string };

async function changeThread(actor: TStaff, action: TThreadAction, request: TThreadRequest) {
  return withLockedRow("threads", request.threadId, async (tx) => {
    const thread = await tx.thread.findUnique({
      where: { id: request.threadId },
      select: { id: true, locked: true, pinned: true, authorId: true, posts: { where: { parentId: null }, select: { id: true } } },
    });
    if (!thread) throw new AppError("NOT_FOUND", "No such thread.", { field: "threadId" });
    const change = nextThreadFlags(thread, action);
    if (!change.ok) throw new AppError("CONFLICT", change.message);
    await tx.thread.update({ where: { id: thread.id }, data: change.value });
    const audit = await writeAudit(tx, actor, {
      action: AUDIT_ACTION[action],
      targetPostId: thread.posts[0]?.id ?? null,
      targetUserId: thread.authorId,
      reason: request.reason || null,
      details: { threadId: thread.id, from: { locked: thread.locked, pinned: thread.pinned }, to: change.value },
    });
    return { action, auditId: audit.id, thread: { id: thread.id, ...change.value } };
  });
}

export const lockThread = (actor: TStaff, request: TThreadRequest) => changeThread(actor, "lock", request);
export const unlockThread = (actor: TStaff, request: TThreadRequest) => changeThread(actor, "unlock", request);
export const pinThread = (actor: TStaff, request: TThreadRequest) => changeThread(actor, "pin", request);
export const unpinThread = (actor: TStaff, request: TThreadRequest) => changeThread(actor, "unpin", request);
