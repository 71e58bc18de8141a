// Every row of a grid query, page by page (the list query caps a page at 2,000 rows).
import type Database from 'better-sqlite3';
import { listIssues, type IssueQuery, type IssueRow } from '../../../../db/queries/issues.js';

const PAGE = 2000;

export function allRows(sqlite: Database.Database, query: Omit<IssueQuery, 'offset' | 'limit'>): IssueRow[] {
  const out: IssueRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = listIssues(sqlite, { ...query, offset, limit: PAGE });
    out.push(...rows);
    if (rows.length < PAGE) return out;
  }
}
