// 評価回 administration, the reading side: statistics per round and the checks the writes in
// db/write/rounds.ts run (also run before the backup a bulk operation takes).
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { checkRoundFields, describeMissing, valuesMissingFromScale, type RoundFields } from './round-fields.js';
import { getRound, type Round } from './rounds.js';

export interface NewRoundInput extends RoundFields {
  /** Carry this round's ranks over (marked 繰越 until confirmed); null/absent: start blank. */
  carryFromRoundId?: number | null;
}

export interface RoundStats {
  roundId: number;
  /** Evaluations with a rank (carried ones included). */
  ranked: number;
  /** Ranks carried over and not confirmed yet. */
  carried: number;
  /** Evaluations with a 所見. */
  comments: number;
}

export const fieldsOf = (r: Round) => ({ label: r.label, title: r.title, asOf: r.asOf, meetingDate: r.meetingDate, scaleId: r.scaleId, scale: r.scaleName });

export function mustGet(sqlite: Database.Database, roundId: number): Round {
  const round = getRound(sqlite, roundId);
  if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${roundId}) がありません`);
  return round;
}

export function mustBeUnlocked(round: Round, what: string): void {
  if (round.lockedAt) throw new DbError('LOCKED', `評価回 ${round.label} はロックされているため${what}できません。先にロックを解除してください`);
}

export function roundStats(sqlite: Database.Database): RoundStats[] {
  return sqlite
    .prepare(
      `SELECT r.id AS roundId,
              (SELECT count(*) FROM evaluations e WHERE e.round_id = r.id AND e.rank IS NOT NULL) AS ranked,
              (SELECT count(*) FROM evaluations e WHERE e.round_id = r.id AND e.carried = 1) AS carried,
              (SELECT count(*) FROM evaluations e WHERE e.round_id = r.id AND e.comment <> '') AS comments
       FROM rounds r ORDER BY r.as_of DESC, r.id DESC`,
    )
    .all() as RoundStats[];
}

/** Unconfirmed carried ranks of a round (served by the partial index). */
export function carriedCount(sqlite: Database.Database, roundId: number): number {
  return sqlite.prepare('SELECT count(*) FROM evaluations WHERE round_id = ? AND carried = 1').pluck().get(roundId) as number;
}

/** What createRound checks before writing (also run before the backup a carry-over takes). */
export function checkNewRound(sqlite: Database.Database, input: NewRoundInput): { fields: RoundFields; source: Round | null } {
  const fields = checkRoundFields(sqlite, { ...input, meetingDate: input.meetingDate ?? null }, null);
  const source = input.carryFromRoundId ? mustGet(sqlite, input.carryFromRoundId) : null;
  if (source) {
    const missing = valuesMissingFromScale(sqlite, source.id, fields.scaleId);
    if (missing.length) {
      throw new DbError(
        'INVALID',
        `繰越元 ${source.label} のランク ${describeMissing(missing)} は選んだランク基準にありません。同じランク基準を選ぶか、空の評価回として作成してください`,
      );
    }
  }
  return { fields, source };
}

/** The round, if it may be deleted; else a Japanese error saying why (run before the backup too). */
export function checkDeletable(sqlite: Database.Database, roundId: number): Round {
  const round = mustGet(sqlite, roundId);
  mustBeUnlocked(round, '削除');
  const work = sqlite
    .prepare(`SELECT count(*) FROM evaluations WHERE round_id = ? AND ((rank IS NOT NULL AND carried = 0) OR comment <> '')`)
    .pluck()
    .get(roundId) as number;
  if (work > 0) {
    throw new DbError('CONFLICT', `評価回 ${round.label} には確定したランクまたは所見が ${work} 件あるため削除できません。削除できるのは空の評価回 (繰越のみを含む) だけです`);
  }
  const imports = sqlite.prepare('SELECT count(*) FROM imports WHERE round_id = ?').pluck().get(roundId) as number;
  if (imports > 0) throw new DbError('CONFLICT', `評価回 ${round.label} には取込の記録が ${imports} 件あるため削除できません`);
  return round;
}

