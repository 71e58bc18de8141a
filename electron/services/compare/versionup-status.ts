// Version-up status across all issues for a pair of version labels (e.g. R6.8 → R6.11).
import type Database from 'better-sqlite3';
import type { VersionFieldKey } from '../../../common/fields.js';
import { issueKey, type IssueVersion, type Level } from '../../../db/queries/issues.js';
import { lintVersions, type Finding } from '../rules/run-rules.js';
import { compareFields } from './compare-issue.js';

export type VersionupState = 'versionedUp' | 'notYet' | 'unchanged';

export interface VersionupRow {
  issueId: number;
  key: string;
  organization: string;
  level: Level;
  title: string;
  hasFrom: boolean;
  hasTo: boolean;
  state: VersionupState;
  /** Share of characters changed, per field that changed. */
  changed: { key: VersionFieldKey; share: number }[];
  progressFilled: boolean;
  findings: Finding[];
}

export interface VersionupStatus {
  from: string;
  to: string;
  counts: Record<VersionupState, number>;
  rows: VersionupRow[];
}

type VersionCols = Pick<IssueVersion, 'title' | 'content' | 'background' | 'actions' | 'progress'>;

export function versionupStatus(sqlite: Database.Database, from: string, to: string, levels: Level[] = ['B', 'C']): VersionupStatus {
  const issues = sqlite
    .prepare(
      `SELECT i.id, o.short_name AS organization, i.level, i.number, i.title FROM issues i
       JOIN organizations o ON o.id = i.organization_id
       WHERE i.level IN (SELECT value FROM json_each(?)) ORDER BY o.display_order, i.level, i.number`,
    )
    .all(JSON.stringify(levels)) as { id: number; organization: string; level: Level; number: number; title: string }[];
  const versionOf = sqlite.prepare(
    'SELECT id, title, content, background, actions, progress FROM issue_versions WHERE issue_id = ? AND label = ?',
  );
  const findings = new Map(lintVersions(sqlite, { label: to }).map((f) => [f.issueId, f.findings]));
  const latestFindings = new Map(lintVersions(sqlite).map((f) => [f.issueId, f.findings]));
  const counts: Record<VersionupState, number> = { versionedUp: 0, notYet: 0, unchanged: 0 };
  const rows = issues.map((i): VersionupRow => {
    const a = versionOf.get(i.id, from) as VersionCols | undefined;
    const b = versionOf.get(i.id, to) as VersionCols | undefined;
    const fields = b ? compareFields(a ?? null, b) : [];
    const changed = fields.filter((f) => f.status === 'changed' || f.status === 'new' || f.status === 'removed').map((f) => ({ key: f.key, share: f.changedShare }));
    const state: VersionupState = !b ? 'notYet' : changed.length === 0 ? 'unchanged' : 'versionedUp';
    counts[state] += 1;
    return {
      issueId: i.id,
      key: issueKey(i.organization, i.level, i.number),
      organization: i.organization,
      level: i.level,
      title: i.title,
      hasFrom: a !== undefined,
      hasTo: b !== undefined,
      state,
      changed,
      progressFilled: Boolean(b?.progress?.trim()),
      findings: findings.get(i.id) ?? latestFindings.get(i.id) ?? [],
    };
  });
  return { from, to, counts, rows };
}

/** Distinct version labels, oldest first (for the pair pickers). */
export function versionLabels(sqlite: Database.Database): string[] {
  return sqlite.prepare('SELECT label FROM issue_versions GROUP BY label ORDER BY min(as_of), label').pluck().all() as string[];
}
