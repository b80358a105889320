import { describe, expect, it } from "vitest";
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
});
