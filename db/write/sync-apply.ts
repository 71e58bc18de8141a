// The merge of team sync: the value of every shared field is a function of the SET of its change
// records, never of the order they arrived in, so every PC that holds the same records holds the
// same data. mergeKey recomputes one row from all its records and writes the result; it is called
// for every row a new record touches (this PC's in recordChange, others' in a sync pass).
//
// Rules (README, 「共有フォルダでのチーム作業」):
// - evaluation (rank, 所見, 繰越 flag), setting, round lock: last writer wins by clock stamp (hlc,
//   then record id); the losers stay in sync_records (history) and in the audit log.
// - note (事務局メモ), rules: the same, plus conflict detection: a record is "superseded" when a
//   later record started from its value (before = its after) or a resolution names it; the ones
//   left are the heads; two heads with different values are a conflict (要確認, sync_conflicts) until
//   a resolution (itself a record) supersedes them.
// - a locked round: evaluation records stamped after the lock are held (not applied, listed) until
//   the round is unlocked; records stamped before it apply.
import type Database from 'better-sqlite3';
import { isConflictField, keyJson, type RecordKind } from '../../common/sync-record.js';
import { jaSortKey } from '../sort-key.js';
import { noteIds, recordsOfKey, type SyncRecordRow } from '../queries/sync.js';
import { indexComment } from '../search-index.js';
import { statement } from '../statements.js';
import { hlcIso } from './sync-clock.js';
import { updateConflict } from './sync-conflicts.js';
import {
  groupOf,
  groupRecords,
  issueDeleted,
  issueDependents,
  mergeIssueGroup,
  mergeOrganization,
  mergeRound,
  mergeScale,
  mergeVersion,
  organizationDependents,
  placeIssue,
  scaleDependents,
  survivorOf,
  roundDeletionStamp,
  roundDependents,
} from './sync-structure.js';

export { headsOf } from './sync-conflicts.js';

const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

interface Lock {
  /** The lock record's stamp; '' when the round was locked before sharing. */
  stamp: string;
  by: string;
  at: string;
}

/** The lock of a round as merged, or null when it is open. */
function lockOf(sqlite: Database.Database, round: string): Lock | null {
  const last = recordsOfKey(sqlite, 'round_lock', JSON.stringify({ round })).at(-1);
  if (last) return parse(last.after) === null ? null : { stamp: last.hlc, by: last.actor_user, at: hlcIso(last.hlc) };
  const r = statement(sqlite, 'SELECT locked_at AS at, locked_by AS by FROM rounds WHERE label = ?').get(round) as { at: string | null; by: string | null } | undefined;
  return r?.at ? { stamp: '', by: r.by ?? '', at: r.at } : null;
}

/** Records held back because their round was locked before they were stamped (listed by heldRecords). */
export const isHeld = (r: SyncRecordRow, lock: Lock | null): boolean => lock !== null && r.hlc > lock.stamp;

function mergeEvaluation(sqlite: Database.Database, key: string, all: SyncRecordRow[]): void {
  const { issue, round } = JSON.parse(key) as { issue: string; round: string };
  const ids = statement(
    sqlite,
    'SELECT i.id AS issueId, r.id AS roundId FROM issues i, rounds r WHERE i.uid = ? AND r.label = ?',
  ).get(issue, round) as { issueId: number; roundId: number } | undefined;
  if (!ids) return; // the issue or round is not (yet) on this PC: applied when it arrives
  // Records older than the round's latest deletion belonged to the deleted round of that label.
  const deleted = roundDeletionStamp(sqlite, round);
  const recs = deleted ? all.filter((r) => r.hlc > deleted) : all;
  if (recs.length === 0) {
    // All its records belonged to a deleted round of this label: a row left from then goes.
    statement(sqlite, 'DELETE FROM evaluations WHERE issue_id = ? AND round_id = ?').run(ids.issueId, ids.roundId);
    return;
  }
  const lock = lockOf(sqlite, round);
  const live = recs.filter((r) => !isHeld(r, lock));
  // Per field: the last live record's value; a field whose every record is held goes back to the
  // value its first record started from (the value at the lock), dated by the lock.
  const value = new Map<string, unknown>();
  for (const r of [...recs].reverse()) value.set(r.field, parse(r.before));
  for (const r of live) value.set(r.field, parse(r.after));
  const last = live.at(-1);
  const by = last ? last.actor_user : lock!.by;
  const at = last ? hlcIso(last.hlc) : lock!.at;
  const cur = statement(sqlite, 'SELECT rank, comment, carried FROM evaluations WHERE issue_id = ? AND round_id = ?').get(ids.issueId, ids.roundId) as
    | { rank: string | null; comment: string; carried: number }
    | undefined;
  const rank = value.has('rank') ? ((value.get('rank') ?? null) as string | null) : (cur?.rank ?? null);
  const comment = value.has('comment') ? String(value.get('comment') ?? '') : (cur?.comment ?? '');
  const carried = value.has('carried') ? (value.get('carried') ? 1 : 0) : (cur?.carried ?? 0);
  statement(
    sqlite,
    `INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, carried, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (issue_id, round_id) DO UPDATE SET rank = excluded.rank, comment = excluded.comment,
         comment_sort = excluded.comment_sort, carried = excluded.carried,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(ids.issueId, ids.roundId, rank, comment, comment ? jaSortKey(comment) : '', carried, by, at);
  if (comment !== (cur?.comment ?? '')) {
    const id = statement(sqlite, 'SELECT id FROM evaluations WHERE issue_id = ? AND round_id = ?', 'pluck').get(ids.issueId, ids.roundId) as number;
    indexComment(sqlite, id, comment);
  }
}

function mergeNote(sqlite: Database.Database, key: string, win: SyncRecordRow): void {
  const ids = noteIds(sqlite, JSON.parse(key) as { issue: string; from: string; to: string });
  if (!ids) return;
  const note = String(parse(win.after) ?? '');
  if (note === '') {
    statement(sqlite, 'DELETE FROM comparison_notes WHERE issue_id = ? AND from_version_id = ? AND to_version_id = ?').run(ids.issueId, ids.fromId, ids.toId);
    return;
  }
  statement(
    sqlite,
    `INSERT INTO comparison_notes (issue_id, from_version_id, to_version_id, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (issue_id, from_version_id, to_version_id)
       DO UPDATE SET note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(ids.issueId, ids.fromId, ids.toId, note, win.actor_user, hlcIso(win.hlc));
}

function mergeRules(sqlite: Database.Database, win: SyncRecordRow): void {
  const rules = (parse(win.after) ?? []) as { kind: string; field: string; params: unknown; message: string; enabled: boolean; sortOrder: number }[];
  statement(sqlite, 'DELETE FROM writing_rules').run();
  const ins = statement(sqlite, 'INSERT INTO writing_rules (kind, field, params, message, enabled, sort_order) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of rules) ins.run(r.kind, r.field, JSON.stringify(r.params ?? {}), r.message, r.enabled ? 1 : 0, r.sortOrder);
}

function mergeRoundLock(sqlite: Database.Database, key: string, win: SyncRecordRow): void {
  const { round } = JSON.parse(key) as { round: string };
  const lock = parse(win.after) as { at: string | null; by: string } | null;
  statement(sqlite, 'UPDATE rounds SET locked_at = ?, locked_by = ? WHERE label = ?').run(lock?.at ?? null, lock?.by ?? null, round);
  // Holding depends on the lock: re-merge the round's evaluations.
  for (const k of roundDependents(sqlite, round)) mergeKey(sqlite, 'evaluation', k);
}

/** An issue's record arrived (or was made): place its uid (merged issues), write the issue, then every row that hangs on it. */
function mergeIssue(sqlite: Database.Database, key: string): void {
  const { issue } = JSON.parse(key) as { issue: string };
  // Dead generations first: a live one may take the key (and the row) after them.
  const survivors = placeIssue(sqlite, issue);
  for (const survivor of survivors) {
    // Its 局区, deleted here meanwhile but in use by this issue: back first (a function of the records).
    const org = latestIssueOrg(sqlite, survivor);
    if (org && statement(sqlite, 'SELECT 1 FROM organizations WHERE short_name = ?', 'pluck').get(org) === undefined) {
      mergeKey(sqlite, 'organization', keyJson({ org }));
    }
    if (mergeIssueGroup(sqlite, survivor) === 'deleted') releaseUsed(sqlite, 'issue', survivor);
    const done = new Set<string>();
    for (const d of issueDependents(sqlite, groupOf(sqlite, survivor))) {
      const k = keyJson({ ...(JSON.parse(d.key) as Record<string, string>), issue: survivor });
      if (done.has(`${d.kind}\u0000${k}`)) continue;
      done.add(`${d.kind}\u0000${k}`);
      mergeKey(sqlite, d.kind, k);
    }
  }
}

/** Recomputes one row (kind + canonical key JSON) from all its records and writes it. */
export function mergeKey(sqlite: Database.Database, kind: RecordKind, rawKey: string): void {
  if (kind === 'issue') return mergeIssue(sqlite, rawKey);
  // Rows of an issue merged into another (two PCs creating one issue key) merge under the survivor.
  const { key, recs } = groupRecords(sqlite, kind, rawKey);
  if (recs.length === 0) return;
  if (kind === 'evaluation') return mergeEvaluation(sqlite, key, recs);
  if (kind === 'version') {
    mergeVersion(sqlite, key, recs);
    // Notes of the issue name its versions: one that arrived before the version applies now.
    const { issue } = JSON.parse(key) as { issue: string };
    for (const d of issueDependents(sqlite, groupOf(sqlite, issue))) {
      if (d.kind === 'note') mergeNote(sqlite, ...noteArgs(sqlite, d.key));
    }
    return;
  }
  const win = recs.at(-1)!;
  if (isConflictField(kind, win.field)) updateConflict(sqlite, kind, key, win.field, recs);
  if (kind === 'note') mergeNote(sqlite, key, win);
  else if (kind === 'rules') mergeRules(sqlite, win);
  else if (kind === 'round_lock') mergeRoundLock(sqlite, key, win);
  else if (kind === 'setting') mergeSetting(sqlite, key, recs);
  else if (kind === 'organization') {
    // Issues that arrived before their 局区 (a record-by-record arrival) apply now.
    const { org } = JSON.parse(key) as { org: string };
    if (mergeOrganization(sqlite, key, recs)) for (const k of organizationDependents(sqlite, org)) mergeWaiting(sqlite, 'issue', k, org);
  } else if (kind === 'scale') {
    const { scale } = JSON.parse(key) as { scale: string };
    if (mergeScale(sqlite, key, recs)) for (const k of scaleDependents(sqlite, scale)) mergeWaiting(sqlite, 'round', k, scale);
  }
  else if (kind === 'round') {
    // Its scale, deleted here meanwhile but in use by this round: back first (a function of the records).
    const scale = (JSON.parse(recs.at(-1)!.after ?? 'null') as { scale?: string } | null)?.scale;
    if (scale && statement(sqlite, 'SELECT 1 FROM scales WHERE name = ?', 'pluck').get(scale) === undefined) mergeKey(sqlite, 'scale', keyJson({ scale }));
    mergeRound(sqlite, key, recs);
    if (recs.at(-1)!.after === 'null') releaseUsed(sqlite, 'round', (JSON.parse(key) as { round: string }).round);
    // The round's lock and ranks that arrived before it (or belonged to a deleted round of the label).
    const { round } = JSON.parse(key) as { round: string };
    mergeKey(sqlite, 'round_lock', keyJson({ round }));
    for (const k of roundDependents(sqlite, round)) mergeKey(sqlite, 'evaluation', k);
  }
}

/** The 局区 an issue's latest row names (its merged uids included); undefined without records. */
function latestIssueOrg(sqlite: Database.Database, survivor: string): string | undefined {
  const recs = groupOf(sqlite, survivor).flatMap((g) => recordsOfKey(sqlite, 'issue', keyJson({ issue: g })));
  recs.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1));
  const last = recs.at(-1);
  return last?.after ? ((JSON.parse(last.after) as { org?: string } | null)?.org ?? undefined) : undefined;
}

/**
 * An issue or round went: a 局区 or scale it named that was deleted meanwhile (kept while in use)
 * goes now — so whether it is there depends on the records, not on the order they came in.
 */
function releaseUsed(sqlite: Database.Database, kind: 'issue' | 'round', id: string): void {
  const names = new Set<string>();
  for (const g of kind === 'issue' ? groupOf(sqlite, id) : [id]) {
    for (const r of recordsOfKey(sqlite, kind, keyJson({ [kind]: g }))) {
      const row = r.after === null ? null : (JSON.parse(r.after) as { org?: string; scale?: string } | null);
      const name = kind === 'issue' ? row?.org : row?.scale;
      if (name) names.add(name);
    }
  }
  const target = kind === 'issue' ? 'organization' : 'scale';
  for (const name of names) {
    const key = keyJson(kind === 'issue' ? { org: name } : { scale: name });
    // Only one deleted meanwhile (its latest record a tombstone): nothing else to do for a live one.
    if (recordsOfKey(sqlite, target, key).at(-1)?.after === 'null') mergeKey(sqlite, target, key);
  }
}

/**
 * An issue (round) that names this 局区 (scale) merged again once it is there: it may have waited
 * for it — missing, or kept with older values. Only one whose latest row names it and that is not
 * deleted: that one never sends us back here (no loop).
 */
function mergeWaiting(sqlite: Database.Database, kind: 'issue' | 'round', key: string, name: string): void {
  if (kind === 'round') {
    const row = recordsOfKey(sqlite, 'round', key).at(-1)?.after;
    if (row && row !== 'null' && (JSON.parse(row) as { scale?: string }).scale === name) mergeKey(sqlite, 'round', key);
    return;
  }
  const uid = (JSON.parse(key) as { issue: string }).issue;
  if (!issueDeleted(sqlite, uid) && latestIssueOrg(sqlite, survivorOf(sqlite, uid)) === name) mergeKey(sqlite, 'issue', key);
}

/** A note row's merge arguments under the issue's survivor uid. */
function noteArgs(sqlite: Database.Database, rawKey: string): [string, SyncRecordRow] {
  const { key, recs } = groupRecords(sqlite, 'note', rawKey);
  return [key, recs.at(-1)!];
}

/**
 * A shared setting: the whole value (field 'value') or, for a setting partly shared, each shared
 * field last-writer-wins on its own, written into this PC's value of the setting (its own fields
 * stay as they are).
 */
function mergeSetting(sqlite: Database.Database, key: string, recs: SyncRecordRow[]): void {
  const { key: name } = JSON.parse(key) as { key: string };
  const write = (value: string) => statement(sqlite, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(name, value);
  const fields = new Map<string, string | null>();
  for (const r of recs) if (r.field !== 'value') fields.set(r.field, r.after); // in clock order: the last wins
  if (fields.size === 0) {
    write(recs.at(-1)!.after ?? 'null');
    return;
  }
  const raw = statement(sqlite, 'SELECT value FROM settings WHERE key = ?', 'pluck').get(name) as string | undefined;
  const parsed: unknown = raw === undefined ? null : JSON.parse(raw);
  const value = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...(parsed as Record<string, unknown>) } : {};
  for (const [field, after] of fields) value[field] = after === null ? null : (JSON.parse(after) as unknown);
  write(JSON.stringify(value));
}
