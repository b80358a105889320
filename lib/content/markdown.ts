import rehypeShiki from "@shikijs/rehype";
import type { Element, Root } from "hast";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { parseSqlTag, TAG_LABELS } from "./sql-blocks";
import { rehypeTimelines } from "./timeline-html";

/**
 * A tagged ```sql block (```sql postgres, ```sql fails-sqlite, …; docs/CONTENT.md) gets a small label
 * above it, such as "PostgreSQL only", so readers know where it runs before they copy it. Runs before
 * Shiki, which still finds the <pre><code> inside the wrapper. `norun` blocks get no label: the
 * reason is in their comments. A malformed tag is left to the content check to report.
 */
function rehypeSqlTagLabels() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "pre" || !parent || index === undefined) return;
      const code = node.children[0];
      if (code?.type !== "element" || code.tagName !== "code") return;
      const classes = code.properties.className;
      if (!Array.isArray(classes) || !classes.includes("language-sql")) return;
      let tag;
      try {
        tag = parseSqlTag((code.data as { meta?: string } | undefined)?.meta);
      } catch {
        return;
      }
      if (!tag || tag === "norun") return;
      const label: Element = {
        type: "element",
        tagName: "p",
        properties: { className: ["sql-tag"] },
        children: [{ type: "text", value: TAG_LABELS[tag] }],
      };
      parent.children[index] = { type: "element", tagName: "div", properties: { className: ["sql-block"], dataSqlTag: tag }, children: [label, node] };
      return SKIP;
    });
  };
}

/**
 * Lesson markdown (our own content, trusted) to HTML at build time. SQL is highlighted here by
 * Shiki with both themes as CSS variables, so no highlighting code reaches the browser and the
 * theme switch is pure CSS (app/globals.css).
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSqlTagLabels)
  // ```timeline fences: two-session examples as a table (lib/content/timeline-html.ts)
  .use(rehypeTimelines)
  .use(rehypeShiki, {
    themes: { light: "github-light", dark: "github-dark-default" },
    defaultColor: false,
    langs: ["sql"],
    defaultLanguage: "text",
    fallbackLanguage: "text",
  })
  .use(rehypeStringify);

const cache = new Map<string, Promise<string>>();

export function renderMarkdown(markdown: string): Promise<string> {
  let html = cache.get(markdown);
  if (!html) {
    html = processor.process(markdown).then((file) => String(file));
    cache.set(markdown, html);
  }
  return html;
}

/** Inline markdown (a sentence: `code`, **bold**, links) without the wrapping <p>. */
export async function renderInline(markdown: string): Promise<string> {
  const html = await renderMarkdown(markdown);
  return html.replace(/^<p>([\s\S]*)<\/p>\s*$/, "$1");
}
