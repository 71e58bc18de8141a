// What a database holds, in the words the secretariat checks before restoring one: its rounds,
// how many issues, versions and evaluations, and the last recorded change and who made it.
import type Database from 'better-sqlite3';

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

const count = (sqlite: Database.Database, table: string): number => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

export function summarizeDatabase(sqlite: Database.Database): DatabaseSummary {
  const rounds = sqlite
    .prepare(
      `SELECT r.label, r.title, count(e.id) AS evaluations, count(e.rank) AS ranked
       FROM rounds r LEFT JOIN evaluations e ON e.round_id = r.id
       GROUP BY r.id ORDER BY r.as_of DESC, r.id DESC`,
    )
    .all() as DatabaseSummary['rounds'];
  const audit = sqlite.prepare('SELECT at, actor, action FROM audit_log ORDER BY id DESC LIMIT 1').get() as DatabaseSummary['lastChange'] | undefined;
  // A database filled without the audit log (the bench, an old import) still has 更新日時.
  const evaluation = audit
    ? undefined
    : (sqlite.prepare("SELECT updated_at AS at, updated_by AS actor, 'evaluation' AS action FROM evaluations ORDER BY updated_at DESC LIMIT 1").get() as
        | DatabaseSummary['lastChange']
        | undefined);
  return {
    schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
    rounds,
    organizations: count(sqlite, 'organizations'),
    issues: count(sqlite, 'issues'),
    versions: count(sqlite, 'issue_versions'),
    evaluations: count(sqlite, 'evaluations'),
    auditEntries: count(sqlite, 'audit_log'),
    lastChange: audit ?? evaluation ?? null,
  };
}
