/**
 * The client's address. Next.js fills X-Forwarded-For from the socket when it is absent; behind a
 * proxy (nginx) that overwrites or appends it, the rightmost entry is the address the proxy saw.
 * Deployments without such a proxy must not expose `next start` directly (docs/ARCHITECTURE.md).
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip") || "unknown";
}
