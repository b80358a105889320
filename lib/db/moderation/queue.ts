import { catalogLesson } from "@/lib/content/catalog";
import type { Prisma } from "../generated/client";
import { pageFields, ready } from "../common";
import { refreshStaleHtml } from "../discussion/render";
import { postSelect } from "../discussion/views";
import { requireStaff, type TStaff } from "./staff";

export const QUEUE_PAGE_SIZE = 20;

/** Open reports grouped by post, most-reported first, with the context a moderator needs. */
export async function listReportQueue(input: { actor: TStaff; page: number }) {
  const prisma = await ready();
  requireStaff(input.actor);
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
    const lesson = catalogLesson(p.thread.lessonId);
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
    ...pageFields(input.page, QUEUE_PAGE_SIZE, total),
  };
}
