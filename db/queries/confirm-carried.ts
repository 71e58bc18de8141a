// Confirming carried-over ranks (繰越) in bulk, and undoing that. The audit entry of a bulk
// confirmation keeps which rows it changed and what they said before (as id ranges grouped by
// previous 更新者/更新日時: rows carried over together have consecutive ids, so 100,000 rows are
// typically one range), so the undo can put exactly those rows back — and only those nobody
// has changed since.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { nowIso } from '../time.js';
import { appendAudit, getAudit, type AuditRow } from './audit.js';
import { buildWhere, type IssueFilter } from './issues.js';
import { assertRoundWritable } from './round-guard.js';

type Range = [number, number];

interface Group {
  updatedBy: string;
  updatedAt: string;
  ids: Range[];
}

interface ConfirmBefore {
  carried: number;
  groups: Group[];
}

interface ConfirmAfter {
  confirmed: number;
  updatedBy: string;
  updatedAt: string;
}

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

/** Sorted ids → ranges of consecutive ids. */
export function toRanges(ids: readonly number[]): Range[] {
  const out: Range[] = [];
  for (const id of ids) {
    const last = out.at(-1);
    if (last && id === last[1] + 1) last[1] = id;
    else out.push([id, id]);
  }
  return out;
}

/** Carried rows of the filter, grouped by their current 更新者/更新日時, ids as ranges. */
function carriedGroups(sqlite: Database.Database, filter: IssueFilter): { count: number; groups: Group[] } {
  const where = buildWhere({ ...filter, carried: undefined });
  const subset = where.sql ? `AND e.issue_id IN (SELECT i.id FROM issues i ${where.sql})` : '';
  const rows = sqlite
    .prepare(
      `SELECT e.id, e.updated_by AS updatedBy, e.updated_at AS updatedAt FROM evaluations e
       WHERE e.round_id = @roundId AND e.carried = 1 ${subset} ORDER BY e.updated_by, e.updated_at, e.id`,
    )
    .raw()
    .all(where.params) as [number, string, string][];
  const groups: Group[] = [];
  let ids: number[] = [];
  rows.forEach(([id, by, at], i) => {
    ids.push(id);
    const next = rows[i + 1];
    if (!next || next[1] !== by || next[2] !== at) {
      groups.push({ updatedBy: by, updatedAt: at, ids: toRanges(ids) });
      ids = [];
    }
  });
  return { count: rows.length, groups };
}

/** Confirms every carried rank of the round within `filter` (the grid's filter, or the whole round). */
export function confirmCarried(sqlite: Database.Database, filter: IssueFilter, actor: string): ConfirmResult {
  return sqlite.transaction((): ConfirmResult => {
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
    const auditId = appendAudit(sqlite, {
      actor,
      action: 'evaluation.confirmAll',
      entity: 'round',
      entityId: round.id,
      roundId: round.id,
      before,
      after,
    });
    return { confirmed, auditId };
  }).immediate();
}

/** The entry that undid `auditId`, if any. */
export function undoneBy(sqlite: Database.Database, auditId: number): number | undefined {
  return sqlite.prepare('SELECT id FROM audit_log WHERE reverts_id = ? LIMIT 1').pluck().get(auditId) as number | undefined;
}

/**
 * Puts the rows of a bulk confirmation back to 繰越, with their earlier 更新者/更新日時. Rows
 * changed since the confirmation are left alone and counted as skipped.
 */
/** The bulk confirmation's audit entry, if it can be undone (run before the backup too). */
export function checkUndoable(sqlite: Database.Database, auditId: number): AuditRow & { roundId: number } {
  const entry = getAudit(sqlite, auditId);
  if (!entry || entry.action !== 'evaluation.confirmAll' || entry.roundId === null) {
    throw new DbError('NOT_FOUND', `取り消せる一括確定 (履歴 id ${auditId}) がありません`);
  }
  if (undoneBy(sqlite, auditId) !== undefined) throw new DbError('CONFLICT', `この一括確定 (履歴 id ${auditId}) はすでに取り消されています`);
  assertRoundWritable(sqlite, entry.roundId);
  return entry as AuditRow & { roundId: number };
}

export function undoConfirmCarried(sqlite: Database.Database, auditId: number, actor: string): UndoBulkResult {
  return sqlite.transaction((): UndoBulkResult => {
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
    const id = appendAudit(sqlite, {
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
  }).immediate();
}
