import type { TOutboxEntry, TOutboxStorage } from "./outbox";

/**
 * The outbox and a small key-value cache in IndexedDB (database "lnv-progress"), with no library.
 * When IndexedDB is missing or refuses (some private modes), everything lives in memory for the
 * page: progress still works and syncs, it just does not survive a reload.
 */
const DB_NAME = "lnv-progress";
const OUTBOX = "outbox";
const KV = "kv";

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const r = indexedDB.open(DB_NAME, 1);
      r.onupgradeneeded = () => {
        // Entries keep the order they were made in: the key is a counter, the mutation id is an index.
        const outbox = r.result.createObjectStore(OUTBOX, { keyPath: "seq", autoIncrement: true });
        outbox.createIndex("id", "id", { unique: true });
        r.result.createObjectStore(KV);
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => resolve(null);
      r.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

type Stored = TOutboxEntry & { seq?: number };

const memory = { outbox: new Map<string, TOutboxEntry>(), kv: new Map<string, unknown>() };

export const idbOutboxStorage: TOutboxStorage = {
  async all() {
    const db = await open();
    if (!db) return [...memory.outbox.values()];
    const rows = await request<Stored[]>(db.transaction(OUTBOX).objectStore(OUTBOX).getAll());
    return rows.map(({ seq: _seq, ...e }) => e);
  },
  async put(entries) {
    const db = await open();
    if (!db) return void entries.forEach((e) => memory.outbox.set(e.id, e));
    const tx = db.transaction(OUTBOX, "readwrite");
    const store = tx.objectStore(OUTBOX);
    for (const e of entries) {
      // Keep the original position (seq) when an entry is rewritten (adopted at sign-in).
      const seq = await request(store.index("id").getKey(e.id));
      store.put(seq === undefined ? e : { ...e, seq });
    }
    await done(tx);
  },
  async remove(ids) {
    const db = await open();
    if (!db) return void ids.forEach((id) => memory.outbox.delete(id));
    const tx = db.transaction(OUTBOX, "readwrite");
    const store = tx.objectStore(OUTBOX);
    for (const id of ids) {
      const seq = await request(store.index("id").getKey(id));
      if (seq !== undefined) store.delete(seq);
    }
    await done(tx);
  },
};

export async function kvGet<T>(key: string): Promise<T | undefined> {
  const db = await open();
  if (!db) return memory.kv.get(key) as T | undefined;
  try {
    return (await request(db.transaction(KV).objectStore(KV).get(key))) as T | undefined;
  } catch {
    return undefined;
  }
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  const db = await open();
  if (!db) return void memory.kv.set(key, value);
  const tx = db.transaction(KV, "readwrite");
  tx.objectStore(KV).put(value, key);
  await done(tx).catch(() => undefined);
}
