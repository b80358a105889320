import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ApiDocsPage from "@/app/api/docs/page";
import { operations } from "@/lib/http/openapi";

/** The reference page at /api/docs: server HTML naming every operation with its access, parameters, body and responses. */
describe("/api/docs", () => {
  const html = renderToStaticMarkup(createElement(ApiDocsPage));

  it("has a section per operation: method and path, access level, and its success response", () => {
    for (const { id, contract } of operations()) {
      const start = html.indexOf(`id="op-${id.replace(/\./g, "-")}"`);
      expect(start, id).toBeGreaterThan(-1);
      const section = html.slice(start, html.indexOf("</article>", start));
      expect(section).toContain(`${contract.method} ${contract.path}`);
      expect(section).toContain("Access");
      expect(section).toContain(`Response ${contract.status ?? 200}`);
      if (contract.body) expect(section, id).toContain("Body (JSON)");
      if (contract.params || contract.query) expect(section, id).toContain("<th scope=\"col\"");
    }
  });

  it("shows types readably, links the JSON document, and runs no script", () => {
    expect(html).toContain('href="/api/v1/openapi.json"');
    expect(html).toMatch(/parentId\?: string \(uuid\);/);
    expect(html).not.toContain("<script");
  });

  it("keeps scrollable code blocks reachable by keyboard and labelled", () => {
    const pres = html.match(/<pre[^>]*>/g) ?? [];
    expect(pres.length).toBeGreaterThan(operations().length);
    for (const pre of pres) expect(pre).toMatch(/tabindex="0".*aria-label="[^"]+"/);
  });
});
