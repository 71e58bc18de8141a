// Bulk changes to a round's ranks take a verified backup first (the database is the city's record;
// a bulk change going wrong must be recoverable from a copy, not only by undo). The backup is
// async, the change itself one synchronous transaction that checks everything again. What would
// refuse the change is checked before the backup too, so a refusal is immediate (a copy of a
// large database takes seconds), and nothing is copied when there is nothing to change.
import type { Db } from '../../../db/open.js';
import { checkUndoable } from '../../../db/queries/confirm-carried.js';
import { confirmCarried, undoConfirmCarried, type ConfirmResult, type UndoBulkResult } from '../../../db/write/confirm-carried.js';
import { DbError } from '../../../db/errors.js';
import { getAudit } from '../../../db/queries/audit.js';
import type { IssueFilter } from '../../../db/queries/issues.js';
import { carriedCount, checkDeletable, checkNewRound, type NewRoundInput } from '../../../db/queries/round-admin.js';
import { createRound, deleteRound, type DeleteResult } from '../../../db/write/rounds.js';
import { assertRoundWritable } from '../../../db/queries/round-guard.js';
import { getRound, type Round } from '../../../db/queries/rounds.js';
import { takeBackup } from '../backups/take-backup.js';

export async function createRoundSafely(db: Db, input: NewRoundInput, actor: string): Promise<{ round: Round; carried: number }> {
  if (checkNewRound(db.sqlite, input).source) await takeBackup(db, 'bulk');
  return createRound(db.sqlite, input, actor);
}

export async function confirmCarriedSafely(db: Db, filter: IssueFilter, actor: string): Promise<ConfirmResult> {
  assertRoundWritable(db.sqlite, filter.roundId);
  if (carriedCount(db.sqlite, filter.roundId) > 0) await takeBackup(db, 'bulk');
  return confirmCarried(db.sqlite, filter, actor);
}

export async function deleteRoundSafely(db: Db, roundId: number, actor: string): Promise<DeleteResult> {
  checkDeletable(db.sqlite, roundId);
  if (carriedCount(db.sqlite, roundId) > 0) await takeBackup(db, 'bulk');
  return deleteRound(db.sqlite, roundId, actor);
}

export interface UndoBulkOutcome {
  /** What was undone, in Japanese, for the status line. */
  message: string;
  auditId: number;
}

/**
 * Undoes a bulk change named by its audit entry: a bulk confirmation (back to 繰越) or the
 * creation of a round (the round goes, if nobody has worked in it yet). The undo is audited
 * with reverts_id pointing at the entry.
 */
export async function undoBulk(db: Db, auditId: number, actor: string): Promise<UndoBulkOutcome> {
  const entry = getAudit(db.sqlite, auditId);
  if (entry?.action === 'evaluation.confirmAll') {
    checkUndoable(db.sqlite, auditId);
    await takeBackup(db, 'bulk');
    const r: UndoBulkResult = undoConfirmCarried(db.sqlite, auditId, actor);
    const skipped = r.skipped > 0 ? ` (その後に変更された ${r.skipped} 件はそのままです)` : '';
    return { message: `一括確定を取り消し、${r.restored} 件を繰越に戻しました${skipped}`, auditId: r.auditId };
  }
  if (entry?.action === 'round.create' && entry.roundId !== null) {
    if (!getRound(db.sqlite, entry.roundId)) {
      throw new DbError('CONFLICT', 'この評価回はすでに削除されています');
    }
    checkDeletable(db.sqlite, entry.roundId);
    await takeBackup(db, 'bulk');
    const r = deleteRound(db.sqlite, entry.roundId, actor, auditId);
    return { message: `評価回 ${r.label} の作成を取り消しました (繰越 ${r.discarded} 件も削除)`, auditId: r.auditId };
  }
  throw new DbError('NOT_FOUND', `取り消せる一括変更 (履歴 id ${auditId}) がありません (取り消せるのは繰越の一括確定と評価回の作成です)`);
}
