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

/** Issues per 局区, level and rank of one filter: the summary adds up the 局区, the chart view the levels. */
export interface GroupCount {
  organizationId: number;
  level: Level;
  rank: string | null;
  n: number;
  carried: number;
}

/**
 * One grouped scan for both the grid's summary and the chart view's bars, cached per filter and
 * data state: opening the chart view after the grid (the usual way) costs no second scan.
 */
export function groupCounts(sqlite: Database.Database, filter: IssueFilter): GroupCount[] {
  const where = buildWhere(filter);
  return cached(sqlite, `group-counts|${where.sql}|${JSON.stringify(where.params)}`, () => sqlite
    .prepare(
      `SELECT i.organization_id AS organizationId, i.level AS level, e.rank AS rank, count(*) AS n, sum(coalesce(e.carried, 0)) AS carried
       FROM issues i
       LEFT JOIN evaluations e ON e.issue_id = i.id AND e.round_id = @roundId
       ${where.sql} GROUP BY i.organization_id, i.level, e.rank`,
    )
    .all(where.params) as GroupCount[]);
}

export function summarize(sqlite: Database.Database, filter: IssueFilter): SummaryLine[] {
  const rows = groupCounts(sqlite, filter);
  return LEVELS.map((level) => {
    const mine = rows.filter((r) => r.level === level);
    const byRank: Record<string, number> = {};
    let unranked = 0;
    for (const r of mine) {
      if (r.rank === null) unranked += r.n;
      else byRank[r.rank] = (byRank[r.rank] ?? 0) + r.n;
    }
    const carried = mine.reduce((s, r) => s + (r.rank === null ? 0 : r.carried), 0);
    return { level, total: mine.reduce((s, r) => s + r.n, 0), byRank, unranked, carried };
  }).filter((l) => l.total > 0);
}
