// Every issue with its evaluation in one round, in the printed order (局区 display order, level,
// number), in one scan: for whole-set readers such as the publication, where paging through the
// grid query (allRows) would re-sort and skip rows page after page.
import type Database from 'better-sqlite3';
import { issueKey, type IssueRow } from './issues.js';

type Raw = Omit<IssueRow, 'key' | 'carried'> & { carried: number };

export function roundRows(sqlite: Database.Database, roundId: number): IssueRow[] {
  const rows = sqlite
    .prepare(
      `SELECT i.id, o.id AS organizationId, o.short_name AS organization, i.level, i.number, i.title,
         e.rank, coalesce(e.comment, '') AS comment, e.updated_by AS updatedBy, e.updated_at AS updatedAt,
         coalesce(e.carried, 0) AS carried
       FROM issues i JOIN organizations o ON o.id = i.organization_id
       LEFT JOIN evaluations e ON e.issue_id = i.id AND e.round_id = ?
       ORDER BY o.display_order, o.id, i.level, i.number`,
    )
    .all(roundId) as Raw[];
  return rows.map((r) => ({ ...r, carried: r.carried === 1, key: issueKey(r.organization, r.level, r.number) }));
}
