// Ranks and 所見 of many issues at once (a paste from Excel, or one rank for the selected rows):
// one transaction, one audit entry that lists every row it changed with its value before, so one
// undo puts them all back. The entry's items are also what the undo writes back, so redo is the
// undo of the undo, as for single changes (evaluations.ts).
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { jaSortKey } from '../sort-key.js';
import { nowIso } from '../time.js';
import { indexComment } from '../search-index.js';
import { getAudit } from '../queries/audit.js';
import { assertRoundWritable } from '../queries/round-guard.js';
import { recordChange, writeTransaction } from './change.js';

export type BulkField = 'rank' | 'comment';

/** One row of a bulk change: the value to write for `field`. */
export interface BulkItem {
  issueId: number;
  value: string | null;
}

export interface BulkChange {
  roundId: number;
  field: BulkField;
  items: BulkItem[];
  actor: string;
}

/** How an audit entry of a bulk change stores each row: [issueId, rank or 所見, carried]. */
type StoredItem = [number, string | null, boolean];

interface BulkSide {
  field: BulkField;
  count: number;
  items: StoredItem[];
}

export interface BulkResult {
  auditId: number | null;
  /** Rows whose value changed. */
  changed: number;
  /** Rows that already had the value (or, for an undo, were changed by someone since: see skipped). */
  unchanged: number;
  /** Undo only: rows changed after the bulk change, left as they are. */
  skipped: number;
}

export const BULK_ACTION = 'evaluation.bulk';
export const BULK_ENTITY = 'evaluations';

interface Current {
  rank: string | null;
  comment: string;
  carried: boolean;
  /** The issue has an evaluation row in the round. */
  exists: boolean;
}

function readCurrent(sqlite: Database.Database, roundId: number, ids: number[]): Map<number, Current> {
  const rows = sqlite
    .prepare(
      `SELECT j.value AS id, e.rank, coalesce(e.comment, '') AS comment, coalesce(e.carried, 0) AS carried, i.id AS known, e.id AS evaluationId
       FROM json_each(@ids) j
       LEFT JOIN issues i ON i.id = j.value
       LEFT JOIN evaluations e ON e.issue_id = j.value AND e.round_id = @roundId`,
    )
    .all({ ids: JSON.stringify(ids), roundId }) as { id: number; rank: string | null; comment: string; carried: number; known: number | null; evaluationId: number | null }[];
  const missing = rows.find((r) => r.known === null);
  if (missing) throw new DbError('NOT_FOUND', `変革課題 (id ${missing.id}) がありません`);
  return new Map(rows.map((r) => [r.id, { rank: r.rank, comment: r.comment, carried: r.carried === 1, exists: r.evaluationId !== null }]));
}

/**
 * Writes one value of the field to many rows at once: one UPDATE for the rows that have an
 * evaluation in the round (a rank write does not touch the 所見 or its sort key), one INSERT for
 * those that have none yet. A paste has a few distinct ranks (or one 所見 per row); one rank for
 * 10,000 selected rows is two statements.
 */
function writeGroup(
  sqlite: Database.Database,
  c: { roundId: number; actor: string; field: BulkField },
  g: { value: string | null; carried: boolean; existing: number[]; missing: number[] },
  at: string,
): void {
  const params = { roundId: c.roundId, actor: c.actor, at, value: g.value, carried: g.carried ? 1 : 0, commentSort: c.field === 'comment' && g.value ? jaSortKey(g.value) : '' };
  if (g.existing.length > 0) {
    const set = c.field === 'rank' ? 'rank = @value, carried = @carried' : 'comment = @value, comment_sort = @commentSort';
    sqlite
      .prepare(`UPDATE evaluations SET ${set}, updated_by = @actor, updated_at = @at WHERE round_id = @roundId AND issue_id IN (SELECT value FROM json_each(@ids))`)
      .run({ ...params, ids: JSON.stringify(g.existing) });
  }
  if (g.missing.length > 0) {
    const [rank, comment] = c.field === 'rank' ? ['@value', "''"] : ['NULL', '@value'];
    sqlite
      .prepare(
        `INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, carried, updated_by, updated_at)
         SELECT value, @roundId, ${rank}, ${comment}, @commentSort, @carried, @actor, @at FROM json_each(@ids)`,
      )
      .run({ ...params, ids: JSON.stringify(g.missing) });
  }
  if (c.field === 'comment') {
    // The group's 所見 into the search index (a trigger has dropped the old text of each row).
    const written = sqlite
      .prepare('SELECT id FROM evaluations WHERE round_id = ? AND issue_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(c.roundId, JSON.stringify([...g.existing, ...g.missing])) as number[];
    for (const id of written) indexComment(sqlite, id, g.value ?? '');
  }
}

/**
 * Writes `items` (each its own value) and records them as one change. Setting a rank confirms a
 * carried one (繰越), as a single rank change does. Rows that already hold the value are left
 * alone and not recorded; nothing is written when no row changes.
 */
function writeItems(
  sqlite: Database.Database,
  c: { roundId: number; actor: string; field: BulkField },
  items: { issueId: number; value: string | null; carried?: boolean }[],
  action: string,
  revertsId: number | null,
): BulkResult & { written: number[] } {
  const current = readCurrent(sqlite, c.roundId, items.map((i) => i.issueId));
  const before: StoredItem[] = [];
  const after: StoredItem[] = [];
  const at = nowIso();
  const groups = new Map<string, { value: string | null; carried: boolean; existing: number[]; missing: number[] }>();
  const written: number[] = [];
  for (const item of items) {
    const now = current.get(item.issueId)!;
    const value = c.field === 'comment' ? (item.value ?? '') : item.value;
    // A rank write confirms a carried rank unless the item says otherwise (an undo restoring 繰越).
    const carried = c.field === 'rank' ? (item.carried ?? false) : now.carried;
    const old = c.field === 'rank' ? now.rank : now.comment;
    if (old === value && carried === now.carried) continue;
    const key = JSON.stringify([value, carried]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { value, carried, existing: [], missing: [] }));
    (now.exists ? g.existing : g.missing).push(item.issueId);
    before.push([item.issueId, old, now.carried]);
    after.push([item.issueId, value, carried]);
    written.push(item.issueId);
  }
  for (const g of groups.values()) writeGroup(sqlite, c, g, at);
  let auditId: number | null = null;
  if (after.length > 0) {
    const side = (rows: StoredItem[]): BulkSide => ({ field: c.field, count: rows.length, items: rows });
    auditId = recordChange(sqlite, {
      actor: c.actor,
      action,
      entity: BULK_ENTITY,
      entityId: c.roundId,
      roundId: c.roundId,
      before: side(before),
      after: side(after),
      revertsId,
    });
  }
  return { auditId, changed: after.length, unchanged: items.length - after.length, skipped: 0, written };
}

function checkValues(sqlite: Database.Database, change: BulkChange): void {
  const round = assertRoundWritable(sqlite, change.roundId);
  const seen = new Set<number>();
  for (const item of change.items) {
    if (seen.has(item.issueId)) throw new DbError('INVALID', `同じ課題 (id ${item.issueId}) が2回指定されています`);
    seen.add(item.issueId);
    if (change.field === 'rank' && item.value !== null && !round.ranks.some((r) => r.value === item.value)) {
      const allowed = round.ranks.map((r) => r.value).join(' / ');
      throw new DbError('INVALID', `ランク「${item.value}」は評価回 ${round.label} のランク基準にありません (使えるのは ${allowed})`);
    }
    if (change.field === 'comment' && (item.value ?? '').length > 4000) {
      throw new DbError('INVALID', `所見が長すぎます (課題 id ${item.issueId}: 4000文字まで)`);
    }
  }
}

/** Sets the rank or 所見 of many issues of one round as one audited change. */
export function setEvaluationsBulk(sqlite: Database.Database, change: BulkChange): BulkResult {
  return writeTransaction(sqlite, (): BulkResult => {
    checkValues(sqlite, change);
    const { written: _, ...result } = writeItems(sqlite, change, change.items, BULK_ACTION, null);
    return result;
  });
}

/** True when `auditId` is a bulk change (or the undo of one) that undoBulk takes. */
export function isBulkEntry(sqlite: Database.Database, auditId: number): boolean {
  return getAudit(sqlite, auditId)?.entity === BULK_ENTITY;
}

/**
 * Puts back every row of a bulk change (or of the undo of one: redo) that still holds the value
 * the change wrote; rows changed since are left alone and counted as skipped.
 */
export function undoBulk(sqlite: Database.Database, auditId: number, actor: string): BulkResult {
  return writeTransaction(sqlite, (): BulkResult => {
      const entry = getAudit(sqlite, auditId);
      if (!entry || entry.entity !== BULK_ENTITY || entry.roundId === null) {
        throw new DbError('NOT_FOUND', `取り消せる一括変更 (履歴 id ${auditId}) がありません`);
      }
      const undone = sqlite.prepare('SELECT 1 FROM audit_log WHERE reverts_id = ? LIMIT 1').get(auditId);
      if (undone) throw new DbError('CONFLICT', 'この一括変更はすでに取り消されています');
      assertRoundWritable(sqlite, entry.roundId);
      const before = entry.before as BulkSide;
      const after = entry.after as BulkSide;
      const current = readCurrent(sqlite, entry.roundId, after.items.map((i) => i[0]));
      const restore: { issueId: number; value: string | null; carried: boolean }[] = [];
      after.items.forEach(([issueId, value, carried], i) => {
        const now = current.get(issueId)!;
        const nowValue = after.field === 'rank' ? now.rank : now.comment;
        if (nowValue !== value || now.carried !== carried) return;
        const [, oldValue, oldCarried] = before.items[i]!;
        restore.push({ issueId, value: oldValue, carried: oldCarried });
      });
      const { written: _, ...result } = writeItems(sqlite, { roundId: entry.roundId, actor, field: after.field }, restore, 'undo', auditId);
      return { ...result, skipped: after.items.length - restore.length };
  });
}
