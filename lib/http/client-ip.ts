import { requestContext } from "./request-context.mjs";

let warned = false;

/**
 * The client's address, as scripts/serve.mjs resolved it from the socket (and from X-Forwarded-For
 * only when the socket's peer is a proxy named in TRUSTED_PROXIES). Request headers are never read
 * here: any client can write them. Without our server (a test calling a handler directly, or a bare
 * `next start`) the address is unknown, and every such request shares the "unknown" bucket of each
 * per-address limit: stricter, never looser.
 */
export function clientIp(): string {
  const context = requestContext();
  if (context) return context.clientIp;
  if (!warned && process.env.NODE_ENV === "production") {
    warned = true;
    console.warn("client-ip: no request context; serve the app with scripts/serve.mjs (npm start) so client addresses are known");
  }
  return "unknown";
}
