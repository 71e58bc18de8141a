// 課題レベル / 総数 / ランク別件数, for any filter of the grid (the document's summary table).
import type Database from 'better-sqlite3';
import { cached } from './result-cache.js';
import { buildWhere, LEVELS, type IssueFilter, type Level } from './issues.js';
import { statement } from '../statements.js';

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

/** Per 局区 and level between two rounds (the chart view's movement), counted in the same scan. */
export interface MoveCount {
  organizationId: number;
  level: Level;
  /** Ranked in the later round only / in the earlier only. */
  ranked: number;
  unranked: number;
  /** Ranked in both: higher, lower in the later round's order; the rest of `both` stayed. */
  up: number;
  down: number;
  both: number;
}

export interface MovementScan {
  fromRoundId: number;
  /** Sort order of every rank value in the later round's scale (rank-order.ts). */
  order: Map<string, number>;
}

interface ScanRow {
  organizationId: number;
  level: Level;
  total: number;
  unranked: number;
  carried: number;
  other: number;
  [rank: `r${number}`]: number;
  mRanked?: number;
  mUnranked?: number;
  mUp?: number;
  mDown?: number;
  mBoth?: number;
}

const roundRanks = (sqlite: Database.Database, roundId: number): string[] =>
  statement(sqlite, 'SELECT value FROM scale_ranks WHERE scale_id = (SELECT scale_id FROM rounds WHERE id = ?) ORDER BY sort_order DESC', 'pluck').all(roundId) as string[];

/**
 * One pass over the issues of a filter, grouped by 局区 and level in the order of the
 * (局区, level, number) index — no sort — with a sum per rank value of the round's scale, and
 * (given `movement`) the moves from an earlier round, each issue's two ranks read from the
 * covering (issue, round, rank, carried) index. The grid's summary, the chart view's bars and its
 * movement all come from this scan; the chart view makes it once for both charts.
 */
export function scanCounts(sqlite: Database.Database, filter: IssueFilter, movement: MovementScan | null = null): { groups: GroupCount[]; moves: MoveCount[] | null } {
  const where = buildWhere(filter);
  const ranks = roundRanks(sqlite, filter.roundId);
  const params: Record<string, unknown> = { ...where.params };
  const sums = ranks.map((value, k) => {
    params[`rv${k}`] = value;
    return `sum(e.rank = @rv${k}) AS r${k}`;
  });
  const known = ranks.length ? `e.rank NOT IN (${ranks.map((_, k) => `@rv${k}`).join(', ')})` : '1';
  let moveSql = '';
  let moveJoin = '';
  if (movement) {
    params.fromRound = movement.fromRoundId;
    const orderOf = (col: string) => {
      const cases = [...movement.order].map(([value, order], k) => {
        params[`mv${k}`] = value;
        params[`mo${k}`] = order;
        return `WHEN @mv${k} THEN @mo${k}`;
      });
      return cases.length ? `(CASE ${col} ${cases.join(' ')} END)` : 'NULL';
    };
    const [fo, to] = [orderOf('f.rank'), orderOf('e.rank')];
    moveJoin = 'LEFT JOIN evaluations f ON f.issue_id = i.id AND f.round_id = @fromRound';
    moveSql = `, sum(f.rank IS NULL AND e.rank IS NOT NULL) AS mRanked, sum(f.rank IS NOT NULL AND e.rank IS NULL) AS mUnranked,
      sum(${to} > ${fo}) AS mUp, sum(${to} < ${fo}) AS mDown, sum(f.rank IS NOT NULL AND e.rank IS NOT NULL) AS mBoth`;
  }
  // Prepared each time: its text varies with the filter's shape (statements.ts caches forever).
  const rows = sqlite.prepare(
    `SELECT i.organization_id AS organizationId, i.level AS level, count(*) AS total, sum(e.rank IS NULL) AS unranked,
       sum(e.rank IS NOT NULL AND e.carried = 1) AS carried, sum(e.rank IS NOT NULL AND ${known}) AS other
       ${sums.map((x) => `, ${x}`).join('')} ${moveSql}
     FROM issues i
     LEFT JOIN evaluations e ON e.issue_id = i.id AND e.round_id = @roundId
     ${moveJoin}
     ${where.sql} GROUP BY i.organization_id, i.level`,
  ).all(params) as ScanRow[];
  // Ranks outside the round's scale cannot be written (db/write checks them), but a database from
  // elsewhere might hold some: then the plain grouped count, which names every value.
  const groups = rows.some((r) => r.other > 0)
    ? groupedCounts(sqlite, filter)
    : rows.flatMap((r) => {
        const out: GroupCount[] = ranks.flatMap((rank, k) => (r[`r${k}`]! > 0 ? [{ organizationId: r.organizationId, level: r.level, rank, n: r[`r${k}`]!, carried: 0 }] : []));
        // 繰越 are counted per 局区 and level; the summary adds them up for the ranked rows.
        if (out[0]) out[0].carried = r.carried;
        if (r.unranked > 0) out.push({ organizationId: r.organizationId, level: r.level, rank: null, n: r.unranked, carried: 0 });
        return out;
      });
  const moves = movement
    ? rows.map((r) => ({ organizationId: r.organizationId, level: r.level, ranked: r.mRanked ?? 0, unranked: r.mUnranked ?? 0, up: r.mUp ?? 0, down: r.mDown ?? 0, both: r.mBoth ?? 0 }))
    : null;
  return { groups, moves };
}

/** Grouped by rank value as stored (the fallback of scanCounts). */
function groupedCounts(sqlite: Database.Database, filter: IssueFilter): GroupCount[] {
  const where = buildWhere(filter);
  return sqlite
    .prepare(
      `SELECT i.organization_id AS organizationId, i.level AS level, e.rank AS rank, count(*) AS n, sum(coalesce(e.carried, 0)) AS carried
       FROM issues i
       LEFT JOIN evaluations e ON e.issue_id = i.id AND e.round_id = @roundId
       ${where.sql} GROUP BY i.organization_id, i.level, e.rank`,
    )
    .all(where.params) as GroupCount[];
}

const groupKey = (filter: IssueFilter) => {
  const where = buildWhere(filter);
  return `group-counts|${where.sql}|${JSON.stringify(where.params)}`;
};

/**
 * The counts of one filter for both the grid's summary and the chart view's bars, cached per
 * filter and data state: opening the chart view after the grid (the usual way) costs no second scan.
 */
export function groupCounts(sqlite: Database.Database, filter: IssueFilter): GroupCount[] {
  return cached(sqlite, groupKey(filter), () => scanCounts(sqlite, filter).groups);
}

/** Keeps counts made by a wider scan (the chart view's) for the grid's summary of the same filter. */
export function keepGroupCounts(sqlite: Database.Database, filter: IssueFilter, groups: GroupCount[]): void {
  cached(sqlite, groupKey(filter), () => groups);
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
