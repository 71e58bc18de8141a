// What a database holds, in the words the secretariat checks before restoring one: its rounds,
// how many issues, versions and evaluations, and the last recorded change and who made it.
import type Database from 'better-sqlite3';
import { countRows, lastAuditEntry, lastEvaluationChange, roundTotals } from '../../../db/queries/database-summary.js';

export interface DatabaseSummary {
  schemaVersion: number;
  rounds: { label: string; title: string; evaluations: number; ranked: number }[];
  organizations: number;
  issues: number;
  versions: number;
  evaluations: number;
  auditEntries: number;
  lastChange: { at: string; actor: string; action: string } | null;
}

export function summarizeDatabase(sqlite: Database.Database): DatabaseSummary {
  const rounds = roundTotals(sqlite);
  const audit = lastAuditEntry(sqlite);
  // A database filled without the audit log (the bench, an old import) still has 更新日時.
  const evaluation = audit ? undefined : lastEvaluationChange(sqlite);
  return {
    schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
    rounds,
    organizations: countRows(sqlite, 'organizations'),
    issues: countRows(sqlite, 'issues'),
    versions: countRows(sqlite, 'issue_versions'),
    evaluations: countRows(sqlite, 'evaluations'),
    auditEntries: countRows(sqlite, 'audit_log'),
    lastChange: audit ?? evaluation ?? null,
  };
}
