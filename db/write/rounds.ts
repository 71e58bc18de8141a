// 評価回 administration: create (blank or carrying the previous round's ranks over), edit, delete
// while empty, lock once published and unlock with a reason. Every operation is one transaction
// with its recorded change. Taking a backup before the bulk ones is the caller's job (it is
// async; see electron/services/rounds/bulk.ts).
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { carriedCount, checkDeletable, checkNewRound, fieldsOf, mustBeUnlocked, mustGet, type NewRoundInput } from '../queries/round-admin.js';
import { checkRoundFields, describeMissing, valuesMissingFromScale, type RoundFields } from '../queries/round-fields.js';
import { getRound, type NewRound, type Round } from '../queries/rounds.js';
import { nowIso } from '../time.js';
import { readSyncState } from '../queries/sync.js';
import { recordChange, writeTransaction } from './change.js';
import { emitEvaluationRecords } from './sync-records.js';
import { randomUUID } from 'node:crypto';

/** A round as the sample (or a benchmark) seeds it into a new database. */
export function insertRound(sqlite: Database.Database, round: NewRound): number {
  return Number(
    sqlite
      .prepare('INSERT INTO rounds (label, title, as_of, meeting_date, scale_id) VALUES (?, ?, ?, ?, ?)')
      .run(round.label, round.title, round.asOf, round.meetingDate ?? null, round.scaleId).lastInsertRowid,
  );
}

/**
 * Creates a round. Carrying over copies every rank of the source round (not the 所見: they
 * explain the earlier decision) with one INSERT … SELECT, marked 繰越, in the same transaction.
 */
export function createRound(sqlite: Database.Database, input: NewRoundInput, actor: string): { round: Round; carried: number } {
  return writeTransaction(sqlite, () => {
    const { fields: f, source } = checkNewRound(sqlite, input);
    const at = nowIso();
    const id = insertRound(sqlite, f);
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
    recordChange(sqlite, {
      actor,
      action: 'round.create',
      entity: 'round',
      entityId: id,
      roundId: id,
      after: { ...fieldsOf(round), carriedFrom: source?.label ?? null, carried },
    });
    if (carried > 0 && readSyncState(sqlite, 'actorId')) {
      // Team sync: the carried ranks travel as records of their own batch, after the round's creation.
      const batch = randomUUID();
      const rows = sqlite.prepare('SELECT issue_id AS issueId, rank FROM evaluations WHERE round_id = ? AND carried = 1 ORDER BY issue_id').all(id) as {
        issueId: number;
        rank: string;
      }[];
      for (const r of rows) {
        emitEvaluationRecords(sqlite, { issueId: r.issueId, roundId: id, before: null, after: { rank: r.rank, carried: true }, actor, action: 'round.create', batch });
      }
    }
    return { round, carried };
  });
}

/** Edits label, title, dates or scale of an unlocked round. */
export function updateRound(sqlite: Database.Database, roundId: number, input: RoundFields, actor: string): Round {
  return writeTransaction(sqlite, () => {
    const round = mustGet(sqlite, roundId);
    mustBeUnlocked(round, '変更');
    const f = checkRoundFields(sqlite, input, roundId);
    // Team sync names a round by its label on every PC: a shared round keeps its label.
    if (f.label !== round.label && readSyncState(sqlite, 'actorId')) {
      throw new DbError('INVALID', `共有中のデータでは評価回のラベル (${round.label}) を変更できません。新しい評価回を作成してください`);
    }
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
      recordChange(sqlite, {
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
  });
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
export function deleteRound(sqlite: Database.Database, roundId: number, actor: string, revertsId: number | null = null): DeleteResult {
  return writeTransaction(sqlite, () => {
    const round = checkDeletable(sqlite, roundId);
    const discarded = carriedCount(sqlite, roundId);
    sqlite.prepare('DELETE FROM evaluations WHERE round_id = ?').run(roundId);
    sqlite.prepare('DELETE FROM rounds WHERE id = ?').run(roundId);
    const auditId = recordChange(sqlite, {
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
  });
}

/** Locks a published round. Unconfirmed 繰越 ranks must be confirmed first. */
export function lockRound(sqlite: Database.Database, roundId: number, actor: string): Round {
  return writeTransaction(sqlite, () => {
    const round = mustGet(sqlite, roundId);
    if (round.lockedAt) throw new DbError('CONFLICT', `評価回 ${round.label} はすでにロックされています`);
    const carried = carriedCount(sqlite, roundId);
    if (carried > 0) {
      throw new DbError('CONFLICT', `評価回 ${round.label} には確認されていない繰越のランクが ${carried} 件あります。確定してからロックしてください`);
    }
    const at = nowIso();
    sqlite.prepare('UPDATE rounds SET locked_at = ?, locked_by = ? WHERE id = ?').run(at, actor, roundId);
    recordChange(sqlite, {
      actor,
      action: 'round.lock',
      entity: 'round',
      entityId: roundId,
      roundId,
      before: { lockedAt: null },
      after: { lockedAt: at },
    });
    return getRound(sqlite, roundId)!;
  });
}

/** Unlocks a round; the reason is mandatory and goes into the audit log. */
export function unlockRound(sqlite: Database.Database, roundId: number, reason: string, actor: string): Round {
  const why = reason.trim();
  if (!why) throw new DbError('INVALID', 'ロックを解除する理由を入力してください (監査ログに記録されます)');
  return writeTransaction(sqlite, () => {
    const round = mustGet(sqlite, roundId);
    if (!round.lockedAt) throw new DbError('CONFLICT', `評価回 ${round.label} はロックされていません`);
    sqlite.prepare('UPDATE rounds SET locked_at = NULL, locked_by = NULL WHERE id = ?').run(roundId);
    recordChange(sqlite, {
      actor,
      action: 'round.unlock',
      entity: 'round',
      entityId: roundId,
      roundId,
      before: { lockedAt: round.lockedAt, lockedBy: round.lockedBy },
      after: { lockedAt: null, reason: why },
    });
    return getRound(sqlite, roundId)!;
  });
}
