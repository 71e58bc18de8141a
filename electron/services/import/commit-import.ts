// Applies a change set in ONE transaction, after a verified backup, and records the import
// (file, SHA-256, who, when, counts) with every row it changed so it can be undone as a whole.
// A crash or an error anywhere leaves the database as it was.
import type Database from 'better-sqlite3';
import { jaSortKey } from '../../../db/sort-key.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { assertRoundWritable } from '../../../db/queries/round-guard.js';
import { pluckStatement, statement } from '../../../db/statements.js';
import { insertIssue, insertVersion, listVersions } from '../../../db/queries/issues.js';
import { insertOrganization } from '../../../db/queries/organizations.js';
import { reindexIssue } from '../../../db/search-index.js';
import { nowIso } from '../../../db/time.js';
import type { Db } from '../../../db/open.js';
import { takeBackup } from '../backups/take-backup.js';
import type { ChangeSet, ImportMeta, IssueRef, OrgRef } from './change-set.js';

export interface CommitResult {
  importId: number;
  backupPath: string;
}

type Recorder = (entity: 'organization' | 'issue' | 'version' | 'evaluation', entityId: number, before: unknown, after: unknown) => void;

function recorder(sqlite: Database.Database, importId: number): Recorder {
  const ins = statement(sqlite, 'INSERT INTO import_changes (import_id, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?)');
  return (entity, entityId, before, after) => ins.run(importId, entity, entityId, before === null ? null : JSON.stringify(before), JSON.stringify(after));
}

const VERSION_COLUMNS = 'label, as_of AS asOf, number, title, content, background, actions, progress';

export function applyChangeSet(sqlite: Database.Database, set: ChangeSet, meta: ImportMeta, backupPath: string | null): number {
  return sqlite.transaction((): number => {
    const importId = Number(
      sqlite
        .prepare(
          `INSERT INTO imports (kind, file_name, sha256, actor, at, round_id, version_label, inquiry_id, counts, backup_path)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(meta.kind, meta.fileName, meta.sha256, meta.actor, nowIso(), meta.roundId ?? null, meta.versionLabel ?? null, meta.inquiryId ?? null, JSON.stringify(meta.counts), backupPath)
        .lastInsertRowid,
    );
    const record = recorder(sqlite, importId);
    const orgIds = new Map<string, number>();
    const nextOrder = () => ((sqlite.prepare('SELECT max(display_order) FROM organizations').pluck().get() as number | null) ?? 0) + 1;
    for (const o of set.organizations) {
      const id = insertOrganization(sqlite, { shortName: o.shortName, fullName: o.fullName, kind: o.kind, displayOrder: nextOrder() });
      orgIds.set(o.key, id);
      record('organization', id, null, o);
    }
    const org = (ref: OrgRef) => ('id' in ref ? ref.id : orgIds.get(ref.newKey)!);
    const issueIds = new Map<string, number>();
    for (const i of set.issues) {
      const id = insertIssue(sqlite, { organizationId: org(i.organization), level: i.level, number: i.number, title: i.title });
      issueIds.set(i.key, id);
      record('issue', id, null, { title: i.title });
    }
    const issue = (ref: IssueRef) => ('id' in ref ? ref.id : issueIds.get(ref.newKey)!);
    const setTitle = sqlite.prepare('UPDATE issues SET title = ?, title_sort = ? WHERE id = ?');
    for (const t of set.titles) {
      const before = sqlite.prepare('SELECT title FROM issues WHERE id = ?').pluck().get(t.issueId) as string;
      setTitle.run(t.title, jaSortKey(t.title), t.issueId);
      reindexIssue(sqlite, t.issueId);
      record('issue', t.issueId, { title: before }, { title: t.title });
    }
    for (const v of set.versions) {
      const issueId = issue(v.issue);
      const fields = { label: v.label, asOf: v.asOf, number: v.number, title: v.title, content: v.content, background: v.background, actions: v.actions, progress: v.progress };
      const existing = sqlite.prepare(`SELECT id, ${VERSION_COLUMNS} FROM issue_versions WHERE issue_id = ? AND label = ?`).get(issueId, v.label) as
        | ({ id: number } & typeof fields)
        | undefined;
      if (existing) {
        const { id, ...before } = existing;
        sqlite
          .prepare('UPDATE issue_versions SET as_of = ?, number = ?, title = ?, content = ?, background = ?, actions = ?, progress = ? WHERE id = ?')
          .run(v.asOf, v.number, v.title, v.content, v.background, v.actions, v.progress, id);
        followLatest(sqlite, issueId);
        record('version', id, before, fields);
      } else {
        // The issue's title follows its latest version; when this is its first version, keep
        // the title it had so an undo can give it back.
        const first = (pluckStatement(sqlite, 'SELECT count(*) FROM issue_versions WHERE issue_id = ?').get(issueId) as number) === 0;
        const title = pluckStatement(sqlite, 'SELECT title FROM issues WHERE id = ?').get(issueId) as string;
        if (first && title !== v.title && 'id' in v.issue) record('issue', issueId, { title }, { title: v.title });
        const id = insertVersion(sqlite, issueId, { ...fields, remarks: null });
        record('version', id, null, fields);
      }
    }
    // Ranks and 所見: the round is checked once (exists, not locked; the plan checked every rank
    // against its scale), then one upsert and one audit entry per evaluation — setRank's
    // per-call checks and re-reads would make a 10,000-row import take seconds.
    for (const roundId of new Set(set.evaluations.map((e) => e.roundId))) assertRoundWritable(sqlite, roundId);
    const at = nowIso();
    for (const e of set.evaluations) {
      const issueId = issue(e.issue);
      const before = statement(sqlite, 'SELECT rank, comment, carried FROM evaluations WHERE issue_id = ? AND round_id = ?').get(issueId, e.roundId) as
        | { rank: string | null; comment: string; carried: number }
        | undefined;
      const rank = e.rank !== undefined ? e.rank : (before?.rank ?? null);
      const comment = e.comment !== undefined ? e.comment : (before?.comment ?? '');
      // Writing a rank is a decision: a carried-over (繰越) rank counts as confirmed.
      const carried = e.rank !== undefined ? 0 : (before?.carried ?? 0);
      const id = (
        statement(
          sqlite,
          `INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, carried, updated_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (issue_id, round_id) DO UPDATE SET rank = excluded.rank, comment = excluded.comment,
             comment_sort = excluded.comment_sort, carried = excluded.carried, updated_by = excluded.updated_by, updated_at = excluded.updated_at
           RETURNING id`,
        ).get(issueId, e.roundId, rank, comment, comment ? jaSortKey(comment) : '', carried, meta.actor, at) as { id: number }
      ).id;
      const was = before ? { rank: before.rank, comment: before.comment, carried: before.carried === 1 } : null;
      const now = { rank, comment, carried: carried === 1 };
      appendAudit(sqlite, {
        actor: meta.actor,
        action: 'import.evaluation',
        entity: 'evaluation',
        entityId: id,
        issueId,
        roundId: e.roundId,
        before: was ?? { rank: null, comment: '', carried: false },
        after: now,
      });
      record('evaluation', id, was, now);
    }
    appendAudit(sqlite, {
      actor: meta.actor,
      action: 'import',
      entity: 'import',
      entityId: importId,
      roundId: meta.roundId ?? null,
      after: { fileName: meta.fileName, sha256: meta.sha256, kind: meta.kind, versionLabel: meta.versionLabel ?? null, counts: meta.counts },
    });
    return importId;
  }).immediate();
}

/** The issue's number and title follow its latest version (as insertVersion does). */
export function followLatest(sqlite: Database.Database, issueId: number): void {
  const latest = listVersions(sqlite, issueId).at(-1);
  if (!latest) return;
  sqlite.prepare('UPDATE issues SET number = ?, title = ?, title_sort = ? WHERE id = ?').run(latest.number, latest.title, jaSortKey(latest.title), issueId);
  reindexIssue(sqlite, issueId);
}

/** Backup first, then the one transaction. */
export async function commitImport(db: Db, set: ChangeSet, meta: ImportMeta): Promise<CommitResult> {
  // What would refuse the commit is checked before the backup is taken.
  for (const roundId of new Set(set.evaluations.map((e) => e.roundId))) assertRoundWritable(db.sqlite, roundId);
  const backupPath = await takeBackup(db, 'import');
  const importId = applyChangeSet(db.sqlite, set, meta, backupPath);
  return { importId, backupPath };
}
