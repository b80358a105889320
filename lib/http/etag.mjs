// Content-hash ETags and If-None-Match, shared by the API's route wrapper (route.ts) and the lesson
// page include (page-include.mjs, which scripts/serve.mjs loads before Next.js: plain ESM).
import { createHash } from "node:crypto";

/** A strong ETag: 27 characters of the base64url SHA-256 of the bytes sent. */
export function contentEtag(body) {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** Matches If-None-Match against an ETag (weak comparison, as RFC 9110 asks for this header; lists and * allowed). */
export function etagMatches(header, etag) {
  if (!header) return false;
  if (String(header).trim() === "*") return true;
  const strip = (t) => t.trim().replace(/^W\//, "");
  return String(header)
    .split(",")
    .some((t) => strip(t) === strip(etag));
}
