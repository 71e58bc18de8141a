// The per-connection statement cache: a shared statement's result mode is fixed when it is
// prepared, so no caller can change what another one reads (defect a).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pluckStatement, statement } from '../../db/statements';

describe('cached statements', () => {
  const sqlite = new Database(':memory:');
  sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO t VALUES (1, 'a')");
  const sql = 'SELECT title FROM t WHERE id = ?';

  it('keeps one statement per SQL text and mode', () => {
    expect(statement(sqlite, sql)).toBe(statement(sqlite, sql));
    expect(pluckStatement(sqlite, sql)).not.toBe(statement(sqlite, sql));
    expect(statement(sqlite, sql, 'raw')).not.toBe(statement(sqlite, sql));
  });

  it('returns rows, first columns or arrays as asked, whatever order they are used in', () => {
    expect(pluckStatement(sqlite, sql).get(1)).toBe('a');
    expect(statement(sqlite, sql).get(1)).toEqual({ title: 'a' });
    expect(statement(sqlite, sql, 'raw').get(1)).toEqual(['a']);
    expect(pluckStatement(sqlite, sql).get(1)).toBe('a');
  });

  it('refuses to switch the mode of a shared statement', () => {
    const shared = statement(sqlite, sql) as unknown as Database.Statement;
    for (const name of ['pluck', 'raw', 'expand', 'safeIntegers'] as const) {
      expect(() => (shared[name] as () => unknown)()).toThrow(/呼べません/);
    }
    expect(statement(sqlite, sql).get(1)).toEqual({ title: 'a' });
    expect(Object.isFrozen(shared)).toBe(true);
  });

  it('keeps caches apart per connection', () => {
    const other = new Database(':memory:');
    other.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO t VALUES (1, 'b')");
    expect(statement(other, sql).get(1)).toEqual({ title: 'b' });
    expect(statement(sqlite, sql).get(1)).toEqual({ title: 'a' });
    other.close();
  });
});
