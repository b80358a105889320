import { describe, expect, it } from "vitest";
import { addHeaderLines } from "./nginx-headers.mjs";

describe("addHeaderLines (the cached page's head, for the bench's file server)", () => {
  it("copies the page's own headers, quoted, and leaves out what nginx writes itself", () => {
    const head = new Headers({
      "content-security-policy": "default-src 'self'; script-src 'self' 'sha256-abc='",
      "x-frame-options": "DENY",
      vary: "rsc, Accept-Encoding",
      "content-type": "text/html; charset=utf-8",
      "content-length": "27590",
      "content-encoding": "gzip",
      etag: '"abc"',
      date: "Thu, 03 Dec 2026 11:33:24 GMT",
      server: "nginx",
      "x-cache": "HIT",
    });
    expect(addHeaderLines(head)).toEqual([
      `add_header content-security-policy "default-src 'self'; script-src 'self' 'sha256-abc='" always;`,
      `add_header vary "rsc, Accept-Encoding" always;`,
      `add_header x-frame-options "DENY" always;`,
    ]);
  });

  it("drops a value nginx would read as a variable or could not quote, rather than write a broken config", () => {
    const lines = addHeaderLines([
      ["x-price", "$5"],
      ["x-quote", 'say "hi"'],
      ["x-slash", "a\\b"],
      ["bad name", "x"],
      ["x-ok", "fine"],
    ]);
    expect(lines).toEqual([`add_header x-ok "fine" always;`]);
  });
});
