import fs from "node:fs";
import path from "node:path";
import type { Element, ElementContent, Root } from "hast";
import { SKIP, visit } from "unist-util-visit";

/** A lesson diagram: an SVG file of ours under public/diagrams/, named in lowercase words. */
const DIAGRAM_SRC = /^\/diagrams\/[a-z0-9]+(?:-[a-z0-9]+)*\.svg$/;

const svgCache = new Map<string, string>();

function readDiagram(src: string): string {
  let svg = svgCache.get(src);
  if (svg === undefined) {
    const file = path.join(process.cwd(), "public", src);
    if (!fs.existsSync(file)) throw new Error(`diagram ${src}: no such file public${src}`);
    svg = fs
      .readFileSync(file, "utf8")
      .replace(/<\?xml[^>]*\?>\s*/, "")
      .replace(/<!--[\s\S]*?-->\s*/g, "")
      .trim();
    if (!/^<svg[\s>]/.test(svg) || !svg.endsWith("</svg>")) throw new Error(`diagram ${src}: the file must hold one <svg> element`);
    svgCache.set(src, svg);
  }
  return svg;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function diagramImage(node: ElementContent): Element | null {
  if (node.type !== "element" || node.tagName !== "img") return null;
  const src = node.properties.src;
  return typeof src === "string" && src.startsWith("/diagrams/") ? node : null;
}

/**
 * `![alt](/diagrams/x.svg "caption")` alone in a paragraph becomes a <figure> holding the SVG itself,
 * not an <img>: inline, the drawing's `currentColor` and the `.diagram-*` classes (app/globals.css)
 * follow the site's theme, which is a `dark` class on <html> that an <img> could not see. The alt
 * text is the figure's text alternative (role="img" with aria-label, and a <title>), so it is
 * required; the title becomes the visible caption. A missing file or alt fails the render, so a
 * broken figure stops the build rather than shipping. The SVGs are ours and trusted, like the rest
 * of the lesson markdown; raw HTML typed into markdown is still dropped by remark-rehype.
 */
export function rehypeDiagrams() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "p" || !parent || index === undefined) return;
      const content = node.children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
      const img = content.length === 1 ? diagramImage(content[0]!) : null;
      if (!img) return;
      const src = String(img.properties.src);
      if (!DIAGRAM_SRC.test(src)) throw new Error(`diagram ${src}: expected /diagrams/<lowercase-words>.svg`);
      const alt = typeof img.properties.alt === "string" ? img.properties.alt.trim() : "";
      if (!alt) throw new Error(`diagram ${src}: the alt text is required (it is the figure's text alternative)`);
      const svg = readDiagram(src).replace(
        /^<svg([^>]*)>/,
        (_, attrs: string) => `<svg${attrs} role="img" aria-label="${escapeHtml(alt)}" focusable="false"><title>${escapeHtml(alt)}</title>`,
      );
      const caption = typeof img.properties.title === "string" ? img.properties.title.trim() : "";
      const children: ElementContent[] = [{ type: "raw", value: svg }];
      if (caption) children.push({ type: "element", tagName: "figcaption", properties: {}, children: [{ type: "text", value: caption }] });
      parent.children[index] = { type: "element", tagName: "figure", properties: { className: ["diagram"] }, children };
      return SKIP;
    });
  };
}
