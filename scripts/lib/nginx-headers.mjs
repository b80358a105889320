// The response head of a page, as nginx add_header lines: the bench serves a file with the same head as
// the cached lesson page, so the cache's own cost can be told from the cost of the page's headers.

/** Response headers nginx writes itself, or that describe the body or the connection: not copied. */
const OWN_HEADERS = new Set([
  "server",
  "date",
  "content-type",
  "content-length",
  "content-encoding",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "etag",
  "last-modified",
  "accept-ranges",
  "x-cache",
]);

/**
 * The page's own response headers (the security headers, CSP, Vary, Cache-Control…) as nginx add_header lines,
 * so a file can be served with the same head as the cached page. A value nginx would read as a variable ($) or
 * could not quote is left out.
 */
export function addHeaderLines(headers) {
  const lines = [];
  for (const [name, value] of headers) {
    if (OWN_HEADERS.has(name.toLowerCase()) || /[$"\\\r\n]/.test(value) || !/^[A-Za-z0-9-]+$/.test(name)) continue;
    lines.push(`add_header ${name} "${value}" always;`);
  }
  return lines;
}
