// The JavaScript a page makes a browser download, for the bundle figures (scripts/bench/) and the
// bundle test (e2e/site.spec.ts): one reading of the page's <script> tags for both.
import { gzipSync } from "node:zlib";

/** The page's script URLs, each once; noModule scripts are legacy polyfills modern browsers never download. */
export function scriptSources(html) {
  const tags = [...html.matchAll(/<script([^>]+)>/g)].filter((m) => !/nomodule/i.test(m[1]));
  return [...new Set(tags.map((m) => /src="([^"]+)"/.exec(m[1])?.[1]).filter(Boolean))];
}

/** Bytes after gzip -9, the way the figures are stated. */
export const gzippedBytes = (body) => gzipSync(body, { level: 9 }).length;
