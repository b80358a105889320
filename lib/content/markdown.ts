import rehypeShiki from "@shikijs/rehype";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

/**
 * Lesson markdown (our own content, trusted) to HTML at build time. SQL is highlighted here by
 * Shiki with both themes as CSS variables, so no highlighting code reaches the browser and the
 * theme switch is pure CSS (app/globals.css).
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
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
