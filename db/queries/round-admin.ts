// 評価回 administration: create (blank or carrying the previous round's ranks over), edit, delete
// while empty, lock once published and unlock with a reason. Every operation is one transaction
// with its audit entry. Taking a backup before the bulk ones is the caller's job (it is async;
// see electron/services/rounds/bulk.ts).
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { nowIso } from '../time.js';
import { appendAudit } from './audit.js';
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

const fieldsOf = (r: Round) => ({ label: r.label, title: r.title, asOf: r.asOf, meetingDate: r.meetingDate, scaleId: r.scaleId, scale: r.scaleName });

function mustGet(sqlite: Database.Database, roundId: number): Round {
  const round = getRound(sqlite, roundId);
  if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${roundId}) がありません`);
  return round;
}

function mustBeUnlocked(round: Round, what: string): void {
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

/**
 * Creates a round. Carrying over copies every rank of the source round (not the 所見: they
 * explain the earlier decision) with one INSERT … SELECT, marked 繰越, in the same transaction.
 */
export function createRound(sqlite: Database.Database, input: NewRoundInput, actor: string): { round: Round; carried: number } {
  return sqlite.transaction(() => {
    const { fields: f, source } = checkNewRound(sqlite, input);
    const at = nowIso();
    const id = Number(
      sqlite
        .prepare('INSERT INTO rounds (label, title, as_of, meeting_date, scale_id) VALUES (?, ?, ?, ?, ?)')
        .run(f.label, f.title, f.asOf, f.meetingDate, f.scaleId).lastInsertRowid,
    );
    const carried = source
      ? sqlite
          .prepare(
            `INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, carried, updated_by, updated_at)
             SELECT issue_id, @id, rank, '', '', 1, @actor, @at FROM evaluations
             WHERE round_id = @source AND rank IS NOT NULL`,
          )
          .run({ id, actor, at, source: source.id }).changes
      : 0;
    const round = getRound(sqlite, id)!;
    appendAudit(sqlite, {
      actor,
      action: 'round.create',
      entity: 'round',
      entityId: id,
      roundId: id,
      after: { ...fieldsOf(round), carriedFrom: source?.label ?? null, carried },
    });
    return { round, carried };
  }).immediate();
}

/** Edits label, title, dates or scale of an unlocked round. */
export function updateRound(sqlite: Database.Database, roundId: number, input: RoundFields, actor: string): Round {
  return sqlite.transaction(() => {
    const round = mustGet(sqlite, roundId);
    mustBeUnlocked(round, '変更');
    const f = checkRoundFields(sqlite, input, roundId);
    if (f.scaleId !== round.scaleId) {
      const missing = valuesMissingFromScale(sqlite, roundId, f.scaleId);
      if (missing.length) {
        throw new DbError('INVALID', `評価回 ${round.label} で使われているランク ${describeMissing(missing)} が選んだランク基準にないため、ランク基準を変えられません`);
      }
    }
    const before = fieldsOf(round);
    sqlite
      .prepare('UPDATE rounds SET label = ?, title = ?, as_of = ?, meeting_date = ?, scale_id = ? WHERE id = ?')
      .run(f.label, f.title, f.asOf, f.meetingDate, f.scaleId, roundId);
    const updated = getRound(sqlite, roundId)!;
    const after = fieldsOf(updated);
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
    if (changed.length) {
      appendAudit(sqlite, {
        actor,
        action: 'round.update',
        entity: 'round',
        entityId: roundId,
        roundId,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      });
    }
    return updated;
  }).immediate();
}

export interface DeleteResult {
  label: string;
  /** Unconfirmed carried ranks that went with the round. */
  discarded: number;
  auditId: number;
}

/**
 * Deletes a round that holds no one's work: no confirmed rank and no 所見 (unconfirmed 繰越 ranks
 * are a copy of the previous round and go with it). `revertsId`: the round.create entry when
 * this undoes a creation.
 */
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

export function deleteRound(sqlite: Database.Database, roundId: number, actor: string, revertsId: number | null = null): DeleteResult {
  return sqlite.transaction(() => {
    const round = checkDeletable(sqlite, roundId);
    const discarded = carriedCount(sqlite, roundId);
    sqlite.prepare('DELETE FROM evaluations WHERE round_id = ?').run(roundId);
    sqlite.prepare('DELETE FROM rounds WHERE id = ?').run(roundId);
    const auditId = appendAudit(sqlite, {
      actor,
      action: revertsId === null ? 'round.delete' : 'undo',
      entity: 'round',
      entityId: roundId,
      roundId,
      before: { ...fieldsOf(round), carried: discarded },
      after: null,
      revertsId,
    });
    return { label: round.label, discarded, auditId };
  }).immediate();
}

/** Locks a published round. Unconfirmed 繰越 ranks must be confirmed first. */
export function lockRound(sqlite: Database.Database, roundId: number, actor: string): Round {
  return sqlite.transaction(() => {
    const round = mustGet(sqlite, roundId);
    if (round.lockedAt) throw new DbError('CONFLICT', `評価回 ${round.label} はすでにロックされています`);
    const carried = carriedCount(sqlite, roundId);
    if (carried > 0) {
      throw new DbError('CONFLICT', `評価回 ${round.label} には確認されていない繰越のランクが ${carried} 件あります。確定してからロックしてください`);
    }
    const at = nowIso();
    sqlite.prepare('UPDATE rounds SET locked_at = ?, locked_by = ? WHERE id = ?').run(at, actor, roundId);
    appendAudit(sqlite, {
      actor,
      action: 'round.lock',
      entity: 'round',
      entityId: roundId,
      roundId,
      before: { lockedAt: null },
      after: { lockedAt: at },
    });
    return getRound(sqlite, roundId)!;
  }).immediate();
}

/** Unlocks a round; the reason is mandatory and goes into the audit log. */
export function unlockRound(sqlite: Database.Database, roundId: number, reason: string, actor: string): Round {
  const why = reason.trim();
  if (!why) throw new DbError('INVALID', 'ロックを解除する理由を入力してください (監査ログに記録されます)');
  return sqlite.transaction(() => {
    const round = mustGet(sqlite, roundId);
    if (!round.lockedAt) throw new DbError('CONFLICT', `評価回 ${round.label} はロックされていません`);
    sqlite.prepare('UPDATE rounds SET locked_at = NULL, locked_by = NULL WHERE id = ?').run(roundId);
    appendAudit(sqlite, {
      actor,
      action: 'round.unlock',
      entity: 'round',
      entityId: roundId,
      roundId,
      before: { lockedAt: round.lockedAt, lockedBy: round.lockedBy },
      after: { lockedAt: null, reason: why },
    });
    return getRound(sqlite, roundId)!;
  }).immediate();
}
