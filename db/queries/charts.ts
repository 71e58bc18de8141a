// The figures behind the chart view: for the grid's round and filter, how many issues of each 局区
// have each rank (stacked bars), and between two rounds how many of each 局区 moved up or down.
// Both are one grouped scan; the counts per 局区 are a few hundred numbers whatever the data size.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import type { IssueFilter, Level } from './issues.js';
import { rankComparer } from './rank-order.js';
import { cached } from './result-cache.js';
import { getRound } from './rounds.js';
import { groupCounts } from './summary.js';

export interface OrganizationCounts {
  organizationId: number;
  organization: string;
  /** Issues per rank value (ranked ones only). */
  byRank: Record<string, number>;
  unranked: number;
  total: number;
}

export interface RankDistribution {
  round: { id: number; label: string };
  /** The round's ranks, highest first (the order of the legend and the table's columns). */
  ranks: { value: string; label: string }[];
  /** 局区 in the document's order; only those with issues in the filter. */
  rows: OrganizationCounts[];
}

export function rankDistribution(sqlite: Database.Database, filter: IssueFilter): RankDistribution {
  const round = getRound(sqlite, filter.roundId);
  if (!round) throw new DbError('NOT_FOUND', '選んだ評価回がありません (削除された可能性があります。画面を開き直してください)');
  // The grid's summary of the same filter has usually made this scan already (db/queries/summary.ts).
  const counts = groupCounts(sqlite, filter);
  const orgs = sqlite.prepare('SELECT id, short_name AS name FROM organizations ORDER BY display_order, id').all() as { id: number; name: string }[];
  const byOrg = new Map<number, OrganizationCounts>();
  for (const c of counts) {
    let row = byOrg.get(c.organizationId);
    if (!row) byOrg.set(c.organizationId, (row = { organizationId: c.organizationId, organization: '', byRank: {}, unranked: 0, total: 0 }));
    if (c.rank === null) row.unranked += c.n;
    else row.byRank[c.rank] = (row.byRank[c.rank] ?? 0) + c.n;
    row.total += c.n;
  }
  const rows = orgs.flatMap((o) => {
    const row = byOrg.get(o.id);
    return row ? [{ ...row, organization: o.name }] : [];
  });
  const ranks = [...round.ranks].sort((a, b) => b.sortOrder - a.sortOrder).map((r) => ({ value: r.value, label: r.label }));
  return { round: { id: round.id, label: round.label }, ranks, rows };
}

export type MovementKind = 'up' | 'down' | 'same' | 'ranked' | 'unranked';

export interface OrganizationMovement {
  organizationId: number;
  organization: string;
  counts: Record<MovementKind, number>;
}

export interface MovementByOrganization {
  from: { id: number; label: string };
  to: { id: number; label: string };
  rows: OrganizationMovement[];
}

export interface MovementQuery {
  fromRoundId: number;
  toRoundId: number;
  levels?: Level[];
}

export function movementByOrganization(sqlite: Database.Database, q: MovementQuery): MovementByOrganization {
  const from = getRound(sqlite, q.fromRoundId);
  const to = getRound(sqlite, q.toRoundId);
  if (!from || !to) throw new DbError('NOT_FOUND', '選んだ評価回がありません (削除された可能性があります。画面を開き直してください)');
  if (from.id === to.id) throw new DbError('INVALID', '同じ評価回どうしは比べられません。2つの異なる評価回を選んでください');
  const compare = rankComparer(from, to);
  if (!compare) {
    throw new DbError('INVALID', `${from.label} (ランク基準「${from.scaleName}」) と ${to.label} (「${to.scaleName}」) はランクの値が対応しないため、上昇・下降を比べられません`);
  }
  const params: Record<string, unknown> = { from: from.id, to: to.id };
  let levels = '';
  if (q.levels?.length) {
    levels = 'WHERE i.level IN (SELECT value FROM json_each(@levels))';
    params.levels = JSON.stringify(q.levels);
  }
  // Both rounds' ranks read from the (round, rank, issue) index and paired per issue, instead of
  // two lookups for every issue: about half the time on 100,000 issues. Cached per data version.
  const counts = cached(sqlite, `chart-move|${JSON.stringify(params)}`, () =>
    sqlite
      .prepare(
        `SELECT i.organization_id AS organizationId, x.fromRank, x.toRank, count(*) AS n
         FROM (SELECT issue_id, max(CASE WHEN round_id = @from THEN rank END) AS fromRank, max(CASE WHEN round_id = @to THEN rank END) AS toRank
               FROM evaluations WHERE round_id IN (@from, @to) AND rank IS NOT NULL GROUP BY issue_id) x
         JOIN issues i ON i.id = x.issue_id
         ${levels}
         GROUP BY i.organization_id, x.fromRank, x.toRank`,
      )
      .all(params) as { organizationId: number; fromRank: string | null; toRank: string | null; n: number }[],
  );
  const byOrg = new Map<number, Record<MovementKind, number>>();
  for (const c of counts) {
    let row = byOrg.get(c.organizationId);
    if (!row) byOrg.set(c.organizationId, (row = { up: 0, down: 0, same: 0, ranked: 0, unranked: 0 }));
    const kind: MovementKind = c.fromRank === null ? 'ranked' : c.toRank === null ? 'unranked' : (compare(c.fromRank, c.toRank) ?? 'same');
    row[kind] += c.n;
  }
  const orgs = sqlite.prepare('SELECT id, short_name AS name FROM organizations ORDER BY display_order, id').all() as { id: number; name: string }[];
  const rows = orgs.flatMap((o) => {
    const c = byOrg.get(o.id);
    return c ? [{ organizationId: o.id, organization: o.name, counts: c }] : [];
  });
  return { from: { id: from.id, label: from.label }, to: { id: to.id, label: to.label }, rows };
}
