// Issues and their versions: the grid's list query, one issue with its versions, readable keys.
import type Database from 'better-sqlite3';
import { searchTerms, termExpression } from '../search-index.js';
import { cached } from './result-cache.js';

export { resolveIssueKey } from './issue-key.js';

export type Level = 'A' | 'B' | 'C';
export const LEVELS: readonly Level[] = ['A', 'B', 'C'];

export const SORT_COLUMNS = ['org', 'number', 'level', 'title', 'rank', 'comment', 'updatedBy', 'updatedAt'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface IssueFilter {
  roundId: number;
  organizationIds?: number[];
  levels?: Level[];
  /** Rank values; `null` selects issues not yet ranked in the round. */
  ranks?: (string | null)[];
  text?: string;
  /** Only ranks carried over from the previous round and not confirmed yet (繰越). */
  carried?: boolean;
}

export interface IssueQuery extends IssueFilter {
  sort?: { column: SortColumn; desc: boolean }[];
  offset: number;
  limit: number;
}

export interface IssueRow {
  id: number;
  key: string;
  organizationId: number;
  organization: string;
  level: Level;
  number: number;
  title: string;
  rank: string | null;
  comment: string;
  updatedBy: string | null;
  updatedAt: string | null;
  /** The rank is carried over from the previous round and not confirmed yet (繰越). */
  carried: boolean;
  /** Number of 記載チェック findings on the latest version (filled by the contract's list). */
  findings?: number;
}

export interface IssueVersion {
  id: number;
  label: string;
  asOf: string;
  number: number;
  title: string;
  content: string | null;
  background: string | null;
  actions: string | null;
  progress: string | null;
  remarks: string | null;
}

export interface IssueDetail extends IssueRow {
  uid: string;
  organizationFullName: string;
  dataNote: string | null;
  versions: IssueVersion[];
}

export const issueKey = (organization: string, level: string, number: number): string =>
  `${organization}-${level}-${number}`;

const SORT_SQL: Record<SortColumn, string> = {
  org: 'o.display_order',
  number: 'i.number',
  level: 'i.level',
  title: 'i.title_sort',
  rank: 'r.sort_order',
  comment: "coalesce(e.comment_sort, '')",
  updatedBy: "coalesce(e.updated_by, '')",
  updatedAt: "coalesce(e.updated_at, '')",
};

const FROM = `
  FROM issues i
  JOIN organizations o ON o.id = i.organization_id
  LEFT JOIN evaluations e ON e.issue_id = i.id AND e.round_id = @roundId
  LEFT JOIN scale_ranks r ON r.scale_id = (SELECT scale_id FROM rounds WHERE id = @roundId) AND r.value = e.rank`;

interface Where {
  sql: string;
  params: Record<string, unknown>;
  /** The clause reads evaluations (e.*). */
  usesEvaluations: boolean;
  /** A text search is part of the filter. */
  searches: boolean;
}

/** WHERE clause shared by the list, the count and the summary, so they always agree. */
export function buildWhere(filter: IssueFilter): Where {
  const parts: string[] = [];
  const params: Record<string, unknown> = { roundId: filter.roundId };
  let usesEvaluations = false;
  if (filter.organizationIds?.length) {
    parts.push(`i.organization_id IN (SELECT value FROM json_each(@orgs))`);
    params.orgs = JSON.stringify(filter.organizationIds);
  }
  if (filter.levels?.length) {
    parts.push(`i.level IN (SELECT value FROM json_each(@levels))`);
    params.levels = JSON.stringify(filter.levels);
  }
  if (filter.ranks?.length) {
    usesEvaluations = true;
    const values = filter.ranks.filter((r): r is string => r !== null);
    const alt: string[] = [];
    if (values.length) {
      alt.push(`e.rank IN (SELECT value FROM json_each(@ranks))`);
      params.ranks = JSON.stringify(values);
    }
    if (filter.ranks.includes(null)) alt.push('e.rank IS NULL');
    parts.push(`(${alt.join(' OR ')})`);
  }
  if (filter.carried) {
    // Served by the partial index of unconfirmed carried rows.
    parts.push(`i.id IN (SELECT issue_id FROM evaluations WHERE round_id = @roundId AND carried = 1)`);
  }
  // Every term must occur in the issue's indexed text (title, ①–⑤, key, 局区 names, 事務局メモ)
  // or in its 所見 of this round: both from the bigram index (comment_search holds each
  // evaluation's 所見), one set of ids the planner can walk instead of testing every issue.
  const terms = filter.text ? searchTerms(filter.text) : [];
  terms.forEach((term, n) => {
    parts.push(
      `i.id IN (SELECT rowid FROM issue_search WHERE issue_search MATCH @match${n}
        UNION SELECT ce.issue_id FROM comment_search JOIN evaluations ce ON ce.id = comment_search.rowid
          WHERE comment_search MATCH @match${n} AND ce.round_id = @roundId)`,
    );
    params[`match${n}`] = termExpression(term);
  });
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params, usesEvaluations, searches: terms.length > 0 };
}

const EVALUATION_JOIN = 'LEFT JOIN evaluations e ON e.issue_id = i.id AND e.round_id = @roundId';
const RANK_JOIN = 'LEFT JOIN scale_ranks r ON r.scale_id = (SELECT scale_id FROM rounds WHERE id = @roundId) AND r.value = e.rank';

/**
 * ORDER BY for the page query. The default order (局区 display order, level, number) and the
 * title order are served by indexes; other sorts end with the id as the only tie-breaker, so
 * SQLite can stop at the page instead of sorting wide rows.
 */
function orderBy(sort: IssueQuery['sort']): { sql: string; needs: Set<'e' | 'r'> } {
  const needs = new Set<'e' | 'r'>();
  const terms = (sort ?? []).map(({ column, desc }) => {
    const expr = SORT_SQL[column];
    if (column === 'rank') needs.add('e').add('r');
    if (column === 'comment' || column === 'updatedBy' || column === 'updatedAt') needs.add('e');
    // Unranked rows go last whichever the direction.
    const nulls = column === 'rank' ? `${expr} IS NULL, ` : '';
    return `${nulls}${expr} ${desc ? 'DESC' : 'ASC'}`;
  });
  if (terms.length === 0) terms.push('o.display_order', 'o.id', 'i.level', 'i.number');
  else terms.push('i.id');
  return { sql: `ORDER BY ${terms.join(', ')}`, needs };
}

const ROW_COLUMNS = `i.id, o.id AS organizationId, o.short_name AS organization, i.level, i.number, i.title,
  e.rank, coalesce(e.comment, '') AS comment, e.updated_by AS updatedBy, e.updated_at AS updatedAt,
  coalesce(e.carried, 0) AS carried`;

type RawRow = Omit<IssueRow, 'key' | 'carried'> & { carried: number };
const withKey = (r: RawRow): IssueRow => ({ ...r, carried: r.carried === 1, key: issueKey(r.organization, r.level, r.number) });

/** Counts with only the joins the filter needs (the count is the costliest part of a list). */
export function countIssues(sqlite: Database.Database, filter: IssueFilter): number {
  const where = buildWhere(filter);
  const join = where.usesEvaluations ? EVALUATION_JOIN : '';
  const sql = `SELECT count(*) FROM issues i ${join} ${where.sql}`;
  return cached(sqlite, `count|${sql}|${JSON.stringify(where.params)}`, () => sqlite.prepare(sql).pluck().get(where.params) as number);
}

function idQuery(query: Omit<IssueQuery, 'offset' | 'limit'>): { sql: string; params: Record<string, unknown>; sortsAll: boolean } {
  const where = buildWhere(query);
  const order = orderBy(query.sort);
  const joins = [
    'JOIN organizations o ON o.id = i.organization_id',
    where.usesEvaluations || order.needs.has('e') ? EVALUATION_JOIN : '',
    order.needs.has('r') ? RANK_JOIN : '',
  ].join(' ');
  // Sorts no index can serve (rank, 所見, 更新者, 更新日時) and search results (ordered after the
  // match) sort every matching row.
  return { sql: `SELECT i.id FROM issues i ${joins} ${where.sql} ${order.sql}`, params: where.params, sortsAll: order.needs.size > 0 || where.searches };
}

/** Every id of the filter in the grid's order (kept per database state, as the pages share it). */
export function listIssueIds(sqlite: Database.Database, query: Omit<IssueQuery, 'offset' | 'limit'>): number[] {
  const q = idQuery(query);
  return cached(sqlite, `ids|${q.sql}|${JSON.stringify(q.params)}`, () => sqlite.prepare(q.sql).pluck().all(q.params) as number[]);
}

/** Where an issue stands in the grid's order (-1: not in the filter): keeps it selected after a sort. */
export function issuePosition(sqlite: Database.Database, query: Omit<IssueQuery, 'offset' | 'limit'>, issueId: number): number {
  return listIssueIds(sqlite, query).indexOf(issueId);
}

/**
 * One page of the grid, in two steps: the ids of the page (narrow rows, index-ordered where
 * possible), then those rows in full. `total` is counted for the first page only (offset 0);
 * later pages of the same query return null.
 */
export function listIssues(sqlite: Database.Database, query: IssueQuery): { total: number | null; rows: IssueRow[] } {
  const q = idQuery(query);
  // Orders that sort every matching row keep that order per database state, so that scrolling
  // through the pages does not sort again.
  const all = q.sortsAll ? listIssueIds(sqlite, query) : null;
  const ids = all
    ? all.slice(query.offset, query.offset + query.limit)
    : (sqlite.prepare(`${q.sql} LIMIT @limit OFFSET @offset`).pluck().all({ ...q.params, limit: query.limit, offset: query.offset }) as number[]);
  const rows = ids.length
    ? (sqlite
        .prepare(`SELECT ${ROW_COLUMNS} ${FROM} WHERE i.id IN (SELECT value FROM json_each(@ids))`)
        .all({ roundId: query.roundId, ids: JSON.stringify(ids) }) as RawRow[])
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    // Every id of the filter is at hand when the order sorted them all (a search, a rank sort): no
    // second pass over the matches to count them.
    total: query.offset === 0 ? (all ? all.length : countIssues(sqlite, query)) : null,
    rows: ids.map((id) => withKey(byId.get(id)!)),
  };
}

export function getIssueRow(sqlite: Database.Database, issueId: number, roundId: number): IssueRow | undefined {
  const r = sqlite
    .prepare(`SELECT ${ROW_COLUMNS} ${FROM} WHERE i.id = @issueId`)
    .get({ roundId, issueId }) as RawRow | undefined;
  return r && withKey(r);
}

export function listVersions(sqlite: Database.Database, issueId: number): IssueVersion[] {
  return sqlite
    .prepare(
      `SELECT id, label, as_of AS asOf, number, title, content, background, actions, progress, remarks
       FROM issue_versions WHERE issue_id = ? ORDER BY as_of, id`,
    )
    .all(issueId) as IssueVersion[];
}

export function getIssue(sqlite: Database.Database, issueId: number, roundId: number): IssueDetail | undefined {
  const row = getIssueRow(sqlite, issueId, roundId);
  if (!row) return undefined;
  const extra = sqlite
    .prepare(
      `SELECT i.uid, o.full_name AS organizationFullName, i.data_note AS dataNote
       FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE i.id = ?`,
    )
    .get(issueId) as { uid: string; organizationFullName: string; dataNote: string | null };
  return { ...row, ...extra, versions: listVersions(sqlite, issueId) };
}

/**
 * Resolves a readable key (会計-A-1, 財変-B-4; full-width digits and spaces tolerated) or an
 * internal id written as `#12` to the issue's id.
 */

/** Whether the database holds any issue (the sample goes only into an empty one). */
export const hasIssues = (sqlite: Database.Database): boolean => sqlite.prepare('SELECT 1 FROM issues LIMIT 1').get() !== undefined;

export const issueExists = (sqlite: Database.Database, issueId: number): boolean => sqlite.prepare('SELECT 1 FROM issues WHERE id = ?').get(issueId) !== undefined;

/** How many of `versionIds` are versions of the issue. */
export const versionsOfIssue = (sqlite: Database.Database, issueId: number, versionIds: number[]): number =>
  sqlite.prepare('SELECT count(*) FROM issue_versions WHERE issue_id = ? AND id IN (SELECT value FROM json_each(?))').pluck().get(issueId, JSON.stringify(versionIds)) as number;
