import { createHash } from "node:crypto";
import { headScript } from "../theme/script";

/**
 * Security headers. Every response gets the static ones (next.config.ts); HTML pages get a
 * Content-Security-Policy from proxy.ts that allows inline scripts only by hash (prerendered
 * pages: hashes computed after the build, scripts/csp-hashes.mjs) or by nonce (pages rendered per
 * request, which Next.js stamps with the nonce it finds in the request's CSP header).
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

export const HEAD_SCRIPT_HASH = `'sha256-${createHash("sha256").update(headScript).digest("base64")}'`;

export function contentSecurityPolicy(options: {
  scriptSources: string[];
  https: boolean;
  dev: boolean;
  formActions?: string[];
}): string {
  const script = ["'self'", HEAD_SCRIPT_HASH, ...options.scriptSources, ...(options.dev ? ["'unsafe-eval'"] : [])];
  const directives = [
    "default-src 'self'",
    `script-src ${[...new Set(script)].join(" ")}`,
    // React style attributes and Shiki's colour variables are inline styles; scripts stay locked.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    // The SQL lab's engines run in Web Workers loaded from /lab/<version>/ (same origin).
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${options.formActions?.length ? ` ${options.formActions.join(" ")}` : ""}`,
    "frame-ancestors 'none'",
    "report-uri /api/csp-report",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * The SQL lab's worker scripts and service worker (public/lab/…, public/lab-sw.js; next.config.ts).
 * A worker follows the policy of its own response, not the page's, so this is where compiling
 * WebAssembly is allowed: 'wasm-unsafe-eval' lets a script compile Wasm, and nothing else ('unsafe-eval'
 * would also allow eval() and new Function()). The pages themselves never compile WebAssembly.
 */
export const LAB_WORKER_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "report-uri /api/csp-report",
].join("; ");
