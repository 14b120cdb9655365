import { getDb } from '@/db/client';

/**
 * A value read from the database and shared by every request of this process for a short while
 * (settings, the active policies: read by every page, changed rarely). A change made through this
 * process calls invalidate() and is seen at once; other app processes see it within `ttlMs`.
 * Values are kept per database, so tests that switch databases never see each other's.
 */
export function sharedValue<T>(ttlMs: number, load: () => Promise<T>) {
  const entries = new WeakMap<object, { expires: number; value: Promise<T> }>();
  return {
    get(): Promise<T> {
      const db = getDb();
      const hit = entries.get(db);
      if (hit && hit.expires > Date.now()) return hit.value;
      const value = load();
      entries.set(db, { expires: Date.now() + ttlMs, value });
      // A failed read is not kept: the next request tries again.
      value.catch(() => {
        if (entries.get(db)?.value === value) entries.delete(db);
      });
      return value;
    },
    invalidate(): void {
      entries.delete(getDb());
    },
  };
}
