import rehypeShiki from "@shikijs/rehype";
import type { Element, Root } from "hast";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { rehypeDiagrams } from "./diagram-html";
import { fenceMeta, fencedCode } from "./fence-html";
import { ENGINES, labEngines, parseSqlTag, tagLabel, type TSqlEngine, type TSqlTag } from "./sql-blocks";
import { rehypeTimelines } from "./timeline-html";

/** A ```sql block's tag (null when untagged); undefined when `pre` is no sql block or its tag is malformed. */
function sqlBlockTag(pre: Element): TSqlTag | null | undefined {
  const code = fencedCode(pre, "sql");
  if (!code) return undefined;
  try {
    return parseSqlTag(fenceMeta(code));
  } catch {
    return undefined;
  }
}

/**
 * A tagged ```sql block (```sql postgres, ```sql fails-sqlite, …; docs/CONTENT.md) gets a small label
 * above it, such as "PostgreSQL only", so readers know where it runs before they copy it. Runs before
 * Shiki, which still finds the <pre><code> inside the wrapper. `norun` blocks get no label: the
 * reason is in their comments. A `server` block's label says it runs on a PostgreSQL server. On a
 * one-engine track (track.yaml `engines`) the labels do not speak of "both engines". A malformed
 * tag is left to the content check to report.
 */
function rehypeSqlTagLabels(options: { engines: readonly TSqlEngine[] }) {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      const tag = sqlBlockTag(node);
      if (!tag || tag === "norun") return;
      const label: Element = {
        type: "element",
        tagName: "p",
        properties: { className: ["sql-tag"] },
        children: [{ type: "text", value: tagLabel(tag, options.engines) }],
      };
      parent.children[index] = { type: "element", tagName: "div", properties: { className: ["sql-block"], dataSqlTag: tag }, children: [label, node] };
      return SKIP;
    });
  };
}

/**
 * The SQL lab's hook (sql_sandbox lessons only): every ```sql block that runs on an engine of the
 * track (not `norun`, not `server`) gets a Run and an Edit button under it, in the static HTML,
 * numbered across the lesson from `file.data.labFirst`, and the engines it runs on in
 * `data-lab-engines`. components/lab/LabIsland.tsx finds them by `data-lab-block` and opens the lab
 * there. Runs after rehypeSqlTagLabels, so a tagged block is already wrapped.
 */
function rehypeLabRunBar(options: { enabled: boolean; engines: readonly TSqlEngine[] }) {
  return (tree: Root, file: { data: Record<string, unknown> }) => {
    if (!options.enabled) return;
    let n = typeof file.data.labFirst === "number" ? file.data.labFirst : 1;
    const button = (action: string, label: string, index: number): Element => ({
      type: "element",
      tagName: "button",
      properties: { type: "button", className: ["lab-btn"], dataLabAction: action },
      children: [
        { type: "text", value: label },
        { type: "element", tagName: "span", properties: { className: ["sr-only"] }, children: [{ type: "text", value: ` example ${index}` }] },
      ],
    });
    visit(tree, "element", (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      const wrapped = node.tagName === "div" && Array.isArray(node.properties.className) && node.properties.className.includes("sql-block");
      const pre = wrapped ? node.children.find((c): c is Element => c.type === "element" && c.tagName === "pre") : node;
      if (!pre) return;
      const tag = sqlBlockTag(pre);
      if (tag === undefined) return;
      const runsOn = labEngines(tag, options.engines);
      if (runsOn.length === 0) return;
      const i = n++;
      const bar: Element = {
        type: "element",
        tagName: "div",
        properties: { className: ["lab-bar"] },
        children: [button("run", "Run", i), button("edit", "Edit", i)],
      };
      const block: Element = wrapped ? node : { type: "element", tagName: "div", properties: { className: ["sql-block"] }, children: [node] };
      block.properties.dataLabBlock = String(i);
      block.properties.dataLabEngines = runsOn.join(" ");
      block.children.push(bar);
      parent.children[index] = block;
      return SKIP;
    });
  };
}

/**
 * Lesson markdown (our own content, trusted) to HTML at build time. SQL is highlighted here by
 * Shiki with both themes as CSS variables, so no highlighting code reaches the browser and the
 * theme switch is pure CSS (app/globals.css).
 */
function markdownProcessor(lab: boolean, engines: readonly TSqlEngine[]) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkRehype)
      .use(rehypeSqlTagLabels, { engines })
      .use(rehypeLabRunBar, { enabled: lab, engines })
      // ```timeline fences: two-session examples as a table (lib/content/timeline-html.ts)
      .use(rehypeTimelines)
      // ![alt](/diagrams/x.svg): the SVG inline in a <figure> (lib/content/diagram-html.ts)
      .use(rehypeDiagrams)
      .use(rehypeShiki, {
        themes: { light: "github-light", dark: "github-dark-default" },
        defaultColor: false,
        langs: ["sql"],
        defaultLanguage: "text",
        fallbackLanguage: "text",
      })
      // raw nodes come only from rehypeDiagrams (our SVG files): markdown's own raw HTML was dropped above
      .use(rehypeStringify, { allowDangerousHtml: true })
  );
}
const processors = new Map<string, ReturnType<typeof markdownProcessor>>();
function processorFor(lab: boolean, engines: readonly TSqlEngine[]) {
  const key = `${lab}:${engines.join(",")}`;
  let p = processors.get(key);
  if (!p) processors.set(key, (p = markdownProcessor(lab, engines)));
  return p;
}

const cache = new Map<string, Promise<string>>();

/**
 * `lab`: this markdown is part of a sql_sandbox lesson; `first` is the number of the first runnable
 * sql block in it (the lesson's body is rendered section by section; numbers run across the lesson).
 * `engines`: the track's (track.yaml `engines`), which decide the labels and where blocks run.
 */
export function renderMarkdown(markdown: string, lab?: { first: number }, engines: readonly TSqlEngine[] = ENGINES): Promise<string> {
  const key = `${lab ? `lab:${lab.first}` : "page"}:${engines.join(",")}:${markdown}`;
  let html = cache.get(key);
  if (!html) {
    const processor = processorFor(Boolean(lab), engines);
    html = (lab ? processor.process({ value: markdown, data: { labFirst: lab.first } }) : processor.process(markdown)).then((file) => String(file));
    cache.set(key, html);
  }
  return html;
}

/** Inline markdown (a sentence: `code`, **bold**, links) without the wrapping <p>. */
export async function renderInline(markdown: string): Promise<string> {
  const html = await renderMarkdown(markdown);
  return html.replace(/^<p>([\s\S]*)<\/p>\s*$/, "$1");
}
