// Cached counts and summaries are never stale: a write on this connection or a commit by another
// connection (the CLI) invalidates them.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { countIssues, resolveIssueKey } from '../../db/queries/issues';
import { setRank } from '../../db/write/evaluations';
import { summarize } from '../../db/queries/summary';
import { sampleDb, tempDbPath } from '../helpers/temp';

describe('cached aggregates', () => {
  it('follow writes from this connection and from another one', async () => {
    const file = tempDbPath();
    const db = await sampleDb(file);
    const rank3 = () => countIssues(db.sqlite, { roundId: 1, ranks: ['3'] });
    const summary3 = () => summarize(db.sqlite, { roundId: 1 }).find((l) => l.level === 'A')!.byRank['3'];
    expect([rank3(), summary3()]).toEqual([13, 13]);
    setRank(db.sqlite, { issueId: resolveIssueKey(db.sqlite, '会計-A-1')!, roundId: 1, rank: '3', actor: 't' });
    expect([rank3(), summary3()]).toEqual([14, 14]);
    const other = new Database(file);
    other.prepare("UPDATE evaluations SET rank = '3' WHERE issue_id = ?").run(resolveIssueKey(db.sqlite, '会計-A-2')!);
    other.close();
    expect([rank3(), summary3()]).toEqual([15, 15]);
    db.close();
  });
});
