// What a form shows for each issue: the issue's identity and the fields of its latest version
// (an issue without a version shows its title and empty ②–⑤). The same reading serves the
// return's check "has the secretariat changed this issue since the form was generated?".
import type Database from 'better-sqlite3';
import { issueKey, type Level } from '../../../db/queries/issues.js';
import { issuesWithLatest, organizationIssuesWithLatest, type IssueWithLatestVersion } from '../../../db/queries/inquiries.js';
import { normaliseFields, type FormFields } from './form-fields.js';

/** The issue's identity and its latest version (null when the issue has none), as read; then its key and normalised fields. */
export interface CurrentIssue extends Pick<IssueWithLatestVersion, 'issueId' | 'issueUid' | 'organizationId' | 'organization' | 'level' | 'number' | 'versionId' | 'versionLabel'> {
  /** 会計-A-1 */
  key: string;
  fields: FormFields;
}

type Raw = IssueWithLatestVersion;

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
  const rows = organizationIssuesWithLatest(sqlite, organizationId);
  return rows.filter((r) => !levels?.length || levels.includes(r.level)).map(toCurrent);
}

export function currentIssues(sqlite: Database.Database, issueIds: readonly number[]): Map<number, CurrentIssue> {
  if (!issueIds.length) return new Map();
  const rows = issuesWithLatest(sqlite, issueIds);
  return new Map(rows.map((r) => [r.issueId, toCurrent(r)]));
}
