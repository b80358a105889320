/**
 * Engine files for a worker: read from the lab's Cache Storage cache when there, otherwise
 * downloaded (and put in the cache for the next visit and for offline use), counting bytes for the
 * page's progress bar. The files live under an immutable, versioned folder (/lab/<version>/), so a
 * cached copy is never stale: a new version is a new folder and a new cache.
 */
import { labCacheName } from "./protocol";

/** Sizes of the lab files as stored (gzip), written in by the build (scripts/lib/lab-assets.mjs). */
declare const __LAB_FILE_SIZES__: Record<string, number>;

export type TProgress = (loaded: number, total: number) => void;

/** The versioned folder this worker script was served from, e.g. /lab/3f9c0a1b2c. */
export function labBase(): { base: string; version: string } {
  const path = self.location.pathname;
  const base = path.slice(0, path.lastIndexOf("/"));
  return { base, version: base.slice(base.lastIndexOf("/") + 1) };
}

async function openCache(version: string): Promise<Cache | null> {
  try {
    return typeof caches === "undefined" ? null : await caches.open(labCacheName(version));
  } catch {
    return null; // storage can be unavailable (private modes, quota); the network still works
  }
}

/** Reads a body counting its bytes as they arrive; `gunzip` for the precompressed engine files. */
async function readBody(res: Response, gunzip: boolean, onBytes: (n: number) => void): Promise<Uint8Array<ArrayBuffer>> {
  if (!res.body) throw new Error(`${res.url}: empty response`);
  let stream: ReadableStream<Uint8Array> = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes(chunk.length);
        controller.enqueue(chunk);
      },
    }),
  );
  if (gunzip) stream = stream.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Fetches several lab files, reporting the bytes done over the bytes needed. A name ending in .gz
 * is stored gzip-compressed by the build (so its transfer size does not depend on the server
 * compressing it) and is returned decompressed under the name without .gz; other files as they are.
 */
export async function fetchLabFiles(names: string[], onProgress: TProgress): Promise<Record<string, Uint8Array<ArrayBuffer>>> {
  const { base, version } = labBase();
  const cache = await openCache(version);
  const total = names.reduce((sum, n) => sum + (__LAB_FILE_SIZES__[n] ?? 0), 0);
  let loaded = 0;
  onProgress(0, total);
  // This worker's own script too, so the page can start it offline (the service worker reads this cache).
  if (cache && !(await cache.match(self.location.pathname))) await cache.add(self.location.pathname).catch(() => undefined);
  const entries = await Promise.all(
    names.map(async (name) => {
      const url = `${base}/${name}`;
      let res = (await cache?.match(url)) ?? null;
      let storing: Promise<unknown> = Promise.resolve();
      if (!res) {
        res = await fetch(url);
        if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
        // stored while it is read, so the progress bar follows the download itself
        if (cache) storing = cache.put(url, res.clone()).catch(() => undefined);
      }
      const gunzip = name.endsWith(".gz") && !name.endsWith(".tar.gz");
      const bytes = await readBody(res, gunzip, (n) => {
        loaded += n;
        onProgress(Math.min(loaded, total), total);
      });
      await storing;
      return [gunzip ? name.slice(0, -3) : name, bytes] as const;
    }),
  );
  return Object.fromEntries(entries);
}
