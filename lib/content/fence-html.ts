import type { Element } from "hast";

/**
 * Fenced code blocks in lesson HTML (remark-rehype turns ```sql into <pre><code class="language-sql">
 * and keeps the rest of the fence line as `data.meta`), for the rehype plugins that replace or
 * decorate them: SQL tag labels and the lab's Run bar (markdown.ts), timelines (timeline-html.ts).
 */

/** The <code> of `pre` when it is a block fenced as ```<lang>, else null. */
export function fencedCode(pre: Element, lang: string): Element | null {
  if (pre.tagName !== "pre") return null;
  const code = pre.children[0];
  if (code?.type !== "element" || code.tagName !== "code") return null;
  const classes = code.properties.className;
  return Array.isArray(classes) && classes.includes(`language-${lang}`) ? code : null;
}

/** The words after the language on the fence line (```sql postgres: "postgres"). */
export function fenceMeta(code: Element): string | undefined {
  return (code.data as { meta?: string } | undefined)?.meta;
}
