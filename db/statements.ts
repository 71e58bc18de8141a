// Prepared statements cached per connection. Preparing costs about as much as running a small
// statement; bulk writers (imports of 10,000 rows) call the same few statements over and over.
//
// A cached statement is shared by every caller on the connection, so its result mode must never
// change: better-sqlite3's pluck()/raw()/expand()/safeIntegers() switch the statement itself, and
// one caller plucking `SELECT title FROM issues WHERE id = ?` once made another read the title
// as `undefined` (search lost titles after imports). The mode is therefore part of the cache key,
// set once when the statement is prepared, and the mode switches of a cached statement throw.
import type Database from 'better-sqlite3';

/** How rows come back: objects (`row`), the first column only (`pluck`), or arrays (`raw`). */
export type StatementMode = 'row' | 'pluck' | 'raw';

const MODE_SWITCHES = ['pluck', 'raw', 'expand', 'safeIntegers'] as const;

/** A cached statement: everything but the mode switches, which it refuses. */
export type CachedStatement = Omit<Database.Statement, (typeof MODE_SWITCHES)[number]>;

// One map per mode, keyed by the SQL text itself (a literal's hash is computed once by V8).
const caches = new WeakMap<Database.Database, Record<StatementMode, Map<string, CachedStatement>>>();

function seal(stmt: Database.Statement, sql: string): CachedStatement {
  for (const name of MODE_SWITCHES) {
    Object.defineProperty(stmt, name, {
      value: () => {
        throw new Error(`共有の準備済み文の ${name}() は呼べません (db/statements.ts の mode を使ってください): ${sql}`);
      },
    });
  }
  return Object.freeze(stmt);
}

export function statement(sqlite: Database.Database, sql: string, mode: StatementMode = 'row'): CachedStatement {
  let modes = caches.get(sqlite);
  if (!modes) caches.set(sqlite, (modes = { row: new Map(), pluck: new Map(), raw: new Map() }));
  const cache = modes[mode];
  let stmt = cache.get(sql);
  if (!stmt) {
    const prepared = sqlite.prepare(sql);
    if (mode === 'pluck') prepared.pluck();
    else if (mode === 'raw') prepared.raw();
    cache.set(sql, (stmt = seal(prepared, sql)));
  }
  return stmt;
}

/** The cached statement returning the first column of each row. */
export const pluckStatement = (sqlite: Database.Database, sql: string): CachedStatement => statement(sqlite, sql, 'pluck');
