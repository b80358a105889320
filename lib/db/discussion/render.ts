import { normalizeForDuplicate } from "@/lib/domain/discussion";
import { POST_RENDER_VERSION } from "@/lib/domain/post-markdown";
import { renderPost } from "@/lib/workers/post-render";
import { sha256, type TDb } from "../common";

export const bodyHash = (body: string) => sha256(normalizeForDuplicate(body));

/**
 * What a post stores of a body it is given: the HTML and the version of the rules that made it.
 * Rendered on the render thread within its time budget (lib/workers/post-render.ts), else 422.
 */
export const rendered = async (body: string) => ({ bodyHtml: await renderPost(body), renderVersion: POST_RENDER_VERSION });

/** A body the current rules cannot render in time, shown as its plain text. */
const asPlainText = (body: string) =>
  `<p>${body.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</p>`;

/**
 * Posts whose HTML was rendered by older rules (POST_RENDER_VERSION) are rendered again from their
 * markdown, in place, and stored, so a stricter sanitizer reaches every old post the next time it
 * is read. A row whose body changed since it was read (its hash no longer matches) is left alone:
 * that edit stored its own HTML. A failed store costs only a render on the next read, so it is
 * logged, never thrown: reading a thread must not fail because of it.
 */
export async function refreshStaleHtml(
  prisma: TDb,
  rows: { id: string; body: string; bodyHtml: string; bodyHash: string; renderVersion: number }[],
): Promise<void> {
  const stale = rows.filter((row) => row.renderVersion < POST_RENDER_VERSION);
  if (stale.length === 0) return;
  for (const row of stale) {
    const html = await renderPost(row.body).catch(() => asPlainText(row.body));
    Object.assign(row, { bodyHtml: html, renderVersion: POST_RENDER_VERSION });
  }
  await prisma.$executeRaw`
    UPDATE posts AS p SET body_html = v.html, render_version = ${POST_RENDER_VERSION}
    FROM unnest(${stale.map((r) => r.id)}::uuid[], ${stale.map((r) => r.bodyHtml)}::text[], ${stale.map((r) => r.bodyHash)}::text[])
      AS v(id, html, hash)
    WHERE p.id = v.id AND p.body_hash = v.hash AND p.render_version < ${POST_RENDER_VERSION}`.catch((error: unknown) =>
    console.error("discussion: storing re-rendered post HTML failed:", error instanceof Error ? error.message : error),
  );
}
