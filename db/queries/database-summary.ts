// Counts and last changes that describe a whole database (before a restore, after an import of a
// snapshot, in `xpw check`).
import type Database from 'better-sqlite3';

export type CountedTable = 'organizations' | 'issues' | 'issue_versions' | 'evaluations' | 'audit_log';

export const countRows = (sqlite: Database.Database, table: CountedTable): number => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Each round, newest first, with how many evaluations it holds and how many have a rank. */
export function roundTotals(sqlite: Database.Database): { label: string; title: string; evaluations: number; ranked: number }[] {
  return sqlite
    .prepare(
      `SELECT r.label, r.title, count(e.id) AS evaluations, count(e.rank) AS ranked
       FROM rounds r LEFT JOIN evaluations e ON e.round_id = r.id
       GROUP BY r.id ORDER BY r.as_of DESC, r.id DESC`,
    )
    .all() as { label: string; title: string; evaluations: number; ranked: number }[];
}

export interface LastChange {
  at: string;
  actor: string;
  action: string;
}

export const lastAuditEntry = (sqlite: Database.Database): LastChange | undefined =>
  sqlite.prepare('SELECT at, actor, action FROM audit_log ORDER BY id DESC LIMIT 1').get() as LastChange | undefined;

/** The latest 更新日時 of an evaluation, for a database filled without the audit log. */
export const lastEvaluationChange = (sqlite: Database.Database): LastChange | undefined =>
  sqlite.prepare("SELECT updated_at AS at, updated_by AS actor, 'evaluation' AS action FROM evaluations ORDER BY updated_at DESC LIMIT 1").get() as
    | LastChange
    | undefined;

/** Ranks no value of their round's scale matches (`xpw check`). */
export const ranksOutsideScale = (sqlite: Database.Database): number =>
  sqlite
    .prepare(
      `SELECT count(*) FROM evaluations e JOIN rounds r ON r.id = e.round_id
       WHERE e.rank IS NOT NULL AND NOT EXISTS (SELECT 1 FROM scale_ranks s WHERE s.scale_id = r.scale_id AND s.value = e.rank)`,
    )
    .pluck()
    .get() as number;
