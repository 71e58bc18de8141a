// A second round for the UI tests that need two (ランク変動, 増減, the movement chart): R7.5 carries
// R6.11's ranks over, confirmed, then the first A issues of 会計 and of the second 局区 move.
import { createRound } from '../../db/write/rounds';
import { confirmCarried } from '../../db/write/confirm-carried';
import { setRank } from '../../db/write/evaluations';
import type { Db } from '../../db/open';

export interface SecondRound {
  roundId: number;
  /** Issue ids whose rank went up (2 → 3) and down (to 1) in R7.5. */
  up: number[];
  down: number[];
}

export function addSecondRound(db: Db): SecondRound {
  const sqlite = db.sqlite;
  const first = sqlite.prepare('SELECT id, scale_id AS scaleId FROM rounds ORDER BY as_of DESC LIMIT 1').get() as { id: number; scaleId: number };
  const { round } = createRound(sqlite, { label: 'R7.5', title: '令和7年5月時点', asOf: '2025-05', meetingDate: '2025-06-20', scaleId: first.scaleId, carryFromRoundId: first.id }, 'テスト担当');
  confirmCarried(sqlite, { roundId: round.id }, 'テスト担当');
  const ranked = sqlite
    .prepare(
      `SELECT i.id, e.rank FROM issues i JOIN organizations o ON o.id = i.organization_id
       JOIN evaluations e ON e.issue_id = i.id AND e.round_id = ? ORDER BY o.display_order, i.number`,
    )
    .all(round.id) as { id: number; rank: string }[];
  const up = ranked.filter((r) => r.rank === '2').slice(0, 3).map((r) => r.id);
  const down = ranked.filter((r) => r.rank !== '1').slice(-2).map((r) => r.id);
  for (const issueId of up) setRank(sqlite, { issueId, roundId: round.id, actor: 'テスト担当', rank: '3' });
  for (const issueId of down) setRank(sqlite, { issueId, roundId: round.id, actor: 'テスト担当', rank: '1' });
  return { roundId: round.id, up, down };
}
