// Confirming carried-over ranks (繰越) in bulk, and undoing that. The recorded change of a bulk
// confirmation keeps which rows it changed and what they said before (as id ranges grouped by
// previous 更新者/更新日時), so the undo can put exactly those rows back — and only those nobody
// has changed since.
import type Database from 'better-sqlite3';
import { carriedGroups, checkUndoable, type ConfirmAfter, type ConfirmBefore } from '../queries/confirm-carried.js';
import type { IssueFilter } from '../queries/issues.js';
import { assertRoundWritable } from '../queries/round-guard.js';
import { nowIso } from '../time.js';
import { recordChange, writeTransaction } from './change.js';

export interface ConfirmResult {
  confirmed: number;
  auditId: number | null;
}

export interface UndoBulkResult {
  restored: number;
  /** Rows changed after the bulk change; left as they are. */
  skipped: number;
  auditId: number;
}

/** Confirms every carried rank of the round within `filter` (the grid's filter, or the whole round). */
export function confirmCarried(sqlite: Database.Database, filter: IssueFilter, actor: string): ConfirmResult {
  return writeTransaction(sqlite, (): ConfirmResult => {
    const round = assertRoundWritable(sqlite, filter.roundId);
    const { count, groups } = carriedGroups(sqlite, filter);
    if (count === 0) return { confirmed: 0, auditId: null };
    const at = nowIso();
    const confirm = sqlite.prepare(
      'UPDATE evaluations SET carried = 0, updated_by = ?, updated_at = ? WHERE round_id = ? AND carried = 1 AND id BETWEEN ? AND ?',
    );
    let confirmed = 0;
    for (const g of groups) for (const [a, b] of g.ids) confirmed += confirm.run(actor, at, round.id, a, b).changes;
    const before: ConfirmBefore = { carried: count, groups };
    const after: ConfirmAfter = { confirmed, updatedBy: actor, updatedAt: at };
    const auditId = recordChange(sqlite, {
      actor,
      action: 'evaluation.confirmAll',
      entity: 'round',
      entityId: round.id,
      roundId: round.id,
      before,
      after,
    });
    return { confirmed, auditId };
  });
}

/**
 * Puts the rows of a bulk confirmation back to 繰越, with their earlier 更新者/更新日時. Rows
 * changed since the confirmation are left alone and counted as skipped.
 */
export function undoConfirmCarried(sqlite: Database.Database, auditId: number, actor: string): UndoBulkResult {
  return writeTransaction(sqlite, (): UndoBulkResult => {
    const entry = checkUndoable(sqlite, auditId);
    const before = entry.before as ConfirmBefore;
    const after = entry.after as ConfirmAfter;
    const restore = sqlite.prepare(
      `UPDATE evaluations SET carried = 1, updated_by = ?, updated_at = ?
       WHERE round_id = ? AND carried = 0 AND updated_by = ? AND updated_at = ? AND id BETWEEN ? AND ?`,
    );
    let restored = 0;
    for (const g of before.groups) {
      for (const [a, b] of g.ids) restored += restore.run(g.updatedBy, g.updatedAt, entry.roundId, after.updatedBy, after.updatedAt, a, b).changes;
    }
    const skipped = after.confirmed - restored;
    const id = recordChange(sqlite, {
      actor,
      action: 'undo',
      entity: 'round',
      entityId: entry.roundId,
      roundId: entry.roundId,
      before: { carried: 0 },
      after: { carried: restored, skipped },
      revertsId: auditId,
    });
    return { restored, skipped, auditId: id };
  });
}
