// 課題レベル / 総数 / ランク別件数, for any filter of the grid (the document's summary table).
import type Database from 'better-sqlite3';
import { cached } from './result-cache.js';
import { buildWhere, LEVELS, type IssueFilter, type Level } from './issues.js';

export interface SummaryLine {
  level: Level;
  total: number;
  /** Count per rank value; issues without a rank are under `unranked`. */
  byRank: Record<string, number>;
  unranked: number;
  /** Of the ranked ones: carried over from the previous round and not confirmed yet (繰越). */
  carried: number;
}

export function summarize(sqlite: Database.Database, filter: IssueFilter): SummaryLine[] {
  const where = buildWhere(filter);
  const rows = cached(sqlite, `summary|${where.sql}|${JSON.stringify(where.params)}`, () => sqlite
    .prepare(
      `SELECT i.level AS level, e.rank AS rank, count(*) AS n, sum(coalesce(e.carried, 0)) AS carried
       FROM issues i
       LEFT JOIN evaluations e ON e.issue_id = i.id AND e.round_id = @roundId
       ${where.sql} GROUP BY i.level, e.rank`,
    )
    .all(where.params) as { level: Level; rank: string | null; n: number; carried: number }[]);
  return LEVELS.map((level) => {
    const mine = rows.filter((r) => r.level === level);
    const byRank: Record<string, number> = {};
    let unranked = 0;
    for (const r of mine) {
      if (r.rank === null) unranked += r.n;
      else byRank[r.rank] = r.n;
    }
    const carried = mine.reduce((s, r) => s + (r.rank === null ? 0 : r.carried), 0);
    return { level, total: mine.reduce((s, r) => s + r.n, 0), byRank, unranked, carried };
  }).filter((l) => l.total > 0);
}
