// One issue's rank in every round, oldest first, with the move against the round before: the
// side panel's ランクの推移.
import type Database from 'better-sqlite3';
import { rankComparer, type Direction } from './rank-order.js';
import { listRounds } from './rounds.js';

export interface RankHistoryEntry {
  roundId: number;
  label: string;
  title: string;
  asOf: string;
  locked: boolean;
  rank: string | null;
  /** The rank's label in that round's scale (ランク3, 完了 …). */
  rankLabel: string | null;
  carried: boolean;
  comment: string;
  updatedBy: string | null;
  updatedAt: string | null;
  /** Against the previous round; null for the first round, when either is unranked or the scales differ. */
  change: Direction | null;
}

export function rankHistory(sqlite: Database.Database, issueId: number): RankHistoryEntry[] {
  const rounds = listRounds(sqlite).reverse();
  const rows = sqlite
    .prepare(
      `SELECT round_id AS roundId, rank, comment, carried, updated_by AS updatedBy, updated_at AS updatedAt
       FROM evaluations WHERE issue_id = ?`,
    )
    .all(issueId) as { roundId: number; rank: string | null; comment: string; carried: number; updatedBy: string; updatedAt: string }[];
  const byRound = new Map(rows.map((r) => [r.roundId, r]));
  return rounds.map((round, i) => {
    const e = byRound.get(round.id);
    const rank = e?.rank ?? null;
    const prevRound = rounds[i - 1];
    const prevRank = prevRound ? (byRound.get(prevRound.id)?.rank ?? null) : null;
    const compare = prevRound ? rankComparer(prevRound, round) : null;
    return {
      roundId: round.id,
      label: round.label,
      title: round.title,
      asOf: round.asOf,
      locked: round.lockedAt !== null,
      rank,
      rankLabel: round.ranks.find((r) => r.value === rank)?.label ?? null,
      carried: e?.carried === 1,
      comment: e?.comment ?? '',
      updatedBy: e?.updatedBy ?? null,
      updatedAt: e?.updatedAt ?? null,
      change: compare && rank !== null && prevRank !== null ? compare(prevRank, rank) : null,
    };
  });
}
