import { catalogLesson } from "@/lib/content/catalog";
import { excerpt } from "@/lib/domain/discussion";
import { AUDIT_ACTIONS } from "@/lib/domain/moderation";
import type { Prisma } from "../generated/client";
import { pageFields, ready } from "../common";
import { requireStaff, type TStaff } from "./staff";

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, filtered by action, moderator and UTC day range. */
export async function listAudit(input: {
  actor: TStaff;
  action?: string;
  moderatorId?: string;
  from?: string;
  to?: string;
  page: number;
}) {
  const prisma = await ready();
  requireStaff(input.actor);
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
            lessonPath: catalogLesson(post.thread.lessonId)?.path ?? null,
          }
        : r.targetPostId
          ? { id: r.targetPostId, excerpt: null, threadId: null, threadTitle: null, lessonPath: null }
          : null,
    };
  });
  return {
    entries,
    ...pageFields(input.page, AUDIT_PAGE_SIZE, total),
    filters: { actions: AUDIT_ACTIONS, moderators },
  };
}
