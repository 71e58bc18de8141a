// A small per-connection cache for aggregate queries (counts, summaries) that the grid repeats
// on every page and filter toggle. Entries are keyed by the query and by the database's state:
// total_changes() moves with every write on this connection, PRAGMA data_version with every
// commit by another connection (the CLI, a second process), so a cached value is never stale.
import type Database from 'better-sqlite3';

const MAX_ENTRIES = 64;
const caches = new WeakMap<Database.Database, Map<string, unknown>>();

function stateOf(sqlite: Database.Database): string {
  const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number;
  const version = sqlite.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

export function cached<T>(sqlite: Database.Database, key: string, compute: () => T): T {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  const full = `${stateOf(sqlite)}|${key}`;
  if (cache.has(full)) {
    const value = cache.get(full) as T;
    cache.delete(full); // refresh its place in the LRU order
    cache.set(full, value);
    return value;
  }
  const value = compute();
  cache.set(full, value);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
