// What an import's plan compares the file with: existing issues, their ranks in the round and
// their versions. A large file reads issues and ranks in two scans; a small one asks per row.
import type Database from 'better-sqlite3';
import { statement } from '../statements.js';
import type { VersionFields } from '../write/change-set.js';

export interface ExistingIssue {
  id: number;
  title: string;
}

export interface ExistingEvaluation {
  rank: string | null;
  comment: string;
}

export const issueAt = (sqlite: Database.Database, organizationId: number, level: string, number: number): ExistingIssue | undefined =>
  statement(sqlite, 'SELECT id, title FROM issues WHERE organization_id = ? AND level = ? AND number = ?').get(organizationId, level, number) as
    | ExistingIssue
    | undefined;

export const evaluationAt = (sqlite: Database.Database, issueId: number, roundId: number | undefined): ExistingEvaluation | undefined =>
  statement(sqlite, 'SELECT rank, comment FROM evaluations WHERE issue_id = ? AND round_id = ?').get(issueId, roundId) as ExistingEvaluation | undefined;

/** Every issue, keyed `organizationId|level|number`. */
export function allIssuesByKey(sqlite: Database.Database): Map<string, ExistingIssue> {
  const out = new Map<string, ExistingIssue>();
  for (const r of sqlite.prepare('SELECT id, title, organization_id AS o, level, number FROM issues').iterate() as Iterable<ExistingIssue & { o: number; level: string; number: number }>) {
    out.set(`${r.o}|${r.level}|${r.number}`, { id: r.id, title: r.title });
  }
  return out;
}

/** Every evaluation of the round, by issue id. */
export function roundEvaluations(sqlite: Database.Database, roundId: number): Map<number, ExistingEvaluation> {
  const out = new Map<number, ExistingEvaluation>();
  for (const r of sqlite.prepare('SELECT issue_id AS i, rank, comment FROM evaluations WHERE round_id = ?').iterate(roundId) as Iterable<ExistingEvaluation & { i: number }>) {
    out.set(r.i, { rank: r.rank, comment: r.comment });
  }
  return out;
}

/** The issue's version with this label, else its latest version (what an imported version is compared with). */
export const versionToCompare = (sqlite: Database.Database, issueId: number, label: string | undefined): VersionFields | undefined =>
  (statement(sqlite, 'SELECT number, title, content, background, actions, progress FROM issue_versions WHERE issue_id = ? AND label = ?').get(issueId, label) ??
    statement(sqlite, 'SELECT number, title, content, background, actions, progress FROM issue_versions WHERE issue_id = ? ORDER BY as_of DESC, id DESC LIMIT 1').get(
      issueId,
    )) as VersionFields | undefined;

export interface SameNumberIssue {
  level: string;
  title: string;
}

/** Issues of the 局区 with this number, any level (a list without a レベル column is matched by 番号 + 課題名). */
export const issuesWithNumber = (sqlite: Database.Database, organizationId: number, number: number): SameNumberIssue[] =>
  statement(sqlite, 'SELECT level, title FROM issues WHERE organization_id = ? AND number = ?').all(organizationId, number) as SameNumberIssue[];

/** Every issue keyed `organizationId|number`, all levels (the large-file form of issuesWithNumber). */
export function allIssuesByNumber(sqlite: Database.Database): Map<string, SameNumberIssue[]> {
  const out = new Map<string, SameNumberIssue[]>();
  for (const r of sqlite.prepare('SELECT title, organization_id AS o, level, number FROM issues').iterate() as Iterable<SameNumberIssue & { o: number; number: number }>) {
    const k = `${r.o}|${r.number}`;
    const list = out.get(k);
    if (list) list.push({ level: r.level, title: r.title });
    else out.set(k, [{ level: r.level, title: r.title }]);
  }
  return out;
}
