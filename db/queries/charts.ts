// The figures behind the chart view: for the grid's round and filter, how many issues of each 局区
// have each rank (stacked bars), and between two rounds how many of each 局区 moved up or down.
// One pass over the issues gives both (db/queries/summary.ts, scanCounts) when the grid shows the
// later round without other filters than the level — the chart view of the full set; the counts
// per 局区 are a few hundred numbers whatever the data size.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import type { IssueFilter, Level } from './issues.js';
import { rankComparer } from './rank-order.js';
import { statement } from '../statements.js';
import { cached } from './result-cache.js';
import { getRound } from './rounds.js';
import { groupCounts, keepGroupCounts, scanCounts, type GroupCount, type MoveCount } from './summary.js';

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
  return distributionOf(sqlite, round, groupCounts(sqlite, filter));
}

function distributionOf(sqlite: Database.Database, round: NonNullable<ReturnType<typeof getRound>>, counts: GroupCount[]): RankDistribution {
  const byOrg = new Map<number, OrganizationCounts>();
  for (const c of counts) {
    let row = byOrg.get(c.organizationId);
    if (!row) byOrg.set(c.organizationId, (row = { organizationId: c.organizationId, organization: '', byRank: {}, unranked: 0, total: 0 }));
    if (c.rank === null) row.unranked += c.n;
    else row.byRank[c.rank] = (row.byRank[c.rank] ?? 0) + c.n;
    row.total += c.n;
  }
  const rows = organizationsInOrder(sqlite).flatMap((o) => {
    const row = byOrg.get(o.id);
    return row ? [{ ...row, organization: o.name }] : [];
  });
  const ranks = [...round.ranks].sort((a, b) => b.sortOrder - a.sortOrder).map((r) => ({ value: r.value, label: r.label }));
  return { round: { id: round.id, label: round.label }, ranks, rows };
}

const organizationsInOrder = (sqlite: Database.Database) =>
  statement(sqlite, 'SELECT id, short_name AS name FROM organizations ORDER BY display_order, id').all() as { id: number; name: string }[];

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

type Rounds = { from: NonNullable<ReturnType<typeof getRound>>; to: NonNullable<ReturnType<typeof getRound>>; order: Map<string, number> };

/** The two rounds of a movement query, or the reason they cannot be compared (DbError, in Japanese). */
function movementRounds(sqlite: Database.Database, q: MovementQuery): Rounds {
  const from = getRound(sqlite, q.fromRoundId);
  const to = getRound(sqlite, q.toRoundId);
  if (!from || !to) throw new DbError('NOT_FOUND', '選んだ評価回がありません (削除された可能性があります。画面を開き直してください)');
  if (from.id === to.id) throw new DbError('INVALID', '同じ評価回どうしは比べられません。2つの異なる評価回を選んでください');
  if (!rankComparer(from, to)) {
    throw new DbError('INVALID', `${from.label} (ランク基準「${from.scaleName}」) と ${to.label} (「${to.scaleName}」) はランクの値が対応しないため、上昇・下降を比べられません`);
  }
  // The later scale's order decides up and down (rank-order.ts); a value it lacks counts as unchanged.
  return { from, to, order: new Map(to.ranks.map((r) => [r.value, r.sortOrder])) };
}

function movementOf(sqlite: Database.Database, r: Rounds, moves: MoveCount[]): MovementByOrganization {
  const byOrg = new Map<number, Record<MovementKind, number>>();
  for (const m of moves) {
    let row = byOrg.get(m.organizationId);
    if (!row) byOrg.set(m.organizationId, (row = { up: 0, down: 0, same: 0, ranked: 0, unranked: 0 }));
    row.up += m.up;
    row.down += m.down;
    row.same += m.both - m.up - m.down;
    row.ranked += m.ranked;
    row.unranked += m.unranked;
  }
  // 局区 with an issue ranked in either round.
  const rows = organizationsInOrder(sqlite).flatMap((o) => {
    const c = byOrg.get(o.id);
    return c && c.up + c.down + c.same + c.ranked + c.unranked > 0 ? [{ organizationId: o.id, organization: o.name, counts: c }] : [];
  });
  return { from: { id: r.from.id, label: r.from.label }, to: { id: r.to.id, label: r.to.label }, rows };
}

export function movementByOrganization(sqlite: Database.Database, q: MovementQuery): MovementByOrganization {
  const rounds = movementRounds(sqlite, q);
  const filter: IssueFilter = { roundId: rounds.to.id, ...(q.levels?.length && { levels: q.levels }) };
  const scan = cached(sqlite, `chart-move|${JSON.stringify(q)}`, () => scanCounts(sqlite, filter, { fromRoundId: rounds.from.id, order: rounds.order }));
  // The same scan counted the later round's ranks: the grid's summary of that round needs no other.
  keepGroupCounts(sqlite, filter, scan.groups);
  return movementOf(sqlite, rounds, scan.moves!);
}

export interface ChartView {
  distribution: RankDistribution;
  /** null: no pair of rounds asked; `problem`: the pair cannot be compared (said in place). */
  movement: MovementByOrganization | { problem: string } | null;
}

const sameLevels = (a: Level[] | undefined, b: Level[] | undefined) => [...(a ?? [])].sort().join() === [...(b ?? [])].sort().join();

/**
 * Everything the chart view shows, in one request: the bars of the grid's filter and the movement
 * of a pair of rounds. When the movement ends at the grid's round and the grid filters by level
 * at most (the full set), both come from one scan; otherwise the bars reuse the grid's summary
 * scan and the movement makes its own.
 */
export function chartView(sqlite: Database.Database, q: { filter: IssueFilter; movement: MovementQuery | null }): ChartView {
  const { filter } = q;
  const round = getRound(sqlite, filter.roundId);
  if (!round) throw new DbError('NOT_FOUND', '選んだ評価回がありません (削除された可能性があります。画面を開き直してください)');
  let rounds: Rounds | null = null;
  let problem: string | null = null;
  if (q.movement) {
    try {
      rounds = movementRounds(sqlite, q.movement);
    } catch (e) {
      if (!(e instanceof DbError)) throw e;
      problem = e.message;
    }
  }
  const levelsOnly = !filter.organizationIds?.length && !filter.ranks?.length && !filter.text?.trim() && !filter.carried;
  if (rounds && q.movement && rounds.to.id === filter.roundId && levelsOnly && sameLevels(filter.levels, q.movement.levels)) {
    const m = q.movement;
    const scan = cached(sqlite, `chart-move|${JSON.stringify(m)}`, () => scanCounts(sqlite, filter, { fromRoundId: rounds.from.id, order: rounds.order }));
    keepGroupCounts(sqlite, filter, scan.groups);
    return { distribution: distributionOf(sqlite, round, scan.groups), movement: movementOf(sqlite, rounds, scan.moves!) };
  }
  const distribution = distributionOf(sqlite, round, groupCounts(sqlite, filter));
  if (problem !== null) return { distribution, movement: { problem } };
  return { distribution, movement: q.movement ? movementByOrganization(sqlite, q.movement) : null };
}
