// The audit log, the reading side. Every change is recorded inside the transaction that makes it
// by recordChange (db/write/change.ts).
import type Database from 'better-sqlite3';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: number | null;
  issueId?: number | null;
  roundId?: number | null;
  before?: unknown;
  after?: unknown;
  revertsId?: number | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  issueId: number | null;
  roundId: number | null;
  before: unknown;
  after: unknown;
  revertsId: number | null;
}

interface RawAudit {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  issue_id: number | null;
  round_id: number | null;
  before: string | null;
  after: string | null;
  reverts_id: number | null;
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

function fromRaw(r: RawAudit): AuditRow {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    issueId: r.issue_id,
    roundId: r.round_id,
    before: parse(r.before),
    after: parse(r.after),
    revertsId: r.reverts_id,
  };
}

export function getAudit(sqlite: Database.Database, id: number): AuditRow | undefined {
  const r = sqlite.prepare('SELECT * FROM audit_log WHERE id = ?').get(id) as RawAudit | undefined;
  return r && fromRaw(r);
}

export function listAuditForIssue(sqlite: Database.Database, issueId: number, limit = 100): AuditRow[] {
  const rows = sqlite
    .prepare('SELECT * FROM audit_log WHERE issue_id = ? ORDER BY id DESC LIMIT ?')
    .all(issueId, limit) as RawAudit[];
  return rows.map(fromRaw);
}
