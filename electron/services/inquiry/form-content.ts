// What a form shows for each issue: the issue's identity and the fields of its latest version
// (an issue without a version shows its title and empty ②–⑤). The same reading serves the
// return's check "has the secretariat changed this issue since the form was generated?".
import type Database from 'better-sqlite3';
import { issueKey, type Level } from '../../../db/queries/issues.js';
import { normaliseFields, type FormFields } from './form-fields.js';

export interface CurrentIssue {
  issueId: number;
  issueUid: string;
  organizationId: number;
  organization: string;
  level: Level;
  number: number;
  /** 会計-A-1 */
  key: string;
  /** The latest version, or null when the issue has none. */
  versionId: number | null;
  versionLabel: string | null;
  fields: FormFields;
}

interface Raw {
  issueId: number;
  issueUid: string;
  organizationId: number;
  organization: string;
  level: Level;
  number: number;
  issueTitle: string;
  versionId: number | null;
  versionLabel: string | null;
  title: string | null;
  content: string | null;
  background: string | null;
  actions: string | null;
  progress: string | null;
}

// The latest version is the last by (as_of, id), as listVersions orders them.
const SELECT = `
  SELECT i.id AS issueId, i.uid AS issueUid, o.id AS organizationId, o.short_name AS organization, i.level, i.number,
         i.title AS issueTitle, v.id AS versionId, v.label AS versionLabel, v.title, v.content, v.background, v.actions, v.progress
  FROM issues i
  JOIN organizations o ON o.id = i.organization_id
  LEFT JOIN (
    SELECT *, row_number() OVER (PARTITION BY issue_id ORDER BY as_of DESC, id DESC) AS rn FROM issue_versions
  ) v ON v.issue_id = i.id AND v.rn = 1`;

const toCurrent = (r: Raw): CurrentIssue => ({
  issueId: r.issueId,
  issueUid: r.issueUid,
  organizationId: r.organizationId,
  organization: r.organization,
  level: r.level,
  number: r.number,
  key: issueKey(r.organization, r.level, r.number),
  versionId: r.versionId,
  versionLabel: r.versionLabel,
  fields: normaliseFields(r.versionId === null ? { title: r.issueTitle } : r),
});

/** The issues of one 局区 in the order of its list (level, number). */
export function organizationIssues(sqlite: Database.Database, organizationId: number, levels?: readonly Level[]): CurrentIssue[] {
  const rows = sqlite.prepare(`${SELECT} WHERE i.organization_id = ? ORDER BY i.level, i.number, i.id`).all(organizationId) as Raw[];
  return rows.filter((r) => !levels?.length || levels.includes(r.level)).map(toCurrent);
}

export function currentIssues(sqlite: Database.Database, issueIds: readonly number[]): Map<number, CurrentIssue> {
  if (!issueIds.length) return new Map();
  const rows = sqlite.prepare(`${SELECT} WHERE i.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(issueIds)) as Raw[];
  return new Map(rows.map((r) => [r.issueId, toCurrent(r)]));
}
