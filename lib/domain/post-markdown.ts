import type { Element, Root as HastRoot } from "hast";
import rehypeSanitize, { type Options as TSanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/**
 * Markdown written by users (threads and replies) to safe HTML, on the server, once per write.
 * See docs/decisions/008-discussion-and-moderation.md. Three layers:
 *
 * 1. The markdown tree is reshaped before it becomes HTML: raw HTML is kept as literal text (so
 *    `<b>` shows as typed and never becomes an element), headings become bold paragraphs (a post
 *    must not change the page outline), images become links (no tracking pixels, and the CSP
 *    allows images from this site only), footnotes and task-list checkboxes become plain text
 *    (their ids and inputs would collide between posts and need labels).
 * 2. remark-rehype runs WITHOUT allowDangerousHtml, then rehype-sanitize with an allow-list
 *    stricter than GitHub's: a handful of tags, `href` only with http, https or mailto, no ids,
 *    no classes except `language-*` on code, no style, no event handlers.
 * 3. Links get rel="nofollow ugc noopener" and no target.
 */

type TNode = { type: string; children?: TNode[]; value?: string; [key: string]: unknown };

/** Containers whose children are blocks (flow content) rather than inline (phrasing) content. */
const FLOW_PARENTS = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);

const text = (value: string): TNode => ({ type: "text", value });

function prefixFirstParagraph(children: TNode[], prefix: string): TNode[] {
  const first = children[0];
  if (first?.type === "paragraph")
    return [{ ...first, children: [text(prefix), ...(first.children ?? [])] }, ...children.slice(1)];
  return [{ type: "paragraph", children: [text(prefix.trimEnd())] }, ...children];
}

function reshape(node: TNode, parentType: string): TNode[] {
  switch (node.type) {
    case "html": {
      const literal = text(String(node.value ?? ""));
      return FLOW_PARENTS.has(parentType) ? [{ type: "paragraph", children: [literal] }] : [literal];
    }
    case "heading":
      return [{ type: "paragraph", children: [{ type: "strong", children: reshapeChildren(node) }] }];
    case "image":
      return [
        {
          type: "link",
          url: node.url,
          title: node.title ?? null,
          children: [text(String(node.alt || node.url || "image"))],
        },
      ];
    case "imageReference":
      return [
        {
          type: "linkReference",
          identifier: node.identifier,
          label: node.label,
          referenceType: node.referenceType,
          children: [text(String(node.alt || node.label || "image"))],
        },
      ];
    case "footnoteReference":
      return [text(`[^${String(node.label ?? node.identifier)}]`)];
    case "footnoteDefinition":
      return prefixFirstParagraph(reshapeChildren(node), `[^${String(node.label ?? node.identifier)}]: `);
    case "listItem": {
      const children = reshapeChildren(node);
      if (typeof node.checked === "boolean") {
        return [{ ...node, checked: null, children: prefixFirstParagraph(children, node.checked ? "[x] " : "[ ] ") }];
      }
      return [{ ...node, children }];
    }
    default:
      return node.children ? [{ ...node, children: reshapeChildren(node) }] : [node];
  }
}

function reshapeChildren(node: TNode): TNode[] {
  return (node.children ?? []).flatMap((child) => reshape(child, node.type));
}

function remarkReshape() {
  return (tree: TNode) => {
    tree.children = reshapeChildren(tree);
  };
}

export const POST_SANITIZE_SCHEMA: TSanitizeSchema = {
  tagNames: [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
  ],
  attributes: {
    a: ["href", "title"],
    code: [["className", /^language-[\w+#.-]{1,30}$/]],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
  },
  protocols: { href: ["http", "https", "mailto"] },
  ancestors: { tbody: ["table"], td: ["table"], th: ["table"], thead: ["table"], tr: ["table"] },
  required: {},
  clobber: [],
  clobberPrefix: "",
  allowComments: false,
  allowDoctypes: false,
  // Removed with their content (everything else unknown is unwrapped, keeping its text).
  strip: [
    "script",
    "style",
    "textarea",
    "title",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "xmp",
    "noembed",
    "noframes",
    "select",
  ],
};

export const LINK_REL = ["nofollow", "ugc", "noopener"];

function rehypeSafeLinks() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node: Element) => {
      const className = node.properties.className;
      if (Array.isArray(className) && className.length === 0) delete node.properties.className;
      if (node.tagName !== "a") return;
      if (typeof node.properties.href !== "string" || !node.properties.href) {
        node.tagName = "span";
        node.properties = {};
        return;
      }
      node.properties = { href: node.properties.href, title: node.properties.title, rel: LINK_REL };
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkReshape)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, POST_SANITIZE_SCHEMA)
  .use(rehypeSafeLinks)
  .use(rehypeStringify);

/**
 * The version of the rules above. Posts store the HTML they were rendered to and the version that
 * rendered it; a post read with an older version is rendered again from its markdown and stored
 * (lib/db/discussion/render.ts, refreshStaleHtml). Bump it whenever a change here changes the HTML of
 * existing posts, above all when the sanitizer's allow-list gets stricter.
 */
export const POST_RENDER_VERSION = 1;

/** Markdown from a user to sanitized HTML (synchronous: every plugin here is). */
export function renderPostMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
