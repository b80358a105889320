import { AUDIT_ACTION, REPORTER_MIN_AGE_HOURS, REPORTS_PER_DAY, shouldAutoHide, threadStatusFor } from "@/lib/domain/moderation";
import { AppError } from "@/lib/errors";
import type { TReportRequest } from "@/lib/schemas/discussion";
import { isUniqueViolation, ready, withLockedRow, type Tx } from "../common";
import { consumeLimit } from "../rate-limit";
import type { TActor } from "./actors";
import { votablePost } from "./votes";

/**
 * One report per user and post (409 on a second). The post row is locked first, so concurrent
 * reports are counted one after another: the report that brings the open reports from distinct
 * users to three hides the post, with an audit row by the system (actor null).
 */
export async function reportPost(input: { actor: TActor; postId: string } & TReportRequest) {
  const prisma = await ready();
  const { actor } = input;
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
    const report = await withLockedRow("posts", post.id, async (tx) => {
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
