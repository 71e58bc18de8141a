// Ranks and 所見 comments per issue and round. Each change is one transaction together with its
// audit entry; undo reverts an audit entry and is itself audited.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { jaSortKey } from '../sort-key.js';
import { nowIso } from '../time.js';
import { appendAudit, getAudit } from './audit.js';
import { getIssueRow, type IssueRow } from './issues.js';
import { getRound } from './rounds.js';

export type EvaluationField = 'rank' | 'comment';

export interface EvaluationChange {
  issueId: number;
  roundId: number;
  actor: string;
}

export interface ChangeResult {
  row: IssueRow;
  /** The audit entry of this change; undo takes it. */
  auditId: number | null;
}

const ACTION: Record<EvaluationField, string> = { rank: 'evaluation.rank', comment: 'evaluation.comment' };

function currentValue(sqlite: Database.Database, issueId: number, roundId: number, field: EvaluationField): string | null {
  const col = field === 'rank' ? 'rank' : 'comment';
  const v = sqlite
    .prepare(`SELECT ${col} FROM evaluations WHERE issue_id = ? AND round_id = ?`)
    .pluck()
    .get(issueId, roundId) as string | null | undefined;
  return v ?? (field === 'comment' ? '' : null);
}

function checkTarget(sqlite: Database.Database, c: EvaluationChange): void {
  const round = getRound(sqlite, c.roundId);
  if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${c.roundId}) がありません`);
  if (round.lockedAt) throw new DbError('LOCKED', `評価回 ${round.label} は公表済みでロックされています。変更できません`);
  const exists = sqlite.prepare('SELECT 1 FROM issues WHERE id = ?').get(c.issueId);
  if (!exists) throw new DbError('NOT_FOUND', `変革課題 (id ${c.issueId}) がありません`);
}

function checkRank(sqlite: Database.Database, roundId: number, rank: string | null): void {
  if (rank === null) return;
  const round = getRound(sqlite, roundId)!;
  if (!round.ranks.some((r) => r.value === rank)) {
    const allowed = round.ranks.map((r) => r.value).join(' / ');
    throw new DbError('INVALID', `ランク「${rank}」は評価回 ${round.label} のランク基準にありません (使えるのは ${allowed})`);
  }
}

function write(sqlite: Database.Database, c: EvaluationChange, field: EvaluationField, value: string | null): void {
  const at = nowIso();
  if (field === 'rank') {
    sqlite
      .prepare(
        `INSERT INTO evaluations (issue_id, round_id, rank, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (issue_id, round_id) DO UPDATE SET rank = excluded.rank, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(c.issueId, c.roundId, value, c.actor, at);
  } else {
    const text = value ?? '';
    sqlite
      .prepare(
        `INSERT INTO evaluations (issue_id, round_id, comment, comment_sort, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (issue_id, round_id) DO UPDATE SET comment = excluded.comment, comment_sort = excluded.comment_sort,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(c.issueId, c.roundId, text, text ? jaSortKey(text) : '', c.actor, at);
  }
}

function change(
  sqlite: Database.Database,
  c: EvaluationChange,
  field: EvaluationField,
  value: string | null,
  revertsId: number | null,
): ChangeResult {
  return sqlite.transaction((): ChangeResult => {
    checkTarget(sqlite, c);
    if (field === 'rank') checkRank(sqlite, c.roundId, value);
    const before = currentValue(sqlite, c.issueId, c.roundId, field);
    const after = field === 'comment' ? (value ?? '') : value;
    let auditId: number | null = null;
    if (before !== after) {
      write(sqlite, c, field, after);
      auditId = appendAudit(sqlite, {
        actor: c.actor,
        action: revertsId === null ? ACTION[field] : 'undo',
        entity: 'evaluation',
        issueId: c.issueId,
        roundId: c.roundId,
        before: { [field]: before },
        after: { [field]: after },
        revertsId,
      });
    }
    return { row: getIssueRow(sqlite, c.issueId, c.roundId)!, auditId };
  }).immediate();
}

export function setRank(sqlite: Database.Database, c: EvaluationChange & { rank: string | null }): ChangeResult {
  return change(sqlite, c, 'rank', c.rank, null);
}

export function setComment(sqlite: Database.Database, c: EvaluationChange & { comment: string }): ChangeResult {
  return change(sqlite, c, 'comment', c.comment, null);
}

/**
 * Reverts one audited evaluation change (or an undo, which is how redo works). Refused when the
 * value has changed since, so an undo never overwrites someone else's later edit.
 */
export function undoChange(sqlite: Database.Database, auditId: number, actor: string): ChangeResult {
  const entry = getAudit(sqlite, auditId);
  if (!entry || entry.entity !== 'evaluation' || entry.issueId === null || entry.roundId === null) {
    throw new DbError('NOT_FOUND', `取り消せる変更 (履歴 id ${auditId}) がありません`);
  }
  const after = entry.after as Record<string, string | null>;
  const before = entry.before as Record<string, string | null>;
  const field = (Object.keys(after)[0] ?? 'rank') as EvaluationField;
  const current = currentValue(sqlite, entry.issueId, entry.roundId, field);
  if (current !== after[field]) {
    throw new DbError('CONFLICT', 'この変更の後に値が変更されているため、取り消せません');
  }
  return change(sqlite, { issueId: entry.issueId, roundId: entry.roundId, actor }, field, before[field] ?? null, auditId);
}
