// Prepared statements cached per connection. Preparing costs about as much as running a small
// statement; bulk writers (imports of 10,000 rows) call the same few statements over and over.
import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}
