// The site's one public origin (APP_URL): links in mail, Auth.js's URL and the Origin check on
// writes all come from it, never from Host or X-Forwarded-* (docs/SECURITY.md). Plain ESM so the
// start scripts (before `npm ci` has run anything else) and the app read it the same way.

export class PublicOriginError extends Error {}

/**
 * { origin, aliases }. APP_URL when set (an origin only: scheme, host, optional port). Without it,
 * the embedded setup (no DATABASE_URL) is http://localhost:$PORT, and the loopback addresses of the
 * same port are accepted as aliases, since `npm start` binds 127.0.0.1. With DATABASE_URL (a real
 * deployment) APP_URL is required.
 */
export function publicOrigin(env = process.env) {
  const raw = (env.APP_URL ?? "").trim();
  if (raw) {
    let url;
    try {
      url = new URL(raw);
    } catch {
      throw new PublicOriginError(`APP_URL must be the site's address, e.g. https://learn.example.com (got "${raw}").`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new PublicOriginError(`APP_URL must start with https:// or http:// (got "${raw}").`);
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
      throw new PublicOriginError(`APP_URL must be an origin only (scheme, host and port), e.g. https://learn.example.com (got "${raw}").`);
    }
    return { origin: url.origin, aliases: [] };
  }
  if (env.DATABASE_URL) {
    throw new PublicOriginError(
      "APP_URL is not set: with DATABASE_URL (production) set APP_URL to the site's public address, e.g. https://learn.example.com.",
    );
  }
  const port = String(env.PORT || "3000");
  return { origin: `http://localhost:${port}`, aliases: [`http://127.0.0.1:${port}`, `http://[::1]:${port}`] };
}
