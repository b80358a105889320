import { publicOrigin } from "./public-origin.mjs";
import { requestContext } from "./request-context.mjs";

/**
 * The origins a browser may write from: the configured public origin (APP_URL, or the embedded
 * default and its loopback aliases) and, when the request came through a trusted proxy, the origin
 * that proxy says it was asked for. Host and X-Forwarded-Host sent by a client never count.
 */
export function allowedOrigins(): string[] {
  const { origin, aliases } = publicOrigin();
  const forwarded = requestContext()?.forwardedOrigin;
  return forwarded ? [origin, ...aliases, forwarded] : [origin, ...aliases];
}

/** Same-origin check for browsers; requests without Origin or Sec-Fetch-Site (curl, servers) pass. */
export function isCrossOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === "null") return true;
  if (origin) {
    let normalized: string;
    try {
      normalized = new URL(origin).origin;
    } catch {
      return true;
    }
    return !allowedOrigins().includes(normalized);
  }
  const site = headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}
