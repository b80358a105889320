/**
 * Offline use of the lab (docs/decisions/014): on the first Run, register the lab's service worker
 * (public/lab-sw.js, scope /tracks/) and store this lesson page with the scripts and styles it
 * loaded and the content the lab fetched, so a reload without a network finds them. The engine
 * files are stored by the workers themselves as they download them (worker/assets.ts).
 */
import { LAB_PAGES_CACHE } from "./worker/protocol";

let started = false;

/** Same-origin scripts and styles this page has loaded (all content-hashed under /_next/static/). */
function pageAssets(): string[] {
  const urls = new Set<string>();
  for (const e of performance.getEntriesByType("resource")) {
    const url = new URL(e.name, location.href);
    if (url.origin === location.origin && url.pathname.startsWith("/_next/static/")) urls.add(url.pathname + url.search);
  }
  for (const el of document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>("script[src], link[rel=stylesheet][href]")) {
    const url = new URL(el instanceof HTMLScriptElement ? el.src : el.href, location.href);
    if (url.origin === location.origin && url.pathname.startsWith("/_next/static/")) urls.add(url.pathname + url.search);
  }
  return [...urls];
}

export async function keepForOffline(contentUrls: string[]): Promise<void> {
  if (typeof caches === "undefined" || !("serviceWorker" in navigator)) return;
  try {
    if (!started) {
      started = true;
      await navigator.serviceWorker.register("/lab-sw.js", { scope: "/tracks/" });
    }
    const cache = await caches.open(LAB_PAGES_CACHE);
    const page = location.pathname;
    await Promise.all(
      [page, ...contentUrls, ...pageAssets()].map(async (url) => {
        const res = await fetch(url, { cache: url === page ? "no-cache" : "default" });
        if (res.ok) await cache.put(url, res);
      }),
    );
  } catch {
    // Offline use is a convenience: the lab works online without it.
  }
}
