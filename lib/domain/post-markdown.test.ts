import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST_SANITIZE_SCHEMA, renderPostMarkdown } from "./post-markdown";

const root = path.resolve(import.meta.dirname, "../..");

function xssVectors(): string[] {
  return fs
    .readFileSync(path.join(root, "e2e/data/xss-vectors.txt"), "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("%%"))
    .map((line) => line.replace(/\\n/g, "\n"));
}

const naughtyStrings = (): string[] =>
  JSON.parse(fs.readFileSync(path.join(root, "e2e/data/naughty-strings.json"), "utf8"));

// The sanitizer's own allow-list, plus the <span> an <a> without a usable href becomes after it;
// the test below holds that list to what is safe in a post.
const ALLOWED_TAGS = new Set([...(POST_SANITIZE_SCHEMA.tagNames ?? []), "span"]);
const ALLOWED_ATTRIBUTES = new Set(["href", "title", "rel", "class", "align", "start"]);

/** Every tag and attribute of the output is on the allow-list, and every href is a safe URL. */
function expectSafe(html: string, input: string) {
  for (const match of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [, tag, rest] = match;
    expect(ALLOWED_TAGS.has(tag!.toLowerCase()), `tag <${tag}> from ${JSON.stringify(input)}`).toBe(true);
    for (const attr of rest!.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
      const [, name, value = ""] = attr;
      expect(ALLOWED_ATTRIBUTES.has(name!), `attribute ${name} from ${JSON.stringify(input)}`).toBe(true);
      if (name === "href") {
        const decoded = value
          .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
          .replace(/&amp;/g, "&");
        const scheme = /^([^/?#]*?):/.exec(decoded)?.[1]?.toLowerCase();
        expect(
          scheme === undefined || ["http", "https", "mailto"].includes(scheme),
          `href ${value} from ${JSON.stringify(input)}`,
        ).toBe(true);
      }
      if (name === "class") expect(value).toMatch(/^language-[\w+#.-]+$/);
      if (name === "rel") expect(value).toBe("nofollow ugc noopener");
    }
  }
  // Text may say "onerror=" or "javascript:" (escaped, as typed); a real tag never appears.
  expect(html).not.toMatch(/<(script|img|svg|iframe|object|embed|style|meta|link|base|form|input|math)\b/i);
}

describe("renderPostMarkdown", () => {
  it("renders the GitHub-flavoured subset", () => {
    expect(renderPostMarkdown("Hello **bold** _em_ ~~gone~~ `code`")).toBe(
      "<p>Hello <strong>bold</strong> <em>em</em> <del>gone</del> <code>code</code></p>",
    );
    expect(renderPostMarkdown("```sql\nSELECT 1;\n```")).toBe(
      '<pre><code class="language-sql">SELECT 1;\n</code></pre>',
    );
    expect(renderPostMarkdown("| a | b |\n|:-|-:|\n| 1 | 2 |")).toContain('<td align="right">2</td>');
    expect(renderPostMarkdown("> quoted")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>");
    expect(renderPostMarkdown("1. one\n2. two")).toBe("<ol>\n<li>one</li>\n<li>two</li>\n</ol>");
  });

  it("gives links rel=nofollow ugc noopener and no target; bare URLs become links", () => {
    expect(renderPostMarkdown("[docs](https://example.com/a)")).toBe(
      '<p><a href="https://example.com/a" rel="nofollow ugc noopener">docs</a></p>',
    );
    expect(renderPostMarkdown("see www.example.com")).toBe(
      '<p>see <a href="http://www.example.com" rel="nofollow ugc noopener">www.example.com</a></p>',
    );
    expect(renderPostMarkdown("[x](https://example.com)")).not.toContain("target");
  });

  it("keeps raw HTML as visible text, never as elements", () => {
    expect(renderPostMarkdown("<b>bold?</b> and <script>alert(1)</script>")).toBe(
      "<p>&#x3C;b>bold?&#x3C;/b> and &#x3C;script>alert(1)&#x3C;/script></p>",
    );
    expect(renderPostMarkdown("<div>\nblock\n</div>")).toBe("<p>&#x3C;div>\nblock\n&#x3C;/div></p>");
  });

  it("drops unsafe link targets but keeps the link text", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "&#106;avascript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "file:///etc/passwd",
    ]) {
      expect(renderPostMarkdown(`[click](${url})`), url).toBe("<p><span>click</span></p>");
    }
  });

  it("turns headings into bold paragraphs, images into links, footnotes and task boxes into text", () => {
    expect(renderPostMarkdown("# Big")).toBe("<p><strong>Big</strong></p>");
    expect(renderPostMarkdown("![a chart](https://example.com/c.png)")).toBe(
      '<p><a href="https://example.com/c.png" rel="nofollow ugc noopener">a chart</a></p>',
    );
    expect(renderPostMarkdown("Note[^1]\n\n[^1]: Source")).toBe("<p>Note[^1]</p>\n<p>[^1]: Source</p>");
    expect(renderPostMarkdown("- [x] done")).toBe("<ul>\n<li>[x] done</li>\n</ul>");
  });

  it("allows no tag that can run script, load a resource or take input", () => {
    const risky = [
      "script",
      "style",
      "iframe",
      "frame",
      "object",
      "embed",
      "img",
      "svg",
      "math",
      "form",
      "input",
      "button",
      "textarea",
      "link",
      "meta",
      "base",
    ];
    expect(POST_SANITIZE_SCHEMA.tagNames!.filter((tag) => risky.includes(tag))).toEqual([]);
    expect(POST_SANITIZE_SCHEMA.tagNames).toContain("a");
  });

  it("renders every XSS vector in e2e/data/xss-vectors.txt to allow-listed HTML only", () => {
    const vectors = xssVectors();
    expect(vectors.length).toBeGreaterThan(150);
    for (const vector of vectors) expectSafe(renderPostMarkdown(vector), vector);
  });

  it("renders every naughty string without throwing and without unsafe output", () => {
    for (const s of naughtyStrings()) expectSafe(renderPostMarkdown(s), s);
  });
});
