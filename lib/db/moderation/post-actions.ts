import { AUDIT_ACTION, nextPostState, threadStatusFor, type TPostAction } from "@/lib/domain/moderation";
import { AppError } from "@/lib/errors";
import { writeAudit } from "../audit";
import { withLockedRow } from "../common";
import type { TStaff } from "./staff";

/**
 * Actions on a post: its status (lib/domain/moderation.ts#nextPostState) and its open reports,
 * with the audit row, in one transaction. The post row is locked first, so a report arriving at
 * the same time is counted before or after, never half-way.
 */
type TPostRequest = { postId: string; reason?: string };

async function changePost(actor: TStaff, action: TPostAction, request: TPostRequest) {
  return withLockedRow("posts", request.postId, async (tx) => {
    const post = await tx.post.findUnique({
      where: { id: request.postId },
      select: { id: true, status: true, depth: true, threadId: true, authorId: true },
    });
    if (!post) throw new AppError("NOT_FOUND", "No such post.", { field: "postId" });
    const open = await tx.report.count({ where: { postId: post.id, status: "OPEN" } });
    const change = nextPostState(post.status, action, open);
    if (!change.ok) throw new AppError("CONFLICT", change.message);
    const { status, resolution } = change.value;
    if (status !== post.status) {
      await tx.post.update({ where: { id: post.id }, data: { status } });
      if (post.depth === 0) await tx.thread.update({ where: { id: post.threadId }, data: { status: threadStatusFor(status) } });
    }
    const resolved = resolution
      ? await tx.report.updateMany({
          where: { postId: post.id, status: "OPEN" },
          data: { status: "RESOLVED", resolvedById: actor.id, resolution, resolvedAt: new Date() },
        })
      : { count: 0 };
    const audit = await writeAudit(tx, actor, {
      action: AUDIT_ACTION[action],
      targetPostId: post.id,
      targetUserId: post.authorId,
      reason: request.reason || null,
      details: { from: post.status, to: status, reportsResolved: resolved.count, threadId: post.threadId },
    });
    return { action, auditId: audit.id, post: { id: post.id, status, reportsResolved: resolved.count } };
  });
}

/** The reports are unfounded: they close, and a post hidden by them is shown again. */
export const dismissReports = (actor: TStaff, request: TPostRequest) => changePost(actor, "dismiss", request);
export const hidePost = (actor: TStaff, request: TPostRequest) => changePost(actor, "hide", request);
export const unhidePost = (actor: TStaff, request: TPostRequest) => changePost(actor, "unhide", request);
/** Final: a removed post stays removed. */
export const removePost = (actor: TStaff, request: TPostRequest) => changePost(actor, "remove", request);
