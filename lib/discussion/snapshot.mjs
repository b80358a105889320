// The discussion's first page of threads as plain HTML, put into the lesson page by our own server
// (scripts/serve.mjs, lib/http/page-include.mjs), so that a reader without JavaScript, or a crawler,
// sees the past discussion, while the page Next.js prerendered stays byte-identical for everyone and
// its inline scripts keep the hashes its Content-Security-Policy allows (ADR 017).
//
// Plain ESM without dependencies: the server imports it before Next.js is loaded. Everything that
// comes from the database is escaped here; nothing of a post's body is shown, only titles, names,
// counts and dates.

/** The comment the lesson page carries where the threads go; one per page. */
export const snapshotMarker = (lessonId) => `<!--lnv-discussion:${lessonId}-->`;
export const SNAPSHOT_MARKER_PATTERN = /<!--lnv-discussion:([0-9a-f-]{36})-->/;

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const day = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10);
};

/**
 * `list` is the body of GET /api/v1/lessons/:id/threads for a signed-out reader, or null when it
 * could not be read (the page is served anyway, saying so).
 */
export function renderThreadsSnapshot(list) {
  if (!list || !Array.isArray(list.threads)) {
    return `<p class="lnv-snapshot-note">The discussion could not be loaded just now; reload the page to see it.</p>`;
  }
  if (list.threads.length === 0) {
    return `<p class="lnv-snapshot-note">No threads yet. Be the first to ask or share something about this lesson.</p>`;
  }
  const items = list.threads.map((t) => {
    const by = t.author?.name ? ` by ${escapeHtml(t.author.name)}` : "";
    const badges = [t.pinned ? "pinned" : "", t.locked ? "locked" : ""].filter(Boolean).join(", ");
    return (
      `<li id="snapshot-thread-${escapeHtml(t.id)}"><span class="lnv-snapshot-title">${escapeHtml(t.title)}</span>` +
      `${badges ? ` <span class="lnv-snapshot-badges">(${badges})</span>` : ""}` +
      `<span class="lnv-snapshot-meta">${by}, ${escapeHtml(day(t.createdAt))} · ${plural(Number(t.replyCount) || 0, "reply", "replies")}</span></li>`
    );
  });
  const more = list.pages > 1 ? `<p class="lnv-snapshot-note">Showing the newest ${list.threads.length} of ${Number(list.total) || 0} threads.</p>` : "";
  return `<ul class="lnv-snapshot-list">${items.join("")}</ul>${more}`;
}
