// Reads for team sync: this PC's sync state, the records of one row, conflicts (要確認), held
// records of locked rounds, and the last change of an issue's rank/所見 (who, which PC).
import type Database from 'better-sqlite3';
import type { ChangeRecord, RecordKind } from '../../common/sync-record.js';
import { statement } from '../statements.js';

export function readSyncState(sqlite: Database.Database, key: string): string | null {
  return (statement(sqlite, 'SELECT value FROM sync_state WHERE key = ?', 'pluck').get(key) as string | undefined) ?? null;
}

export interface SyncRecordRow {
  id: string;
  hlc: string;
  actor_user: string;
  actor_pc: string;
  action: string;
  kind: string;
  key: string;
  field: string;
  before: string | null;
  after: string | null;
  batch: string | null;
  supersedes: string | null;
}

export const rowToRecord = (r: SyncRecordRow): ChangeRecord => ({
  id: r.id,
  hlc: r.hlc,
  actor: { user: r.actor_user, pc: r.actor_pc },
  action: r.action,
  kind: r.kind as RecordKind,
  key: JSON.parse(r.key) as Record<string, string>,
  field: r.field,
  before: r.before === null ? null : (JSON.parse(r.before) as unknown),
  after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  batch: r.batch,
  ...(r.supersedes ? { supersedes: JSON.parse(r.supersedes) as string[] } : {}),
});

/** Every record of one row (kind + key), oldest stamp first. */
export function recordsOfKey(sqlite: Database.Database, kind: string, key: string): SyncRecordRow[] {
  return statement(sqlite, 'SELECT * FROM sync_records WHERE kind = ? AND key = ? ORDER BY hlc, id').all(kind, key) as SyncRecordRow[];
}

/** Every record a database holds (a snapshot's, for a PC that catches up from it), in clock order. */
export const allRecords = (sqlite: Database.Database): ChangeRecord[] =>
  (statement(sqlite, 'SELECT * FROM sync_records ORDER BY hlc, id').all() as SyncRecordRow[]).map(rowToRecord);

export const hasRecord = (sqlite: Database.Database, id: string): boolean =>
  statement(sqlite, 'SELECT 1 FROM sync_records WHERE id = ?', 'pluck').get(id) !== undefined;

/** This PC's records not yet on the share, by batch (null = not yet assigned). */
export function outboxRecords(sqlite: Database.Database, batchSeq: number): ChangeRecord[] {
  return (
    statement(sqlite, 'SELECT r.* FROM sync_outbox o JOIN sync_records r ON r.id = o.record_id WHERE o.batch_seq = ? ORDER BY r.hlc, r.id').all(
      batchSeq,
    ) as SyncRecordRow[]
  ).map(rowToRecord);
}

export const outboxBatchSeqs = (sqlite: Database.Database): number[] =>
  statement(sqlite, 'SELECT DISTINCT batch_seq FROM sync_outbox WHERE batch_seq IS NOT NULL ORDER BY batch_seq', 'pluck').all() as number[];

export const outboxCount = (sqlite: Database.Database): number =>
  statement(sqlite, 'SELECT count(*) FROM sync_outbox', 'pluck').get() as number;

export interface SyncConflict {
  kind: RecordKind;
  key: Record<string, string>;
  field: string;
  issueUid: string | null;
  /** The competing versions: who, when, which value. */
  heads: { id: string; hlc: string; user: string; pc: string; value: unknown }[];
}

export function listConflicts(sqlite: Database.Database, issueUid?: string): SyncConflict[] {
  const rows = (
    issueUid === undefined
      ? statement(sqlite, 'SELECT * FROM sync_conflicts ORDER BY kind, key, field').all()
      : statement(sqlite, 'SELECT * FROM sync_conflicts WHERE issue_uid = ? ORDER BY kind, key, field').all(issueUid)
  ) as { kind: string; key: string; field: string; heads: string; issue_uid: string | null }[];
  return rows.map((c) => ({
    kind: c.kind as RecordKind,
    key: JSON.parse(c.key) as Record<string, string>,
    field: c.field,
    issueUid: c.issue_uid,
    heads: (JSON.parse(c.heads) as string[]).map((id) => {
      const r = statement(sqlite, 'SELECT * FROM sync_records WHERE id = ?').get(id) as SyncRecordRow;
      return { id, hlc: r.hlc, user: r.actor_user, pc: r.actor_pc, value: r.after === null ? null : (JSON.parse(r.after) as unknown) };
    }),
  }));
}

/** Issue ids (local) with a 要確認 conflict: the grid marks them. */
export const conflictIssueIds = (sqlite: Database.Database): number[] =>
  statement(sqlite, 'SELECT DISTINCT i.id FROM sync_conflicts c JOIN issues i ON i.uid = c.issue_uid ORDER BY i.id', 'pluck').all() as number[];

/** Who last changed the rank or 所見 of an issue in a round, and on which PC (the panel). */
export function lastEvaluationChange(
  sqlite: Database.Database,
  issueUid: string,
  roundLabel: string,
): { field: string; user: string; pc: string; hlc: string }[] {
  // The issue's records and those of a uid merged into it (two PCs that created the same issue key).
  return statement(
    sqlite,
    `SELECT field, actor_user AS user, actor_pc AS pc, max(hlc) AS hlc FROM sync_records
      WHERE kind = 'evaluation' AND round = @round AND field IN ('rank', 'comment')
        AND issue IN (SELECT @issue UNION ALL SELECT uid FROM sync_issue_aliases WHERE survivor = @issue)
      GROUP BY field ORDER BY field`,
  ).all({ issue: issueUid, round: roundLabel }) as { field: string; user: string; pc: string; hlc: string }[];
}

// The writer of a record is the node of its clock stamp (…wall.count.<actor id>, see
// db/write/sync-clock.ts): one per PC and user, unlike the PC's name, which two people on one
// terminal server share.
const NODE = "substr(hlc, 17 + instr(substr(hlc, 17), '.'))";

/** Who wrote lately (this PC's writer included): per user, PC and writer, the newest stamp. */
export const recentActors = (sqlite: Database.Database): { user: string; pc: string; node: string; hlc: string }[] =>
  statement(sqlite, `SELECT actor_user AS user, actor_pc AS pc, ${NODE} AS node, max(hlc) AS hlc FROM sync_records GROUP BY actor_user, actor_pc, ${NODE} ORDER BY 4 DESC`).all() as {
    user: string;
    pc: string;
    node: string;
    hlc: string;
  }[];

/** Changes to a locked round stamped after its lock: not applied, listed for the secretariat (who, when, what). */
export function heldRecords(sqlite: Database.Database): ChangeRecord[] {
  const locked = statement(sqlite, 'SELECT label FROM rounds WHERE locked_at IS NOT NULL ORDER BY id', 'pluck').all() as string[];
  const out: ChangeRecord[] = [];
  for (const label of locked) {
    const stamp =
      (statement(sqlite, "SELECT max(hlc) FROM sync_records WHERE kind = 'round_lock' AND key = ?", 'pluck').get(JSON.stringify({ round: label })) as string | null) ?? '';
    const rows = statement(
      sqlite,
      "SELECT * FROM sync_records WHERE kind = 'evaluation' AND json_extract(key, '$.round') = ? AND hlc > ? ORDER BY hlc, id",
    ).all(label, stamp) as SyncRecordRow[];
    out.push(...rows.map(rowToRecord));
  }
  return out;
}

/** The stable keys (issue uid, round label) of local ids. */
export const stableKeys = (sqlite: Database.Database, issueId: number, roundId: number): { uid: string; label: string } | undefined =>
  statement(sqlite, 'SELECT i.uid AS uid, r.label AS label FROM issues i, rounds r WHERE i.id = ? AND r.id = ?').get(issueId, roundId) as
    | { uid: string; label: string }
    | undefined;

/** Records written by others (any writer but this one): grows when their changes arrive. */
export const remoteRecordCount = (sqlite: Database.Database, myActorId: string | null): number =>
  statement(sqlite, `SELECT count(*) FROM sync_records WHERE ${NODE} IS NOT ?`, 'pluck').get(myActorId) as number;

/** A 事務局メモ's local ids from its stable keys (issue uid, the two version labels); undefined when a part is missing here. */
export const noteIds = (sqlite: Database.Database, key: { issue: string; from: string; to: string }): { issueId: number; fromId: number; toId: number } | undefined =>
  statement(
    sqlite,
    `SELECT i.id AS issueId, f.id AS fromId, t.id AS toId FROM issues i
       JOIN issue_versions f ON f.issue_id = i.id AND f.label = ? JOIN issue_versions t ON t.issue_id = i.id AND t.label = ?
      WHERE i.uid = ?`,
  ).get(key.from, key.to, key.issue) as { issueId: number; fromId: number; toId: number } | undefined;
