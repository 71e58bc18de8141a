// Ranks and 所見 comments per issue and round. Each change is one transaction together with its
// audit entry; undo reverts an audit entry and is itself audited.
//
// A rank carried over from the previous round (繰越) is not anyone's decision yet: setting a rank
// on it — the same one (confirming) or another — clears the flag, and the audit entry records
// the flag on both sides so undo puts it back.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { jaSortKey } from '../sort-key.js';
import { nowIso } from '../time.js';
import { getAudit } from '../queries/audit.js';
import { getIssueRow, type IssueRow } from '../queries/issues.js';
import { assertRoundWritable } from '../queries/round-guard.js';
import { indexComment } from '../search-index.js';
import { statement } from '../statements.js';
import { recordChange, writeTransaction } from './change.js';

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

/** The parts of an evaluation a change (and its undo) can touch. */
interface State {
  rank: string | null;
  comment: string;
  carried: boolean;
}
type Patch = Partial<State>;
const KEYS: readonly (keyof State)[] = ['rank', 'comment', 'carried'];

function currentState(sqlite: Database.Database, issueId: number, roundId: number): State {
  const row = statement(sqlite, 'SELECT rank, comment, carried FROM evaluations WHERE issue_id = ? AND round_id = ?').get(issueId, roundId) as
    | { rank: string | null; comment: string; carried: number }
    | undefined;
  return row ? { rank: row.rank, comment: row.comment, carried: row.carried === 1 } : { rank: null, comment: '', carried: false };
}

function checkTarget(sqlite: Database.Database, c: EvaluationChange): void {
  assertRoundWritable(sqlite, c.roundId);
  const exists = statement(sqlite, 'SELECT 1 FROM issues WHERE id = ?').get(c.issueId);
  if (!exists) throw new DbError('NOT_FOUND', `変革課題 (id ${c.issueId}) がありません`);
}

function checkRank(sqlite: Database.Database, roundId: number, rank: string | null): void {
  if (rank === null) return;
  const round = assertRoundWritable(sqlite, roundId);
  if (!round.ranks.some((r) => r.value === rank)) {
    const allowed = round.ranks.map((r) => r.value).join(' / ');
    throw new DbError('INVALID', `ランク「${rank}」は評価回 ${round.label} のランク基準にありません (使えるのは ${allowed})`);
  }
}

/** Writes the patched parts (an absent row starts as 未評価, no 所見, not carried); a changed 所見 is re-indexed for search. */
function write(sqlite: Database.Database, c: EvaluationChange, patch: Patch, current: State): void {
  const next = { ...current, ...patch };
  const { id } = statement(
    sqlite,
    `INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, carried, updated_by, updated_at)
     VALUES (@issueId, @roundId, @rank, @comment, @commentSort, @carried, @actor, @at)
     ON CONFLICT (issue_id, round_id) DO UPDATE SET rank = excluded.rank, comment = excluded.comment,
       comment_sort = excluded.comment_sort, carried = excluded.carried,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at
     RETURNING id`,
  ).get({
    issueId: c.issueId,
    roundId: c.roundId,
    rank: next.rank,
    comment: next.comment,
    commentSort: next.comment ? jaSortKey(next.comment) : '',
    carried: next.carried ? 1 : 0,
    actor: c.actor,
    at: nowIso(),
  }) as { id: number };
  if (next.comment !== current.comment) indexComment(sqlite, id, next.comment);
}

const pick = (s: State, keys: (keyof State)[]): Patch => Object.fromEntries(keys.map((k) => [k, s[k]])) as Patch;

/** Applies `after` (with its audit action) unless it changes nothing. */
function apply(sqlite: Database.Database, c: EvaluationChange, after: Patch, action: string, revertsId: number | null): ChangeResult {
  return writeTransaction(sqlite, (): ChangeResult => {
    checkTarget(sqlite, c);
    if (after.rank !== undefined) checkRank(sqlite, c.roundId, after.rank);
    const current = currentState(sqlite, c.issueId, c.roundId);
    const keys = KEYS.filter((k) => after[k] !== undefined && after[k] !== current[k]);
    let auditId: number | null = null;
    if (keys.length > 0) {
      write(sqlite, c, after, current);
      // Record every key the change names (not only the changed ones): rank: '2' → '2' with
      // carried: true → false reads as "confirmed 2".
      const named = KEYS.filter((k) => after[k] !== undefined);
      auditId = recordChange(sqlite, {
        actor: c.actor,
        action,
        entity: 'evaluation',
        issueId: c.issueId,
        roundId: c.roundId,
        before: pick(current, named),
        after: pick({ ...current, ...after } as State, named),
        revertsId,
      });
    }
    return { row: getIssueRow(sqlite, c.issueId, c.roundId)!, auditId };
  });
}

/** Sets (or clears, with null) the rank. On a 繰越 rank, the same value confirms it. */
export function setRank(sqlite: Database.Database, c: EvaluationChange & { rank: string | null }): ChangeResult {
  const { carried, rank } = currentState(sqlite, c.issueId, c.roundId);
  if (!carried) return apply(sqlite, c, { rank: c.rank }, 'evaluation.rank', null);
  const action = rank === c.rank ? 'evaluation.confirm' : 'evaluation.rank';
  return apply(sqlite, c, { rank: c.rank, carried: false }, action, null);
}

export function setComment(sqlite: Database.Database, c: EvaluationChange & { comment: string }): ChangeResult {
  return apply(sqlite, c, { comment: c.comment }, 'evaluation.comment', null);
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
  const after = (entry.after ?? {}) as Patch;
  const before = (entry.before ?? {}) as Patch;
  const keys = KEYS.filter((k) => k in after);
  const current = currentState(sqlite, entry.issueId, entry.roundId);
  if (keys.length === 0 || keys.some((k) => current[k] !== after[k])) {
    throw new DbError('CONFLICT', 'この変更の後に値が変更されているため、取り消せません');
  }
  const restore: Patch = Object.fromEntries(keys.map((k) => [k, before[k] ?? (k === 'comment' ? '' : k === 'carried' ? false : null)]));
  return apply(sqlite, { issueId: entry.issueId, roundId: entry.roundId, actor }, restore, 'undo', auditId);
}

export interface ImportedEvaluation {
  issueId: number;
  roundId: number;
  /** Only the given parts are written. */
  rank?: string | null;
  comment?: string;
  actor: string;
  at: string;
}

type Stored = { rank: string | null; comment: string; carried: boolean };

/**
 * One rank/所見 of an import or a 照会 collect, recorded as 'import.evaluation'. The caller checked
 * the round (exists, not locked) once for the whole import and every rank against its scale:
 * setRank's per-call checks and re-reads would make a 10,000-row import take seconds. Writing a
 * rank is a decision: a carried-over (繰越) rank counts as confirmed. Returns the row's id and
 * its state before (null: there was no row) and after, for the import's own record.
 */
export function writeImportedEvaluation(sqlite: Database.Database, e: ImportedEvaluation): { id: number; before: Stored | null; after: Stored } {
  const prior = statement(sqlite, 'SELECT rank, comment, carried FROM evaluations WHERE issue_id = ? AND round_id = ?').get(e.issueId, e.roundId) as
    | { rank: string | null; comment: string; carried: number }
    | undefined;
  const rank = e.rank !== undefined ? e.rank : (prior?.rank ?? null);
  const comment = e.comment !== undefined ? e.comment : (prior?.comment ?? '');
  const carried = e.rank !== undefined ? 0 : (prior?.carried ?? 0);
  const id = (
    statement(
      sqlite,
      `INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, carried, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (issue_id, round_id) DO UPDATE SET rank = excluded.rank, comment = excluded.comment,
         comment_sort = excluded.comment_sort, carried = excluded.carried, updated_by = excluded.updated_by, updated_at = excluded.updated_at
       RETURNING id`,
    ).get(e.issueId, e.roundId, rank, comment, comment ? jaSortKey(comment) : '', carried, e.actor, e.at) as { id: number }
  ).id;
  if (comment !== (prior?.comment ?? '')) indexComment(sqlite, id, comment);
  const before = prior ? { rank: prior.rank, comment: prior.comment, carried: prior.carried === 1 } : null;
  const after = { rank, comment, carried: carried === 1 };
  recordChange(sqlite, {
    actor: e.actor,
    action: 'import.evaluation',
    entity: 'evaluation',
    entityId: id,
    issueId: e.issueId,
    roundId: e.roundId,
    before: before ?? { rank: null, comment: '', carried: false },
    after,
  });
  return { id, before, after };
}

/** Undoing an import: the row goes (before = null) or gets its earlier rank, 所見 and 繰越 back. */
export function revertEvaluation(sqlite: Database.Database, evaluationId: number, before: Record<string, unknown> | null): void {
  if (before === null) {
    statement(sqlite, 'DELETE FROM evaluations WHERE id = ?').run(evaluationId);
    return;
  }
  const comment = String(before.comment ?? '');
  statement(sqlite, 'UPDATE evaluations SET rank = ?, comment = ?, comment_sort = ?, carried = ? WHERE id = ?').run(
    before.rank ?? null,
    comment,
    comment ? jaSortKey(comment) : '',
    before.carried ? 1 : 0,
    evaluationId,
  );
  indexComment(sqlite, evaluationId, comment);
}

/** A published rank when a new database is seeded (the sample); the seed's own entry records it. */
export function insertSeedEvaluation(sqlite: Database.Database, e: { issueId: number; roundId: number; rank: string; actor: string; at: string }): void {
  statement(sqlite, 'INSERT INTO evaluations (issue_id, round_id, rank, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)').run(e.issueId, e.roundId, e.rank, e.actor, e.at);
}
