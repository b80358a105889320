import { describe, expect, it } from "vitest";
import { currentVersion, getTracks } from "./index";
import { renderMarkdown } from "./markdown";

describe("lesson markdown", () => {
  it("labels a tagged sql block and still highlights it; plain and norun blocks get no label", async () => {
    const html = await renderMarkdown("```sql postgres\nSELECT 1;\n```\n\n```sql fails-sqlite\nSELECT 2;\n```\n\n```sql\nSELECT 3;\n```\n\n```sql norun\n\\d orders\n```\n");
    expect(html.match(/<p class="sql-tag">[^<]*<\/p>/g)).toEqual([
      '<p class="sql-tag">PostgreSQL only</p>',
      '<p class="sql-tag">Fails on SQLite</p>',
    ]);
    expect(html).toContain('<div class="sql-block" data-sql-tag="postgres"><p class="sql-tag">PostgreSQL only</p><pre class="shiki');
    expect(html.match(/<pre class="shiki/g)).toHaveLength(4);
  });

  it("gives a sql_sandbox lesson's runnable blocks Run and Edit buttons, numbered from where the part starts; norun blocks none", async () => {
    const md = "```sql postgres\nSELECT 1;\n```\n\nText.\n\n```sql norun\n\\d orders\n```\n\n```sql\nSELECT 3;\n```\n\n```text\nnot sql\n```\n";
    const html = await renderMarkdown(md, { first: 4 });
    expect(html.match(/data-lab-block="\d+"/g)).toEqual(['data-lab-block="4"', 'data-lab-block="5"']);
    expect(html.match(/<button[^>]*data-lab-action="(run|edit)"[^>]*>(Run|Edit)<span class="sr-only"> example \d<\/span><\/button>/g)).toEqual([
      '<button type="button" class="lab-btn" data-lab-action="run">Run<span class="sr-only"> example 4</span></button>',
      '<button type="button" class="lab-btn" data-lab-action="edit">Edit<span class="sr-only"> example 4</span></button>',
      '<button type="button" class="lab-btn" data-lab-action="run">Run<span class="sr-only"> example 5</span></button>',
      '<button type="button" class="lab-btn" data-lab-action="edit">Edit<span class="sr-only"> example 5</span></button>',
    ]);
    // The tagged block keeps its label and tag on the same wrapper; the untagged one gets a wrapper.
    expect(html).toContain('<div class="sql-block" data-sql-tag="postgres" data-lab-block="4" data-lab-engines="postgres"><p class="sql-tag">PostgreSQL only</p><pre class="shiki');
    expect(html).toContain('<div class="sql-block" data-lab-block="5" data-lab-engines="sqlite postgres"><pre class="shiki');
    expect(html.match(/<pre class="shiki/g)).toHaveLength(4);
    // Without the lab (reading lessons), the same markdown has no buttons.
    expect(await renderMarkdown(md)).not.toContain("data-lab");
  });

  it("turns a diagram image into a figure holding the SVG inline, with its alt as the text alternative and its title as the caption", async () => {
    const html = await renderMarkdown('Text.\n\n![Customers & orders: "Gustav" has no match.](/diagrams/inner-vs-left-join.svg "Inner and left joins")\n');
    expect(html).toMatch(/^<p>Text\.<\/p>\n<figure class="diagram"><svg [^>]*role="img" aria-label="Customers &amp; orders: &quot;Gustav&quot; has no match\." focusable="false"><title>Customers &amp; orders: &quot;Gustav&quot; has no match\.<\/title>/);
    expect(html).toContain("<figcaption>Inner and left joins</figcaption></figure>");
    // the drawing itself, themed by classes and currentColor rather than an <img> that cannot see the dark class
    expect(html).toContain('fill="currentColor"');
    expect(html).toContain('class="diagram-miss"');
    expect(html).toContain("Gustav Berg");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<!--");
  });

  it("refuses a diagram without alt text or without its file, and keeps dropping raw HTML typed into markdown", async () => {
    await expect(renderMarkdown("![](/diagrams/inner-vs-left-join.svg)\n")).rejects.toThrow("diagram /diagrams/inner-vs-left-join.svg: the alt text is required");
    await expect(renderMarkdown("![A picture](/diagrams/no-such-diagram.svg)\n")).rejects.toThrow("diagram /diagrams/no-such-diagram.svg: no such file");
    await expect(renderMarkdown("![A picture](/diagrams/../../package.json)\n")).rejects.toThrow("expected /diagrams/<lowercase-words>.svg");
    const html = await renderMarkdown('<script>alert(1)</script>\n\n<svg onload="alert(1)"></svg>\n\nText.\n');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<svg");
  });

  it("every diagram the current lessons use exists and has a text alternative", async () => {
    const used = new Set<string>();
    for (const track of getTracks()) {
      for (const lesson of track.lessons) {
        const v = currentVersion(lesson);
        for (const markdown of [v?.lead ?? "", ...(v?.sections ?? []).map((s) => s.markdown)]) {
          for (const m of markdown.matchAll(/!\[([^\]]*)\]\((\/diagrams\/[^ )]+)/g)) {
            // a real description of the drawing, not a label
            expect(m[1]!.trim().length, `${lesson.folder}: ${m[2]}`).toBeGreaterThan(80);
            used.add(m[2]!);
            await expect(renderMarkdown(markdown)).resolves.toContain('<figure class="diagram">');
          }
        }
      }
    }
    expect([...used].sort()).toEqual(["/diagrams/btree-lookup.svg", "/diagrams/inner-vs-left-join.svg", "/diagrams/lost-update-timeline.svg", "/diagrams/mvcc-row-versions.svg"]);
    // renders whole lesson sections with Shiki: seconds on a loaded two-core machine
  }, 60_000);

  it("on a PostgreSQL-only track, runs blocks on PostgreSQL alone and shows `server` blocks as text with a note", async () => {
    const md = "```sql\nSELECT 1;\n```\n\n```sql server\nCREATE ROLE reporting;\n```\n\n```sql fails\n-- Error on PostgreSQL: division by zero\nSELECT 1 / 0;\n```\n";
    const html = await renderMarkdown(md, { first: 1 }, ["postgres"]);
    expect(html.match(/data-lab-block="\d+" data-lab-engines="[a-z ]+"/g)).toEqual(['data-lab-block="1" data-lab-engines="postgres"', 'data-lab-block="2" data-lab-engines="postgres"']);
    expect(html.match(/<p class="sql-tag">[^<]*<\/p>/g)).toEqual([
      '<p class="sql-tag">Runs on a PostgreSQL server, not in the lab</p>',
      '<p class="sql-tag">Fails on purpose</p>',
    ]);
    // the server block has its label but no Run button
    expect(html).toContain('<div class="sql-block" data-sql-tag="server"><p class="sql-tag">Runs on a PostgreSQL server, not in the lab</p><pre class="shiki');
  });
});
