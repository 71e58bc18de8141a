// The comparison of two versions of one issue, field by field, with the secretariat's note and
// the 記載チェック findings of both sides.
import type Database from 'better-sqlite3';
import { VERSION_FIELDS, type VersionFieldKey } from '../../../common/fields.js';
import { DbError } from '../../../db/errors.js';
import { getIssueRow, listVersions, type IssueVersion } from '../../../db/queries/issues.js';
import { getNote, type ComparisonNote } from '../../../db/queries/notes.js';
import { latestRound } from '../../../db/queries/rounds.js';
import { lintVersions, type Finding } from '../rules/run-rules.js';
import { bulletLines, diffText, type DiffPart } from './text-diff.js';

export type FieldStatus = 'same' | 'changed' | 'new' | 'removed' | 'empty';

export interface FieldComparison {
  key: VersionFieldKey;
  mark: string;
  label: string;
  from: string | null;
  to: string | null;
  status: FieldStatus;
  parts: DiffPart[];
  changedShare: number;
}

export interface VersionSide {
  id: number;
  label: string;
  asOf: string;
  number: number;
  /** 課題B (2) */
  printedNumber: string;
  findings: Finding[];
}

export interface Comparison {
  issueId: number;
  key: string;
  level: string;
  title: string;
  versions: { id: number; label: string; asOf: string }[];
  from: VersionSide;
  to: VersionSide;
  numberChanged: boolean;
  fields: FieldComparison[];
  note: ComparisonNote | null;
}

export function compareFields(from: Pick<IssueVersion, VersionFieldKey> | null, to: Pick<IssueVersion, VersionFieldKey>): FieldComparison[] {
  return VERSION_FIELDS.map(({ key, mark, label }) => {
    // Compared and shown with each bullet item on its own line (bulletLines).
    const rawA = from?.[key] ?? null;
    const rawB = to[key] ?? null;
    const a = rawA === null ? null : bulletLines(rawA);
    const b = rawB === null ? null : bulletLines(rawB);
    const d = diffText(a, b);
    const status: FieldStatus = !a && !b ? 'empty' : !a ? 'new' : !b ? 'removed' : a === b ? 'same' : 'changed';
    return { key, mark, label, from: a, to: b, status, parts: d.parts, changedShare: d.changedShare };
  });
}

function pickVersion(versions: IssueVersion[], label: string | undefined, fallback: IssueVersion | undefined, role: string): IssueVersion {
  const v = label ? versions.find((x) => x.label === label) : fallback;
  if (!v) {
    const known = versions.map((x) => x.label).join(', ') || 'なし';
    throw new DbError('NOT_FOUND', label ? `${role}の版「${label}」がありません (登録済みの版: ${known})` : `比較できる版が2つありません (登録済みの版: ${known})`);
  }
  return v;
}

/** Default: the two latest versions. */
export function compareIssue(sqlite: Database.Database, issueId: number, fromLabel?: string, toLabel?: string): Comparison {
  const roundId = latestRound(sqlite)?.id ?? 0;
  const row = getIssueRow(sqlite, issueId, roundId);
  if (!row) throw new DbError('NOT_FOUND', `変革課題 (id ${issueId}) がありません`);
  const versions = listVersions(sqlite, issueId);
  const to = pickVersion(versions, toLabel, versions.at(-1), '新しい側');
  const olderThanTo = versions.filter((v) => v.id !== to.id && (v.asOf < to.asOf || (v.asOf === to.asOf && v.id < to.id)));
  const from = pickVersion(versions, fromLabel, olderThanTo.at(-1), '古い側');
  if (from.id === to.id) throw new DbError('INVALID', '同じ版どうしは比較できません。異なる2つの版を選んでください');
  const findings = new Map(lintVersions(sqlite, { issueIds: [issueId], roundId }).map((f) => [f.versionId, f.findings]));
  const findingsOf = (v: IssueVersion) =>
    findings.get(v.id) ?? lintVersions(sqlite, { issueIds: [issueId], label: v.label, roundId })[0]?.findings ?? [];
  const side = (v: IssueVersion): VersionSide => ({
    id: v.id,
    label: v.label,
    asOf: v.asOf,
    number: v.number,
    printedNumber: `課題${row.level} (${v.number})`,
    findings: findingsOf(v),
  });
  return {
    issueId,
    key: row.key,
    level: row.level,
    title: row.title,
    versions: versions.map((v) => ({ id: v.id, label: v.label, asOf: v.asOf })),
    from: side(from),
    to: side(to),
    numberChanged: from.number !== to.number,
    fields: compareFields(from, to),
    note: getNote(sqlite, issueId, from.id, to.id),
  };
}
