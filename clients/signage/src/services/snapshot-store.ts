// The last state a screen drew, in IndexedDB: read at boot before any network call, so a
// reload with the hub unreachable still shows the board, the news and any alert in progress.
import type { KioskState } from '../lib/kiosk-state';

export interface StoredKiosk {
  /** Which screen it belongs to: a screen paired anew must not draw the old one's data. */
  screenId: string;
  state: KioskState;
  /** Hub time minus device time when it was saved: the clock is right before the hub answers. */
  clockOffsetMs: number;
  savedAt: number;
}

export interface SnapshotStore {
  load(): Promise<StoredKiosk | null>;
  save(record: StoredKiosk): Promise<void>;
  clear(): Promise<void>;
}

const DB = 'preau-signage';
const STORE = 'kiosk';
const KEY = 'current';
const VERSION = 1;

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, VERSION);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    // another tab holding an older version: give up rather than wait forever
    req.onblocked = () => reject(new Error('indexeddb blocked'));
  });
}

function run<T>(db: IDBDatabase, mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | null): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** The kiosk's store; every failure (private mode, quota, no IndexedDB) degrades to "nothing stored". */
export function indexedDbSnapshotStore(): SnapshotStore {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => (db ??= openDb().catch((err: unknown) => {
    db = null;
    throw err;
  }));
  return {
    async load() {
      try {
        const value = await run(await database(), 'readonly', (s) => s.get(KEY) as IDBRequest<StoredKiosk | undefined>);
        return isStoredKiosk(value) ? value : null;
      } catch {
        return null;
      }
    },
    async save(record) {
      try {
        await run(await database(), 'readwrite', (s) => s.put(record, KEY));
      } catch {
        // the screen still works; only an offline reload loses the latest data
      }
    },
    async clear() {
      try {
        await run(await database(), 'readwrite', (s) => s.delete(KEY));
      } catch {
        // nothing to clear then
      }
    },
  };
}

/** A stored record from an older build may lack fields: such a record is dropped, not drawn. */
export function isStoredKiosk(value: unknown): value is StoredKiosk {
  const v = value as Partial<StoredKiosk> | undefined;
  const s = v?.state as Partial<KioskState> | undefined;
  return (
    typeof v?.screenId === 'string' &&
    typeof v.clockOffsetMs === 'number' &&
    !!s &&
    typeof s.screen?.id === 'string' &&
    typeof s.school?.timeZone === 'string' &&
    Array.isArray(s.news) &&
    Array.isArray(s.flashes) &&
    typeof s.cursors === 'object' &&
    typeof s.syncedAt === 'number'
  );
}
