// Version-up status across all issues for a pair of version labels (e.g. R6.8 → R6.11).
import type Database from 'better-sqlite3';
import type { VersionFieldKey } from '../../../common/fields.js';
import { issueKey, type Level } from '../../../db/queries/issues.js';
import { issuesOfLevels, versionLabels, versionTextsByLabel } from '../../../db/queries/versionup.js';
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


export function versionupStatus(sqlite: Database.Database, from: string, to: string, levels: Level[] = ['B', 'C']): VersionupStatus {
  const issues = issuesOfLevels(sqlite, levels);
  const findings = new Map(lintVersions(sqlite, { label: to }).map((f) => [f.issueId, f.findings]));
  const latestFindings = new Map(lintVersions(sqlite).map((f) => [f.issueId, f.findings]));
  const counts: Record<VersionupState, number> = { versionedUp: 0, notYet: 0, unchanged: 0 };
  const rows = issues.map((i): VersionupRow => {
    const a = versionTextsByLabel(sqlite, i.id, from);
    const b = versionTextsByLabel(sqlite, i.id, to);
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
export { versionLabels };
