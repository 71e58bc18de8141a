// Imports as recorded: the history, a file imported before, and what an undo must check (the
// rows an import touched, as they are now). Writes: db/write/imports.ts.
import type Database from 'better-sqlite3';
import type { ImportCounts } from '../write/change-set.js';
import { issueKey } from './issues.js';

export interface ImportRecord {
  id: number;
  kind: 'list' | 'inquiry';
  fileName: string;
  sha256: string;
  actor: string;
  at: string;
  versionLabel: string | null;
  roundLabel: string | null;
  counts: ImportCounts;
  undoneAt: string | null;
  undoneBy: string | null;
}

export function listImports(sqlite: Database.Database, limit = 200): ImportRecord[] {
  const rows = sqlite
    .prepare(
      `SELECT m.id, m.kind, m.file_name AS fileName, m.sha256, m.actor, m.at, m.version_label AS versionLabel,
              r.label AS roundLabel, m.counts, m.undone_at AS undoneAt, m.undone_by AS undoneBy
       FROM imports m LEFT JOIN rounds r ON r.id = m.round_id ORDER BY m.id DESC LIMIT ?`,
    )
    .all(limit) as (Omit<ImportRecord, 'counts'> & { counts: string })[];
  return rows.map((r) => ({ ...r, counts: JSON.parse(r.counts) as ImportCounts }));
}

/** The latest standing import of a file with this SHA-256 (the preview says "imported before"). */
export function standingImportOf(sqlite: Database.Database, sha256: string): { at: string; actor: string } | undefined {
  return sqlite
    .prepare('SELECT at, actor FROM imports WHERE sha256 = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1')
    .get(sha256) as { at: string; actor: string } | undefined;
}

export interface ImportChangeRow {
  id: number;
  entity: 'organization' | 'issue' | 'version' | 'evaluation';
  entityId: number;
  before: string | null;
  after: string;
}

/** The rounds whose ranks an import wrote. */
export function importedRounds(sqlite: Database.Database, importId: number): number[] {
  return sqlite
    .prepare(
      `SELECT DISTINCT e.round_id FROM import_changes c JOIN evaluations e ON e.id = c.entity_id
       WHERE c.import_id = ? AND c.entity = 'evaluation'`,
    )
    .pluck()
    .all(importId) as number[];
}

const VERSION_COLUMNS = 'label, as_of AS asOf, number, title, content, background, actions, progress';

function describeIssue(sqlite: Database.Database, issueId: number): string {
  const r = sqlite
    .prepare('SELECT o.short_name AS org, i.level, i.number FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE i.id = ?')
    .get(issueId) as { org: string; level: string; number: number } | undefined;
  return r ? issueKey(r.org, r.level, r.number) : `課題 id ${issueId}`;
}

/** What differs from the state the import left; empty when its undo may proceed. */
export function importConflicts(sqlite: Database.Database, changes: ImportChangeRow[], importId: number): string[] {
  const out: string[] = [];
  const mine = (entity: string) => new Set(changes.filter((c) => c.entity === entity).map((c) => c.entityId));
  const myVersions = mine('version');
  const myEvaluations = mine('evaluation');
  for (const c of changes) {
    const after = JSON.parse(c.after) as Record<string, unknown>;
    if (c.entity === 'evaluation') {
      const now = sqlite.prepare('SELECT issue_id AS issueId, rank, comment FROM evaluations WHERE id = ?').get(c.entityId) as
        | { issueId: number; rank: string | null; comment: string }
        | undefined;
      if (!now || now.rank !== after.rank || now.comment !== after.comment) {
        out.push(`${now ? describeIssue(sqlite, now.issueId) : `評価 id ${c.entityId}`} のランク・所見が取り込み後に変更されています`);
      }
    } else if (c.entity === 'version') {
      const now = sqlite.prepare(`SELECT issue_id AS issueId, ${VERSION_COLUMNS} FROM issue_versions WHERE id = ?`).get(c.entityId) as
        | ({ issueId: number } & Record<string, unknown>)
        | undefined;
      const same = now && Object.entries(after).every(([k, v]) => now[k] === v);
      if (!same) out.push(`${now ? describeIssue(sqlite, now.issueId) : `版 id ${c.entityId}`} の版「${String(after.label)}」が取り込み後に変更されています`);
    } else if (c.entity === 'issue') {
      const title = sqlite.prepare('SELECT title FROM issues WHERE id = ?').pluck().get(c.entityId) as string | undefined;
      if (c.before === null) {
        // An issue the import created may only hold what the import gave it.
        const versions = sqlite.prepare('SELECT id FROM issue_versions WHERE issue_id = ?').pluck().all(c.entityId) as number[];
        const evaluations = sqlite.prepare('SELECT id FROM evaluations WHERE issue_id = ?').pluck().all(c.entityId) as number[];
        const notes = sqlite.prepare('SELECT count(*) FROM comparison_notes WHERE issue_id = ?').pluck().get(c.entityId) as number;
        if (title === undefined) out.push(`取り込みで追加した課題 (id ${c.entityId}) がもうありません`);
        else if (versions.some((v) => !myVersions.has(v)) || evaluations.some((e) => !myEvaluations.has(e)) || notes > 0) {
          out.push(`${describeIssue(sqlite, c.entityId)} は取り込み後に版・評価・メモが追加されています`);
        }
      } else if (title !== after.title && !changes.some((x) => x.entity === 'version' && x.id > c.id)) {
        out.push(`${describeIssue(sqlite, c.entityId)} の課題名が取り込み後に変更されています`);
      }
    } else if (c.entity === 'organization') {
      const others = sqlite
        .prepare('SELECT count(*) FROM issues WHERE organization_id = ? AND id NOT IN (SELECT entity_id FROM import_changes WHERE import_id = ? AND entity = ? AND before IS NULL)')
        .pluck()
        .get(c.entityId, importId, 'issue') as number;
      if (others > 0) out.push(`取り込みで追加した局区「${String(after.shortName)}」に、その後ほかの課題が登録されています`);
    }
  }
  return out;
}
