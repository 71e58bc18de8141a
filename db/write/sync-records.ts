// Field-level change records for team sync (issue 12). recordChange calls emitSyncRecords in the
// transaction of every change: once this database is joined to a shared dataset (sync_state has
// an actor), each changed field of shared data becomes a record with a global id, the actor
// (user + PC), before, after and a clock stamp, stored in sync_records and queued in sync_outbox.
// The merged value of the field is then recomputed from all its records (./sync-apply.ts), so
// this PC and every other reach the same value from the same set of records.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { keyJson, SHARED_SETTING_FIELDS, SHARED_SETTING_KEYS, STRUCTURE_ORDER, type ChangeRecord, type RecordKind } from '../../common/sync-record.js';
import { readSyncState } from '../queries/sync.js';
import { statement } from '../statements.js';
import { writeTransaction, type Change } from './change.js';
import { mergeKey } from './sync-apply.js';
import { hlcIso, receiveClock, tickClock } from './sync-clock.js';
import { roundRowOf } from './sync-rows.js';

export function writeSyncState(sqlite: Database.Database, key: string, value: string | null): void {
  if (value === null) statement(sqlite, 'DELETE FROM sync_state WHERE key = ?').run(key);
  else statement(sqlite, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Leaves sync: this database works alone again (its records stay as history). */
export function clearSyncState(sqlite: Database.Database): void {
  statement(sqlite, "DELETE FROM sync_state WHERE key <> 'hlc'").run();
  statement(sqlite, 'DELETE FROM sync_outbox').run();
}

const issueUid = (sqlite: Database.Database, id: number | null | undefined): string | undefined =>
  id == null ? undefined : (statement(sqlite, 'SELECT uid FROM issues WHERE id = ?', 'pluck').get(id) as string | undefined);
const roundLabel = (sqlite: Database.Database, id: number | null | undefined): string | undefined =>
  id == null ? undefined : (statement(sqlite, 'SELECT label FROM rounds WHERE id = ?', 'pluck').get(id) as string | undefined);
const versionLabel = (sqlite: Database.Database, id: unknown): string | undefined =>
  typeof id !== 'number' ? undefined : (statement(sqlite, 'SELECT label FROM issue_versions WHERE id = ?', 'pluck').get(id) as string | undefined);

export type Draft = Pick<ChangeRecord, 'kind' | 'key' | 'field' | 'before' | 'after'> & { supersedes?: string[] };
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The records one audited change makes; kinds not (yet) shared make none (see the README's merge rules). */
function draftsOf(sqlite: Database.Database, c: Change): Draft[] {
  const before = obj(c.before);
  const after = obj(c.after);
  switch (c.entity) {
    case 'evaluation': {
      // An import's (or 照会 collect's) own rows: sent by the import in its batch (emitEvaluationRecords).
      if (c.action === 'import.evaluation') return [];
      const issue = issueUid(sqlite, c.issueId);
      const round = roundLabel(sqlite, c.roundId);
      if (!issue || !round) return [];
      return ['rank', 'comment', 'carried']
        .filter((f) => f in after && !same(before[f], after[f]))
        .map((field) => ({ kind: 'evaluation', key: { issue, round }, field, before: before[field] ?? null, after: after[field] ?? null }));
    }
    case 'evaluations': {
      // A bulk rank / 所見 change (db/write/evaluations-bulk.ts) or its undo: one audit entry for
      // many issues, items [issueId, value, carried] in the same order before and after. Each issue
      // becomes its own field records, as if changed one by one, so the team gets every row.
      const round = roundLabel(sqlite, c.roundId);
      const field = after.field;
      if (!round || (field !== 'rank' && field !== 'comment')) return [];
      const olds = Array.isArray(before.items) ? (before.items as [number, string | null, boolean][]) : [];
      const news = Array.isArray(after.items) ? (after.items as [number, string | null, boolean][]) : [];
      return news.flatMap(([issueId, value, carried], i): Draft[] => {
        const issue = issueUid(sqlite, issueId);
        const old = olds[i];
        if (!issue || !old || old[0] !== issueId) return [];
        const drafts: Draft[] = [];
        if (!same(old[1], value)) drafts.push({ kind: 'evaluation', key: { issue, round }, field, before: old[1] ?? (field === 'comment' ? '' : null), after: value ?? (field === 'comment' ? '' : null) });
        if (old[2] !== carried) drafts.push({ kind: 'evaluation', key: { issue, round }, field: 'carried', before: old[2], after: carried });
        return drafts;
      });
    }
    case 'comparison_note': {
      const issue = issueUid(sqlite, c.issueId);
      const from = versionLabel(sqlite, after.from);
      const to = versionLabel(sqlite, after.to);
      if (!issue || !from || !to) return [];
      return [{ kind: 'note', key: { issue, from, to }, field: 'note', before: before.note ?? '', after: after.note ?? '' }];
    }
    case 'writing_rules': {
      const strip = (v: unknown) => (Array.isArray(v) ? v.map((r) => ({ ...obj(r), id: undefined })) : []);
      return [{ kind: 'rules', key: {}, field: 'rules', before: strip(c.before), after: strip(c.after) }];
    }
    case 'settings':
      return Object.keys(after).flatMap((k): Draft[] => {
        if (SHARED_SETTING_KEYS.includes(k)) return [{ kind: 'setting', key: { key: k }, field: 'value', before: before[k] ?? null, after: after[k] ?? null }];
        // A setting partly shared (the export defaults): only its team's fields, each on its own.
        const [was, now] = [obj(before[k]), obj(after[k])];
        return (SHARED_SETTING_FIELDS[k] ?? [])
          .filter((f) => f in now && !same(was[f], now[f]))
          .map((f) => ({ kind: 'setting', key: { key: k }, field: f, before: was[f] ?? null, after: now[f] ?? null }));
      });
    case 'round': {
      if (c.action === 'round.lock' || c.action === 'round.unlock') {
        const round = roundLabel(sqlite, c.roundId);
        if (!round) return [];
        const locked = c.action === 'round.lock' ? { at: after.lockedAt ?? null, by: c.actor } : null;
        return [{ kind: 'round_lock', key: { round }, field: 'locked', before: null, after: locked }];
      }
      // Create, edit, delete (or undo of a creation): the round's row by its label; null = deleted.
      type Fields = { label: string; title: string; asOf: string; meetingDate: string | null; scale: string };
      const row = (f: Record<string, unknown>) => roundRowOf(f as unknown as Fields);
      if (c.action === 'round.create') return [{ kind: 'round', key: { round: String(after.label) }, field: 'row', before: null, after: row(after) }];
      if (c.after === null && typeof before.label === 'string') return [{ kind: 'round', key: { round: before.label }, field: 'row', before: row(before), after: null }];
      if (c.action === 'round.update') {
        const now = statement(sqlite, 'SELECT r.label, r.title, r.as_of AS asOf, r.meeting_date AS meetingDate, s.name AS scale FROM rounds r JOIN scales s ON s.id = r.scale_id WHERE r.id = ?').get(
          c.roundId,
        ) as Fields | undefined;
        if (!now) return [];
        const was = { ...now, ...before } as Fields;
        return [{ kind: 'round', key: { round: now.label }, field: 'row', before: roundRowOf(was), after: roundRowOf(now) }];
      }
      return [];
    }
    case 'scale': {
      // Create, edit, delete of a ランク基準: its ranks by its name; null = deleted.
      const ranks = (v: Record<string, unknown>) => ({ ranks: Array.isArray(v.ranks) ? v.ranks : [] });
      const name = String((c.after === null ? before.name : after.name) ?? '');
      if (!name) return [];
      return [{ kind: 'scale', key: { scale: name }, field: 'row', before: c.before == null ? null : ranks(before), after: c.after === null ? null : ranks(after) }];
    }
    default:
      return [];
  }
}

/** Stores one record (this PC's or another's); false when it was already there. */
export function storeRecord(sqlite: Database.Database, r: ChangeRecord): boolean {
  const info = statement(
    sqlite,
    `INSERT OR IGNORE INTO sync_records (id, hlc, actor_user, actor_pc, action, kind, key, field, before, after, batch, supersedes, issue, round)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.hlc,
    r.actor.user,
    r.actor.pc,
    r.action,
    r.kind,
    keyJson(r.key),
    r.field,
    JSON.stringify(r.before ?? null),
    JSON.stringify(r.after ?? null),
    r.batch,
    r.supersedes?.length ? JSON.stringify(r.supersedes) : null,
    r.key.issue ?? null,
    r.key.round ?? null,
  );
  return info.changes > 0;
}

/** Makes, stores and queues the records of `change` (inside its transaction) when this database is shared. */
export function emitSyncRecords(sqlite: Database.Database, change: Change): string[] {
  if (!readSyncState(sqlite, 'actorId')) return [];
  const drafts = draftsOf(sqlite, change);
  // The records of one change share a batch id (a push never splits a transaction either).
  return emitDrafts(sqlite, drafts, { actor: change.actor, action: change.action, batch: drafts.length > 1 ? randomUUID() : null, supersedes: change.supersedes });
}

/**
 * The rank / 所見 / 繰越 an import or 照会 collect (or its undo) wrote to one evaluation, as
 * records of its batch: every row of one import shares the batch id, its undo has another.
 */
export function emitEvaluationRecords(
  sqlite: Database.Database,
  e: { issueId: number; roundId: number; before: Record<string, unknown> | null; after: Record<string, unknown> | null; actor: string; action: string; batch: string },
): void {
  if (!readSyncState(sqlite, 'actorId')) return;
  const empty = { rank: null, comment: '', carried: false };
  emitDrafts(sqlite, draftsOf(sqlite, { actor: e.actor, action: e.action, entity: 'evaluation', issueId: e.issueId, roundId: e.roundId, before: { ...empty, ...e.before }, after: { ...empty, ...e.after } }), e);
}

/**
 * Structural changes an import, a 照会 collect or their undo made (issues, versions, 局区), as
 * records of its batch (the same batch id as its ranks and 所見): ./imports.ts collects them.
 */
export function emitStructureDrafts(sqlite: Database.Database, drafts: Draft[], o: { actor: string; action: string; batch: string }): void {
  if (!readSyncState(sqlite, 'actorId')) return;
  emitDrafts(sqlite, drafts, o);
}

/** A person's choice settling a conflict of structural data (a version's text, a scale), as a record naming the heads it settles. */
export function emitResolution(sqlite: Database.Database, d: Draft, o: { actor: string; supersedes: string[] }): void {
  emitDrafts(sqlite, [d], { actor: o.actor, action: 'sync.resolve', batch: null, supersedes: o.supersedes });
}

/** Merge order: structure before what hangs on it (an issue before its versions and ranks). */
const mergeRank = (kind: RecordKind): number => {
  const i = STRUCTURE_ORDER.indexOf(kind);
  return i < 0 ? STRUCTURE_ORDER.length : i;
};

export function mergeTouched(sqlite: Database.Database, touched: Iterable<{ kind: RecordKind; key: string }>): void {
  const list = [...touched].sort((a, b) => mergeRank(a.kind) - mergeRank(b.kind));
  for (const t of list) mergeKey(sqlite, t.kind, t.key);
  // A 局区 or scale deleted goes only once nothing uses it: again after the issues and rounds went.
  for (const t of list) if (t.kind === 'organization' || t.kind === 'scale') mergeKey(sqlite, t.kind, t.key);
}

function emitDrafts(sqlite: Database.Database, drafts: Draft[], o: { actor: string; action: string; batch: string | null; supersedes?: string[] }): string[] {
  const actorId = readSyncState(sqlite, 'actorId');
  if (!actorId || drafts.length === 0) return [];
  const pc = readSyncState(sqlite, 'pc') ?? actorId;
  const ids: string[] = [];
  const touched = new Map<string, { kind: RecordKind; key: Record<string, string> }>();
  for (const d of drafts) {
    const record: ChangeRecord = {
      id: randomUUID(),
      hlc: tickClock(sqlite, actorId),
      actor: { user: o.actor, pc },
      action: o.action,
      batch: o.batch,
      ...d,
      ...(o.supersedes?.length ? { supersedes: o.supersedes } : {}),
    };
    storeRecord(sqlite, record);
    statement(sqlite, 'INSERT INTO sync_outbox (record_id) VALUES (?)').run(record.id);
    touched.set(`${d.kind}\u0000${keyJson(d.key)}`, { kind: d.kind, key: d.key });
    ids.push(record.id);
  }
  mergeTouched(sqlite, [...touched.values()].map((t) => ({ kind: t.kind, key: keyJson(t.key) })));
  return ids;
}

/** Gives the unsent records without a batch the next batch number (before the push, so a retry re-sends the same batch). */
export function assignOutboxBatch(sqlite: Database.Database, seq: number): number {
  return statement(sqlite, 'UPDATE sync_outbox SET batch_seq = ? WHERE batch_seq IS NULL').run(seq).changes;
}

/** The batch is on the share: its records leave the outbox. */
export function clearOutboxBatch(sqlite: Database.Database, seq: number): void {
  statement(sqlite, 'DELETE FROM sync_outbox WHERE batch_seq = ?').run(seq);
}

const ENTITY_OF: Record<RecordKind, string> = {
  evaluation: 'evaluation',
  note: 'comparison_note',
  rules: 'writing_rules',
  setting: 'settings',
  round_lock: 'round',
  organization: 'organization',
  scale: 'scale',
  round: 'round',
  issue: 'issue',
  version: 'version',
};

const withoutIssueUid = (key: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(key).filter(([k]) => k !== 'issue'));

/** Another PC's record in this PC's audit log (the log is the union of everyone's changes). */
function auditRemote(sqlite: Database.Database, r: ChangeRecord): void {
  // A version's title is its ①課題名 (common/audit-text.ts names the fields).
  const field = r.kind === 'version' && r.field === 'title' ? 'versionTitle' : r.field;
  const issueId = r.key.issue ? (statement(sqlite, 'SELECT id FROM issues WHERE uid = ?', 'pluck').get(r.key.issue) as number | undefined) : undefined;
  const roundId = r.key.round ? (statement(sqlite, 'SELECT id FROM rounds WHERE label = ?', 'pluck').get(r.key.round) as number | undefined) : undefined;
  statement(
    sqlite,
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, issue_id, round_id, before, after, reverts_id)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL)`,
  ).run(
    hlcIso(r.hlc),
    r.actor.user,
    r.action,
    ENTITY_OF[r.kind],
    issueId ?? null,
    roundId ?? null,
    // The issue is linked by issue_id; its uid means nothing to a reader.
    JSON.stringify({ [field]: r.before ?? null, ...withoutIssueUid(r.key) }),
    JSON.stringify({ [field]: r.after ?? null, pc: r.actor.pc }),
  );
}

export interface ApplyResult {
  applied: number;
  duplicates: number;
  /** Largest clock lead (ms) of a remote stamp over ours beyond the tolerance, with who. */
  skew: { ms: number; actor: string } | null;
}

/**
 * Takes other PCs' records (in one transaction with the caller's cursor update): stores the new
 * ones, advances the clock, audits them and re-merges every row they touch. Applying a record
 * twice changes nothing; the result depends only on the set of records stored.
 */
export function applyRemoteRecords(sqlite: Database.Database, records: ChangeRecord[], now = Date.now()): ApplyResult {
  const node = readSyncState(sqlite, 'actorId') ?? 'local';
  const touched = new Map<string, RecordKind>();
  let applied = 0;
  let maxHlc = '';
  let skewActor = '';
  const stored: ChangeRecord[] = [];
  for (const r of records) {
    if (!storeRecord(sqlite, r)) continue;
    applied += 1;
    stored.push(r);
    touched.set(`${r.kind}\u0000${keyJson(r.key)}`, r.kind);
    if (r.hlc > maxHlc) {
      maxHlc = r.hlc;
      skewActor = `${r.actor.user} (${r.actor.pc})`;
    }
  }
  // Structure first (局区, scales, rounds, their locks — which decide what is held —, issues,
  // versions), then the rows that hang on them.
  mergeTouched(sqlite, [...touched].map(([k, kind]) => ({ kind, key: k.slice(k.indexOf('\u0000') + 1) })));
  // Audited after the merge, so an issue or round the records created is linked (and named) in the log.
  for (const r of stored) auditRemote(sqlite, r);
  const skewMs = maxHlc ? receiveClock(sqlite, node, maxHlc, now) : 0;
  return { applied, duplicates: records.length - applied, skew: skewMs ? { ms: skewMs, actor: skewActor } : null };
}

/** Starts a push: the unsent records without a batch get the next batch number (one transaction). */
export function beginOutboxBatch(sqlite: Database.Database): void {
  writeTransaction(sqlite, () => {
    const seq = Number(readSyncState(sqlite, 'nextSeq') ?? '1');
    if (assignOutboxBatch(sqlite, seq) > 0) writeSyncState(sqlite, 'nextSeq', String(seq + 1));
  });
}

export function finishOutboxBatch(sqlite: Database.Database, seq: number): void {
  writeTransaction(sqlite, () => clearOutboxBatch(sqlite, seq));
}

/** A pull: the records and the new cursor in one transaction (a crash repeats the pull, harmlessly). */
export function applyPulled(sqlite: Database.Database, records: ChangeRecord[], cursor: string, now = Date.now()): ApplyResult {
  return writeTransaction(sqlite, () => {
    const result = applyRemoteRecords(sqlite, records, now);
    writeSyncState(sqlite, 'cursor', cursor);
    return result;
  });
}

/** Several state values at once (one transaction). */
export function writeSyncStates(sqlite: Database.Database, values: Record<string, string | null>): void {
  writeTransaction(sqlite, () => {
    for (const [k, v] of Object.entries(values)) writeSyncState(sqlite, k, v);
  });
}

/**
 * This PC's own settings, dropped from a copy made from someone else's snapshot (the keys of
 * settings-service.ts, export-defaults.ts, backups/policy.ts and settings/grid-layout.ts) — but for
 * their team's fields (SHARED_SETTING_FIELDS), which are kept.
 */
export const THIS_PC_SETTING_KEYS = ['displayName', 'export.defaults', 'backups.policy', 'layout.grid'];

/** Makes a database built from the share's snapshot this PC's: a new actor, no one else's outbox or settings. */
export function joinAsActor(sqlite: Database.Database, s: { actorId: string; pc: string; location: string; datasetId: string; cursor: string }): void {
  writeTransaction(sqlite, () => {
    statement(sqlite, 'DELETE FROM sync_state').run();
    statement(sqlite, 'DELETE FROM sync_outbox').run();
    for (const k of THIS_PC_SETTING_KEYS) {
      const shared = SHARED_SETTING_FIELDS[k] ?? [];
      const raw = statement(sqlite, 'SELECT value FROM settings WHERE key = ?', 'pluck').get(k) as string | undefined;
      const value = raw === undefined ? {} : obj(JSON.parse(raw));
      const kept = Object.fromEntries(shared.filter((f) => f in value).map((f) => [f, value[f]]));
      if (Object.keys(kept).length > 0) statement(sqlite, 'UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(kept), k);
      else statement(sqlite, 'DELETE FROM settings WHERE key = ?').run(k);
    }
    writeSyncState(sqlite, 'actorId', s.actorId);
    writeSyncState(sqlite, 'pc', s.pc);
    writeSyncState(sqlite, 'location', s.location);
    writeSyncState(sqlite, 'datasetId', s.datasetId);
    writeSyncState(sqlite, 'cursor', s.cursor);
  });
}

/**
 * A restore on a joined PC leaves the share: old data must never be pushed into the team's
 * dataset by surprise. The restored copy works alone; joining again starts from the share's
 * snapshot (`xpw share join`). Returns whether the copy had been shared.
 */
export function leaveShareForRestore(sqlite: Database.Database): boolean {
  const hasTable = statement(sqlite, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'", 'pluck').get() !== undefined;
  if (!hasTable) return false;
  const shared = readSyncState(sqlite, 'actorId') !== null;
  if (shared) clearSyncState(sqlite);
  return shared;
}
