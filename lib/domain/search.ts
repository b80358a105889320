/**
 * Full-text search over lesson titles, summaries and bodies. Small enough to hold in memory
 * (tens of lessons); every term must match (prefix match on words), titles weigh most.
 */
export type TSearchDoc = { key: string; title: string; summary: string; body: string };
export type TSnippetPart = { text: string; mark: boolean };
export type TSearchHit = { key: string; score: number; title: TSnippetPart[]; snippet: TSnippetPart[] };

const WEIGHTS = { title: 8, summary: 3, body: 1 } as const;
export const MAX_QUERY_LENGTH = 200;

export function queryTerms(query: string): string[] {
  const terms = query
    .slice(0, MAX_QUERY_LENGTH)
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((t) => t.length >= 2);
  return [...new Set(terms)].slice(0, 8);
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function termPattern(terms: string[]) {
  return new RegExp(`(?<![\\p{L}\\p{N}_])(${terms.map(escapeRegExp).join("|")})[\\p{L}\\p{N}_]*`, "giu");
}

function countMatches(text: string, term: string): number {
  return text.match(termPattern([term]))?.length ?? 0;
}

/** Splits text into marked and unmarked parts. */
export function highlight(text: string, terms: string[]): TSnippetPart[] {
  if (terms.length === 0) return [{ text, mark: false }];
  const parts: TSnippetPart[] = [];
  let last = 0;
  for (const m of text.matchAll(termPattern(terms))) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), mark: false });
    parts.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mark: false });
  return parts;
}

function snippet(doc: TSearchDoc, terms: string[], radius = 90): TSnippetPart[] {
  const pattern = termPattern(terms);
  const inBody = pattern.exec(doc.body);
  if (!inBody) return highlight(doc.summary, terms);
  let start = Math.max(0, inBody.index - radius);
  let end = Math.min(doc.body.length, inBody.index + radius * 2);
  // widen to word boundaries
  while (start > 0 && /\S/.test(doc.body[start - 1]!)) start--;
  while (end < doc.body.length && /\S/.test(doc.body[end]!)) end++;
  const text = `${start > 0 ? "… " : ""}${doc.body.slice(start, end).trim()}${end < doc.body.length ? " …" : ""}`;
  return highlight(text, terms);
}

export function search(docs: TSearchDoc[], query: string, limit = 20): TSearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const hits: TSearchHit[] = [];
  for (const doc of docs) {
    let score = 0;
    let allMatch = true;
    for (const term of terms) {
      const s =
        countMatches(doc.title, term) * WEIGHTS.title +
        countMatches(doc.summary, term) * WEIGHTS.summary +
        Math.min(countMatches(doc.body, term), 10) * WEIGHTS.body;
      if (s === 0) allMatch = false;
      score += s;
    }
    if (allMatch) hits.push({ key: doc.key, score, title: highlight(doc.title, terms), snippet: snippet(doc, terms) });
  }
  return hits.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).slice(0, limit);
}

/** Markdown to searchable plain text (code kept, markup dropped). */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[a-z]*\n?/gi, " ")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^#+\s*/gm, "")
    .replace(/[*_>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
