// Small reads the meeting materials need beyond the grid's list and the summary.
import type Database from 'better-sqlite3';
import { statement } from '../statements.js';
import type { Level } from './issues.js';

/** Short names of the given 局区, in display order (a sheet's filter line). */
export const organizationShortNames = (sqlite: Database.Database, ids: number[]): string[] =>
  sqlite
    .prepare('SELECT short_name FROM organizations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY display_order')
    .pluck()
    .all(JSON.stringify(ids)) as string[];

/** Levels that have at least one rank in the round. */
export const rankedLevels = (sqlite: Database.Database, roundId: number): Level[] =>
  sqlite
    .prepare(
      `SELECT DISTINCT i.level FROM evaluations e JOIN issues i ON i.id = e.issue_id
       WHERE e.round_id = ? AND e.rank IS NOT NULL ORDER BY i.level`,
    )
    .pluck()
    .all(roundId) as Level[];

/** B/C issues with at least two versions, in the organizations' display order. */
export const comparableIssueIds = (sqlite: Database.Database): number[] =>
  sqlite
    .prepare(
      `SELECT i.id FROM issues i JOIN organizations o ON o.id = i.organization_id
       WHERE i.level IN ('B', 'C') AND (SELECT count(*) FROM issue_versions v WHERE v.issue_id = i.id) >= 2
       ORDER BY o.display_order, o.id, i.level, i.number`,
    )
    .pluck()
    .all() as number[];

/** The 局区 an issue belongs to. */
export const organizationOfIssue = (sqlite: Database.Database, issueId: number): { shortName: string; fullName: string } =>
  statement(sqlite, 'SELECT o.short_name AS shortName, o.full_name AS fullName FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE i.id = ?').get(
    issueId,
  ) as { shortName: string; fullName: string };
