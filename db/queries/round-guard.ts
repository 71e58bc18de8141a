// The one check every write to a round's ranks and 所見 goes through: the round exists and is not
// locked. A locked (published) round is the city's record; nothing may change it until someone
// unlocks it with a reason, which the audit log keeps.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { getRound, type Round } from './rounds.js';

export function lockedMessage(round: Pick<Round, 'label'>): string {
  return `評価回 ${round.label} は公表済みでロックされています。ランクと所見は変更できません (「評価回」タブでロックを解除できます)`;
}

/** The round, or a Japanese error when it does not exist or is locked. */
export function assertRoundWritable(sqlite: Database.Database, roundId: number): Round {
  const round = getRound(sqlite, roundId);
  if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${roundId}) がありません`);
  if (round.lockedAt) throw new DbError('LOCKED', lockedMessage(round));
  return round;
}
