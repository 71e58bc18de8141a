// Issues whose rank moved between two rounds (上昇 / 下降), those newly ranked and those no longer
// ranked, with counts: the secretariat's "what changed since last time" list.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { issueKey, type Level } from './issues.js';
import { rankComparer } from './rank-order.js';
import { getRound, type Round } from './rounds.js';

export type Movement = 'up' | 'down' | 'ranked' | 'unranked';

export interface MoverRow {
  issueId: number;
  key: string;
  organization: string;
  /** 局区 display order, for sorting like the document. */
  organizationOrder: number;
  level: Level;
  number: number;
  title: string;
  fromRank: string | null;
  toRank: string | null;
  fromLabel: string | null;
  toLabel: string | null;
  movement: Movement;
  /** Ranks moved (+2: two up); 0 for newly ranked / no longer ranked. */
  steps: number;
}

export interface MoversQuery {
  fromRoundId: number;
  toRoundId: number;
  organizationIds?: number[];
  levels?: Level[];
}

export interface Movers {
  from: { id: number; label: string };
  to: { id: number; label: string };
  counts: Record<Movement | 'same', number>;
  /** Moved, newly ranked and no longer ranked issues, in the document's order (first `limit`). */
  rows: MoverRow[];
  truncated: boolean;
}

export const MOVERS_LIMIT = 5000;

function mustGet(sqlite: Database.Database, id: number, side: string): Round {
  const r = getRound(sqlite, id);
  if (!r) throw new DbError('NOT_FOUND', `${side}の評価回 (id ${id}) がありません`);
  return r;
}

export function rankMovers(sqlite: Database.Database, q: MoversQuery, limit = MOVERS_LIMIT): Movers {
  const from = mustGet(sqlite, q.fromRoundId, '比較元');
  const to = mustGet(sqlite, q.toRoundId, '比較先');
  if (from.id === to.id) throw new DbError('INVALID', '同じ評価回どうしは比べられません。2つの異なる評価回を選んでください');
  const compare = rankComparer(from, to);
  if (!compare) {
    throw new DbError(
      'INVALID',
      `${from.label} (ランク基準「${from.scaleName}」) と ${to.label} (「${to.scaleName}」) はランクの値が対応しないため、上昇・下降を比べられません`,
    );
  }
  const position = new Map([...to.ranks].sort((a, b) => a.sortOrder - b.sortOrder).map((r, i) => [r.value, i]));
  const params: Record<string, unknown> = { from: from.id, to: to.id };
  const conditions = ['(ef.rank IS NOT NULL OR et.rank IS NOT NULL)'];
  if (q.organizationIds?.length) {
    conditions.push('i.organization_id IN (SELECT value FROM json_each(@orgs))');
    params.orgs = JSON.stringify(q.organizationIds);
  }
  if (q.levels?.length) {
    conditions.push('i.level IN (SELECT value FROM json_each(@levels))');
    params.levels = JSON.stringify(q.levels);
  }
  const rows = sqlite
    .prepare(
      `SELECT i.id AS issueId, o.short_name AS organization, o.display_order AS organizationOrder, i.level, i.number, i.title,
              ef.rank AS fromRank, et.rank AS toRank
       FROM issues i JOIN organizations o ON o.id = i.organization_id
       LEFT JOIN evaluations ef ON ef.issue_id = i.id AND ef.round_id = @from
       LEFT JOIN evaluations et ON et.issue_id = i.id AND et.round_id = @to
       WHERE ${conditions.join(' AND ')}
       ORDER BY o.display_order, o.id, i.level, i.number`,
    )
    .all(params) as Omit<MoverRow, 'key' | 'fromLabel' | 'toLabel' | 'movement' | 'steps'>[];
  const counts: Movers['counts'] = { up: 0, down: 0, same: 0, ranked: 0, unranked: 0 };
  const out: MoverRow[] = [];
  const fromLabel = new Map(from.ranks.map((r) => [r.value, r.label]));
  const toLabel = new Map(to.ranks.map((r) => [r.value, r.label]));
  for (const r of rows) {
    let movement: Movement | 'same';
    let steps = 0;
    if (r.fromRank === null) movement = 'ranked';
    else if (r.toRank === null) movement = 'unranked';
    else {
      movement = compare(r.fromRank, r.toRank) ?? 'same';
      steps = (position.get(r.toRank) ?? 0) - (position.get(r.fromRank) ?? 0);
    }
    counts[movement] += 1;
    if (movement === 'same' || out.length >= limit) continue;
    out.push({
      ...r,
      key: issueKey(r.organization, r.level, r.number),
      fromLabel: r.fromRank === null ? null : (fromLabel.get(r.fromRank) ?? r.fromRank),
      toLabel: r.toRank === null ? null : (toLabel.get(r.toRank) ?? r.toRank),
      movement,
      steps,
    });
  }
  const listed = counts.up + counts.down + counts.ranked + counts.unranked;
  return { from: { id: from.id, label: from.label }, to: { id: to.id, label: to.label }, counts, rows: out, truncated: listed > out.length };
}
