// What scripts/serve.mjs learned about a request from its socket (client address, HTTPS through a
// trusted proxy, the proxy's origin), handed to route code through AsyncLocalStorage: Next.js gives
// route handlers no access to the socket, and a header would be forgeable whenever the app ran
// without our server. The storage lives on globalThis because the server and each Next.js bundle
// load their own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";

const KEY = Symbol.for("learn-netverks.request-context");

export const requestContextStorage = (globalThis[KEY] ??= new AsyncLocalStorage());

/** The current request's context, or undefined outside scripts/serve.mjs (tests call handlers directly). */
export function requestContext() {
  return requestContextStorage.getStore();
}
