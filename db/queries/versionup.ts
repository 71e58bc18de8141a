// Reads behind 版の比較, バージョンアップ状況 and 記載チェック: versions by label, the latest versions
// with the rank context of a round, and issue keys.
import type Database from 'better-sqlite3';
import { statement } from '../statements.js';
import type { IssueVersion, Level } from './issues.js';

export type VersionTexts = Pick<IssueVersion, 'title' | 'content' | 'background' | 'actions' | 'progress'>;

/** Issues of the levels, in the organizations' display order. */
export const issuesOfLevels = (sqlite: Database.Database, levels: Level[]): { id: number; organization: string; level: Level; number: number; title: string }[] =>
  sqlite
    .prepare(
      `SELECT i.id, o.short_name AS organization, i.level, i.number, i.title FROM issues i
       JOIN organizations o ON o.id = i.organization_id
       WHERE i.level IN (SELECT value FROM json_each(?)) ORDER BY o.display_order, i.level, i.number`,
    )
    .all(JSON.stringify(levels)) as { id: number; organization: string; level: Level; number: number; title: string }[];

/** The texts of an issue's version with this label, if it has one. */
export const versionTextsByLabel = (sqlite: Database.Database, issueId: number, label: string): VersionTexts | undefined =>
  statement(sqlite, 'SELECT id, title, content, background, actions, progress FROM issue_versions WHERE issue_id = ? AND label = ?').get(issueId, label) as
    | VersionTexts
    | undefined;

/** Distinct version labels, oldest first (for the pair pickers). */
export const versionLabels = (sqlite: Database.Database): string[] =>
  sqlite.prepare('SELECT label FROM issue_versions GROUP BY label ORDER BY min(as_of), label').pluck().all() as string[];

/** The latest round (by as-of period, then id), if any. */
export const latestRoundId = (sqlite: Database.Database): number | undefined =>
  sqlite.prepare('SELECT id FROM rounds ORDER BY as_of DESC, id DESC LIMIT 1').pluck().get() as number | undefined;

export interface LintedVersion extends VersionTexts {
  issueId: number;
  versionId: number;
  label: string;
  /** The sort order of the issue's rank in the round (null: not ranked). */
  rankOrder: number | null;
}

/**
 * Every issue's version with `label`, or its latest version when no label is given, with the
 * issue's rank in `roundId` as its order in the round's scale.
 */
export function versionsToLint(sqlite: Database.Database, roundId: number, label?: string, issueIds?: number[]): LintedVersion[] {
  const pick = label
    ? 'v.label = @label'
    : 'v.id = (SELECT v2.id FROM issue_versions v2 WHERE v2.issue_id = v.issue_id ORDER BY v2.as_of DESC, v2.id DESC LIMIT 1)';
  const only = issueIds?.length ? 'AND v.issue_id IN (SELECT value FROM json_each(@ids))' : '';
  return sqlite
    .prepare(
      `SELECT v.issue_id AS issueId, v.id AS versionId, v.label, v.title, v.content, v.background, v.actions, v.progress,
              r.sort_order AS rankOrder
       FROM issue_versions v
       LEFT JOIN evaluations e ON e.issue_id = v.issue_id AND e.round_id = @roundId
       LEFT JOIN scale_ranks r ON r.scale_id = (SELECT scale_id FROM rounds WHERE id = @roundId) AND r.value = e.rank
       WHERE ${pick} ${only} ORDER BY v.issue_id`,
    )
    .all({ roundId, label: label ?? null, ids: JSON.stringify(issueIds ?? []) }) as LintedVersion[];
}

/** 会計-A-1 for an issue id. */
export const issueKeyOf = (sqlite: Database.Database, issueId: number): string =>
  statement(sqlite, `SELECT o.short_name || '-' || i.level || '-' || i.number FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE i.id = ?`, 'pluck').get(
    issueId,
  ) as string;
