// The one write path. Every change to shared data (ranks, 所見, issues, versions, notes, rounds,
// scales, rules, organizations, imports and inquiry collects with their undo, shared settings) is
// made by a function in db/write/, inside writeTransaction, and becomes a record through
// recordChange: the audit entry, written in the same transaction as the change itself, so the
// two are committed together or not at all. Services compose these functions; contract handlers
// call services; no other code holds SQL that writes (eslint rule xpw/no-write-sql, see
// eslint-rules/ and test/architecture.test.ts).
//
// SEAM FOR TEAM SYNC (issue 12). recordChange is the single place where a change becomes a
// record, and every caller passes what a field-level change record needs: the kind of data
// (`entity`), which row (`entityId`, `issueId`, `roundId`), the actor, the value before and the
// value after. Sync will extend this function — and only this function — to also append, in the
// same transaction, one record per changed field to an outbox table: a unique id, the actor
// (user + PC), the field, before and after, and a hybrid logical clock. Bulk writes (an import,
// a 照会 collect, their undo) already record one row per changed entity in import_changes
// (recordImportRow in ./imports.ts) under one import id, so they can travel as one batch, and
// their undo as another. Writes that are not shared data (this PC's preferences, the derived
// search index, restore plumbing) deliberately bypass recordChange.
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../queries/audit.js';
import { statement } from '../statements.js';
import { nowIso } from '../time.js';
import { emitSyncRecords } from './sync-records.js';

/** The kinds of shared data a change can be about (audit_log.entity). */
export type ChangeKind =
  | 'evaluation'
  /** A bulk rank/所見 change of many issues (db/write/evaluations-bulk.ts). */
  | 'evaluations'
  | 'comparison_note'
  | 'writing_rules'
  | 'scale'
  /** A version's texts (a conflict resolution; imports record versions in import_changes). */
  | 'version'
  | 'round'
  | 'import'
  | 'inquiry'
  | 'settings'
  | 'database';

export interface Change extends AuditEntry {
  entity: ChangeKind;
  /** Team sync: a conflict resolution names the records it settles (db/write/sync-resolve.ts). */
  supersedes?: string[];
}

/**
 * Runs `write` as one IMMEDIATE transaction (the write lock is taken at the start, so two windows
 * never interleave a read-check-write). Nested inside another write it becomes a savepoint.
 */
export function writeTransaction<T>(sqlite: Database.Database, write: () => T): T {
  return sqlite.transaction(write).immediate();
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Records a change (the audit entry) in the transaction that makes it; returns the entry's id. */
export function recordChange(sqlite: Database.Database, change: Change): number {
  if (!sqlite.inTransaction) throw new Error(`変更の記録 (${change.action}) は書き込みと同じトランザクションの中で行います`);
  const info = statement(
    sqlite,
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, issue_id, round_id, before, after, reverts_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    nowIso(),
    change.actor,
    change.action,
    change.entity,
    change.entityId ?? null,
    change.issueId ?? null,
    change.roundId ?? null,
    json(change.before),
    json(change.after),
    change.revertsId ?? null,
  );
  // Team sync: the same change as field-level records with a clock stamp (db/write/sync-records.ts).
  emitSyncRecords(sqlite, change);
  return Number(info.lastInsertRowid);
}
