// Issues and their versions (the texts ①–⑤). Added by the sample and by imports and 照会
// collects, changed and removed by imports and their undo; each batch records what it did
// (./imports.ts). The search index follows every write here, in the same transaction.
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { listVersions, type IssueVersion, type Level } from '../queries/issues.js';
import { reindexIssue } from '../search-index.js';
import { jaSortKey } from '../sort-key.js';
import { statement } from '../statements.js';
import { nowIso } from '../time.js';

export interface NewIssue {
  organizationId: number;
  level: Level;
  number: number;
  title: string;
  dataNote?: string | null;
}

export function insertIssue(sqlite: Database.Database, issue: NewIssue): number {
  const id = Number(
    statement(
      sqlite,
      `INSERT INTO issues (uid, organization_id, level, number, title, title_sort, data_note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .run(randomUUID(), issue.organizationId, issue.level, issue.number, issue.title, jaSortKey(issue.title), issue.dataNote ?? null, nowIso())
      .lastInsertRowid,
  );
  reindexIssue(sqlite, id);
  return id;
}

/** Sets the issue's title (an import's ①, or an undo giving the earlier title back). */
export function setIssueTitle(sqlite: Database.Database, issueId: number, title: string): void {
  statement(sqlite, 'UPDATE issues SET title = ?, title_sort = ? WHERE id = ?').run(title, jaSortKey(title), issueId);
  reindexIssue(sqlite, issueId);
}

/** Removes an issue an import created, with its versions and evaluations. */
export function deleteIssue(sqlite: Database.Database, issueId: number): void {
  statement(sqlite, 'DELETE FROM evaluations WHERE issue_id = ?').run(issueId);
  statement(sqlite, 'DELETE FROM issue_versions WHERE issue_id = ?').run(issueId);
  statement(sqlite, 'DELETE FROM issues WHERE id = ?').run(issueId);
  reindexIssue(sqlite, issueId);
}

/** The issue's number and title follow its latest version. */
export function followLatest(sqlite: Database.Database, issueId: number): void {
  const latest = listVersions(sqlite, issueId).at(-1);
  if (!latest) return;
  statement(sqlite, 'UPDATE issues SET number = ?, title = ?, title_sort = ? WHERE id = ?').run(latest.number, latest.title, jaSortKey(latest.title), issueId);
  reindexIssue(sqlite, issueId);
}

export type NewVersion = Omit<IssueVersion, 'id'>;

/** Adds a version; the issue's number and title follow its latest version. */
export function insertVersion(sqlite: Database.Database, issueId: number, v: NewVersion): number {
  const id = Number(
    statement(
      sqlite,
      `INSERT INTO issue_versions (issue_id, label, as_of, number, title, content, background, actions, progress, remarks, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .run(issueId, v.label, v.asOf, v.number, v.title, v.content, v.background, v.actions, v.progress, v.remarks, nowIso())
      .lastInsertRowid,
  );
  followLatest(sqlite, issueId);
  return id;
}

export type VersionTexts = Pick<IssueVersion, 'asOf' | 'number' | 'title' | 'content' | 'background' | 'actions' | 'progress'>;

/** Rewrites a version's texts in place (an import of the same label, or its undo). */
export function updateVersion(sqlite: Database.Database, versionId: number, v: VersionTexts): void {
  const issueId = statement(sqlite, 'SELECT issue_id FROM issue_versions WHERE id = ?', 'pluck').get(versionId) as number;
  statement(sqlite, 'UPDATE issue_versions SET as_of = ?, number = ?, title = ?, content = ?, background = ?, actions = ?, progress = ? WHERE id = ?').run(
    v.asOf,
    v.number,
    v.title,
    v.content,
    v.background,
    v.actions,
    v.progress,
    versionId,
  );
  followLatest(sqlite, issueId);
}

/** Removes a version an import added; the issue follows what is now its latest version. */
export function deleteVersion(sqlite: Database.Database, versionId: number): void {
  const issueId = statement(sqlite, 'SELECT issue_id FROM issue_versions WHERE id = ?', 'pluck').get(versionId) as number;
  statement(sqlite, 'DELETE FROM issue_versions WHERE id = ?').run(versionId);
  followLatest(sqlite, issueId);
  reindexIssue(sqlite, issueId);
}
