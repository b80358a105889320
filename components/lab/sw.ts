/**
 * The SQL lab's service worker (public/lab-sw.js, built by scripts/lib/lab-assets.mjs). It is
 * registered by the lab on the first Run, never before, with scope /tracks/, and does one thing:
 * lets a lesson page whose lab was used load again without a network (docs/decisions/014).
 *
 *   /lab/<version>/…         cache first: immutable engine files (the workers put them in the cache)
 *   /_next/static/…          cache first: content-hashed scripts and styles
 *   lesson pages, /api/v1/tracks/… (datasets, exercises): network first, the cached copy when offline
 *
 * It caches only what the lab asked for (components/lab/offline.ts stores the page and the files it
 * loaded) and what it serves from the network while a lab page is open: other pages are passed
 * through untouched. Old lab versions' caches are deleted when a new version activates.
 */
import { LAB_PAGES_CACHE as PAGES_CACHE, labCacheName } from "./worker/protocol";

declare const __LAB_VERSION__: string;

// The few service worker types used here, declared locally: the "webworker" lib would put its
// globals into the type checking of every page file.
type TExtendableEvent = Event & { waitUntil(p: Promise<unknown>): void };
type TFetchEvent = TExtendableEvent & { request: Request; respondWith(r: Promise<Response>): void };
declare const self: {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: TExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: TFetchEvent) => void): void;
};

const LAB_CACHE = labCacheName(__LAB_VERSION__);

self.addEventListener("install", () => {
  void self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith("lnv-lab-") && n !== LAB_CACHE && n !== PAGES_CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(PAGES_CACHE);
  try {
    const res = await fetch(request);
    if (res.ok && (await cache.match(request, { ignoreSearch: true }))) await cache.put(request, res.clone());
    return res;
  } catch (error) {
    const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(`/lab/${__LAB_VERSION__}/`)) {
    event.respondWith(cacheFirst(request, LAB_CACHE));
  } else if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
  } else if (request.mode === "navigate" || url.pathname.startsWith("/api/v1/tracks/")) {
    event.respondWith(networkFirst(request));
  }
});
