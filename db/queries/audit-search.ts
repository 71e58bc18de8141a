// The audit screen's queries over a log that grows without bound (1,000,000 rows must page in
// well under 100 ms): newest first by (at, id), keyset pagination (a page starts below the
// last row of the previous one, never OFFSET), and each filter served by an index that already
// ends in `at` (actor, round, entity; issue by issue id). Counting is separate, so the first
// page never waits for it.
import type Database from 'better-sqlite3';
import { issueKey } from './issues.js';
import type { AuditRow } from './audit.js';

export interface AuditCursor {
  at: string;
  id: number;
}

export interface AuditFilter {
  actor?: string;
  issueId?: number;
  roundId?: number;
  entity?: string;
  /** ISO 8601 UTC instants; `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
}

export interface AuditListRow extends AuditRow {
  /** 会計-A-1, when the entry is about an issue. */
  issueKey: string | null;
  /** The round's current label, when the entry is about a round that still exists. */
  roundLabel: string | null;
  /** Id of the entry that undid this one, if any. */
  undoneBy: number | null;
}

export interface AuditPage {
  rows: AuditListRow[];
  /** Where the next page starts; null on the last page. */
  next: AuditCursor | null;
}

/** Bulk entries keep their row ids for undo; the list does not need them (they can be large). */
const LIGHT_JSON = (col: string) => `CASE WHEN length(${col}) > 2000 THEN json_remove(${col}, '$.groups') ELSE ${col} END`;

function where(f: AuditFilter, cursor?: AuditCursor): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.actor !== undefined) {
    parts.push('a.actor = @actor');
    params.actor = f.actor;
  }
  if (f.issueId !== undefined) {
    // The issue's own entries, and the bulk rank / 所見 changes that included it (one entry for many
    // issues, items [issueId, value, carried]: see db/queries/issue-history.ts; instr skips the
    // entries without it before their items are expanded).
    parts.push(`(a.issue_id = @issueId OR (a.entity = 'evaluations' AND instr(a.after, @issueNeedle) > 0
      AND EXISTS (SELECT 1 FROM json_each(a.after, '$.items') j WHERE json_extract(j.value, '$[0]') = @issueId)))`);
    params.issueId = f.issueId;
    params.issueNeedle = `[${f.issueId},`;
  }
  if (f.roundId !== undefined) {
    parts.push('a.round_id = @roundId');
    params.roundId = f.roundId;
  }
  if (f.entity !== undefined) {
    parts.push('a.entity = @entity');
    params.entity = f.entity;
  }
  if (f.from !== undefined) {
    parts.push('a.at >= @from');
    params.from = f.from;
  }
  if (f.to !== undefined) {
    parts.push('a.at < @to');
    params.to = f.to;
  }
  if (cursor) {
    // A row value comparison: SQLite turns it into a range on the (…, at, rowid) index.
    parts.push('(a.at, a.id) < (@cursorAt, @cursorId)');
    params.cursorAt = cursor.at;
    params.cursorId = cursor.id;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

interface Raw {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  issueId: number | null;
  roundId: number | null;
  before: string | null;
  after: string | null;
  revertsId: number | null;
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

/** Issue keys and round labels for one page's rows (a page is small; no join in the page query). */
function names(sqlite: Database.Database, rows: Raw[]): { keys: Map<number, string>; labels: Map<number, string>; undone: Map<number, number> } {
  const issueIds = [...new Set(rows.map((r) => r.issueId).filter((x): x is number => x !== null))];
  const roundIds = [...new Set(rows.map((r) => r.roundId).filter((x): x is number => x !== null))];
  const keys = new Map(
    (
      sqlite
        .prepare(
          `SELECT i.id, o.short_name AS org, i.level, i.number FROM issues i JOIN organizations o ON o.id = i.organization_id
           WHERE i.id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(issueIds)) as { id: number; org: string; level: string; number: number }[]
    ).map((r) => [r.id, issueKey(r.org, r.level, r.number)]),
  );
  const labels = new Map(
    (sqlite.prepare('SELECT id, label FROM rounds WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(roundIds)) as { id: number; label: string }[]).map(
      (r) => [r.id, r.label],
    ),
  );
  const undone = new Map(
    (
      sqlite
        .prepare('SELECT reverts_id AS target, id FROM audit_log WHERE reverts_id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(rows.map((r) => r.id))) as { target: number; id: number }[]
    ).map((r) => [r.target, r.id]),
  );
  return { keys, labels, undone };
}

/** The page query (exported so tests can check its plan): one row more than the page, to know if there is a next. */
export function auditPageQuery(filter: AuditFilter, limit: number, cursor?: AuditCursor): { sql: string; params: Record<string, unknown> } {
  const w = where(filter, cursor);
  return {
    sql: `SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id AS entityId, a.issue_id AS issueId, a.round_id AS roundId,
              ${LIGHT_JSON('a.before')} AS before, ${LIGHT_JSON('a.after')} AS after, a.reverts_id AS revertsId
       FROM audit_log a ${w.sql} ORDER BY a.at DESC, a.id DESC LIMIT @limit`,
    params: { ...w.params, limit: limit + 1 },
  };
}

export function listAudit(sqlite: Database.Database, filter: AuditFilter, limit: number, cursor?: AuditCursor): AuditPage {
  const q = auditPageQuery(filter, limit, cursor);
  const raw = sqlite.prepare(q.sql).all(q.params) as Raw[];
  const page = raw.slice(0, limit);
  const { keys, labels, undone } = names(sqlite, page);
  const rows = page.map((r) => ({
    ...r,
    before: parse(r.before),
    after: parse(r.after),
    issueKey: r.issueId === null ? null : (keys.get(r.issueId) ?? null),
    roundLabel: r.roundId === null ? null : (labels.get(r.roundId) ?? null),
    undoneBy: undone.get(r.id) ?? null,
  }));
  const last = page.at(-1);
  return { rows, next: raw.length > limit && last ? { at: last.at, id: last.id } : null };
}

export function countAudit(sqlite: Database.Database, filter: AuditFilter): number {
  const w = where(filter);
  return sqlite.prepare(`SELECT count(*) FROM audit_log a ${w.sql}`).pluck().get(w.params) as number;
}

/**
 * Distinct values of an indexed column, one index seek per value (a "skip scan"): the people
 * and kinds of change in the filter lists, without reading the whole log.
 */
function distinct(sqlite: Database.Database, column: 'actor' | 'entity'): string[] {
  return sqlite
    .prepare(
      `WITH RECURSIVE v(x) AS (
         SELECT min(${column}) FROM audit_log
         UNION ALL
         SELECT (SELECT min(${column}) FROM audit_log WHERE ${column} > v.x) FROM v WHERE v.x IS NOT NULL
       ) SELECT x FROM v WHERE x IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
}

export function auditFacets(sqlite: Database.Database): { actors: string[]; entities: string[] } {
  return { actors: distinct(sqlite, 'actor'), entities: distinct(sqlite, 'entity') };
}
