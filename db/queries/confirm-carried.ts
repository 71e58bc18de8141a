// Confirming carried-over ranks (繰越) in bulk, and undoing that — the reading side; the writes are
// in db/write/confirm-carried.ts. The audit entry of a bulk confirmation keeps which rows it
// changed and what they said before (as id ranges grouped by previous 更新者/更新日時: rows carried
// over together have consecutive ids, so 100,000 rows are typically one range), so the undo can
// put exactly those rows back — and only those nobody has changed since.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { getAudit, type AuditRow } from './audit.js';
import { buildWhere, type IssueFilter } from './issues.js';
import { assertRoundWritable } from './round-guard.js';

export type Range = [number, number];

export interface Group {
  updatedBy: string;
  updatedAt: string;
  ids: Range[];
}

export interface ConfirmBefore {
  carried: number;
  groups: Group[];
}

export interface ConfirmAfter {
  confirmed: number;
  updatedBy: string;
  updatedAt: string;
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
export function carriedGroups(sqlite: Database.Database, filter: IssueFilter): { count: number; groups: Group[] } {
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

/** The entry that undid `auditId`, if any. */
export function undoneBy(sqlite: Database.Database, auditId: number): number | undefined {
  return sqlite.prepare('SELECT id FROM audit_log WHERE reverts_id = ? LIMIT 1').pluck().get(auditId) as number | undefined;
}

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

