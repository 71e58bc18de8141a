// Structural data of team sync (issue 12): 局区, ランク基準, 評価回, 変革課題 and their versions
// (the texts ①–⑤) travel as records like ranks do, keyed by stable keys — 局区 short name, scale
// name, round label, issue uid, version label — never by local row ids. Field 'row' of each is the
// row itself (null = deleted, a tombstone); a version's texts are one record per field so that two
// people editing different texts do not collide, and two changes of one text from the same value
// are a 要確認 conflict (./sync-conflicts.ts). Like every merge here, the row is a function of the
// SET of its records (./sync-apply.ts calls these functions for every row a record touches).
//
// Two PCs creating the same issue key (局区 + レベル + 番号) under two uids (both imported one
// list offline): the creations are merged into one issue. The uid created first (clock stamp, then
// uid; an issue that was there before sharing comes first of all) survives; the other becomes an
// alias (sync_issue_aliases) whose records — ranks, 所見, versions, notes — apply to the survivor,
// so texts that differ between the two creations are a 要確認 conflict of the survivor's version.
import type Database from 'better-sqlite3';
import { keyJson, VERSION_TEXT_FIELDS } from '../../common/sync-record.js';
import { recordsOfKey, type SyncRecordRow } from '../queries/sync.js';
import { reindexIssue } from '../search-index.js';
import { jaSortKey } from '../sort-key.js';
import { statement } from '../statements.js';
import { updateConflict } from './sync-conflicts.js';
import type { IssueRow, OrganizationRow, RoundRow, ScaleRow, VersionRow, VersionTexts } from './sync-rows.js';

const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));
const byStamp = (a: SyncRecordRow, b: SyncRecordRow): number => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// ---- issue uids merged into one (two PCs creating the same issue key) ----

export const survivorOf = (sqlite: Database.Database, uid: string): string =>
  (statement(sqlite, 'SELECT survivor FROM sync_issue_aliases WHERE uid = ?', 'pluck').get(uid) as string | undefined) ?? uid;

/** The survivor first, then the uids merged into it. */
export function groupOf(sqlite: Database.Database, uid: string): string[] {
  const survivor = survivorOf(sqlite, uid);
  return [survivor, ...(statement(sqlite, 'SELECT uid FROM sync_issue_aliases WHERE survivor = ? ORDER BY uid', 'pluck').all(survivor) as string[])];
}

/** All records of one row (kind + canonical key JSON), its issue's merged uids included, oldest stamp first; and the row's key under the survivor. */
export function groupRecords(sqlite: Database.Database, kind: string, key: string): { key: string; recs: SyncRecordRow[] } {
  const k = JSON.parse(key) as Record<string, string>;
  if (!k.issue) return { key, recs: recordsOfKey(sqlite, kind, key) };
  const group = groupOf(sqlite, k.issue);
  const recs = group.flatMap((g) => recordsOfKey(sqlite, kind, keyJson({ ...k, issue: g })));
  if (group.length > 1) recs.sort(byStamp);
  return { key: keyJson({ ...k, issue: group[0]! }), recs };
}

/** Whether an issue (with the uids merged with it) was deleted for good. */
export const issueDeleted = (sqlite: Database.Database, uid: string): boolean =>
  groupOf(sqlite, uid).some((g) => statement(sqlite, "SELECT 1 FROM sync_records WHERE kind = 'issue' AND key = ? AND after = 'null' LIMIT 1", 'pluck').get(keyJson({ issue: g })) !== undefined);

/** The stamp of a row's latest deletion (a 'row' tombstone); '' when never deleted. What is older belonged to the deleted row. */
export function deletionStamp(recs: SyncRecordRow[]): string {
  let stamp = '';
  for (const r of recs) if (r.field === 'row' && r.after === 'null') stamp = r.hlc;
  return stamp;
}

/** The stamp of a round's latest deletion: evaluation records older than it belonged to the deleted round of that label. */
export const roundDeletionStamp = (sqlite: Database.Database, label: string): string =>
  (statement(sqlite, "SELECT max(hlc) FROM sync_records WHERE kind = 'round' AND key = ? AND after = 'null'", 'pluck').get(keyJson({ round: label })) as
    | string
    | null) ?? '';

const issueIdOf = (sqlite: Database.Database, uid: string): number | undefined =>
  statement(sqlite, 'SELECT id FROM issues WHERE uid = ?', 'pluck').get(uid) as number | undefined;

/** Removes an issue's row with everything hanging on it (its records stay: history). */
function deleteIssueRow(sqlite: Database.Database, id: number): void {
  statement(sqlite, 'DELETE FROM comparison_notes WHERE issue_id = ?').run(id);
  statement(sqlite, 'DELETE FROM evaluations WHERE issue_id = ?').run(id);
  statement(sqlite, 'DELETE FROM inquiry_items WHERE issue_id = ?').run(id);
  statement(sqlite, 'DELETE FROM issue_versions WHERE issue_id = ?').run(id);
  statement(sqlite, 'DELETE FROM issues WHERE id = ?').run(id);
  reindexIssue(sqlite, id);
}

/**
 * Decides which issue a uid belongs to, as a function of the records alone. Every uid created with
 * the same 局区 + レベル + 番号 (and an issue that had that key before sharing, first of all) is
 * ordered by its creation stamp and falls into generations: a generation is one issue, its
 * earliest uid the survivor, the others its aliases; a tombstone of any member (an undone import)
 * deletes that issue, and a uid created after that tombstone starts the next generation (the
 * issue imported again). Local rows of aliases take the survivor's uid. Returns the survivors of
 * the key's generations (the uid's own when it has no rival).
 */
export function placeIssue(sqlite: Database.Database, uid: string): string[] {
  const created = statement(
    sqlite,
    "SELECT after FROM sync_records WHERE kind = 'issue' AND key = ? AND field = 'row' AND before = 'null' AND after <> 'null' ORDER BY hlc, id LIMIT 1",
    'pluck',
  ).get(keyJson({ issue: uid })) as string | undefined;
  if (!created) return [survivorOf(sqlite, uid)];
  const row = JSON.parse(created) as IssueRow;
  const rivals = statement(
    sqlite,
    `SELECT issue AS uid, min(CASE WHEN before = 'null' AND after <> 'null' THEN hlc END) AS created, min(CASE WHEN after = 'null' THEN hlc END) AS tomb
       FROM sync_records WHERE issue IN (
         SELECT issue FROM sync_records WHERE kind = 'issue' AND field = 'row' AND before = 'null' AND after <> 'null'
            AND json_extract(after, '$.org') = ? AND json_extract(after, '$.level') = ? AND json_extract(after, '$.number') = ?)
        AND +kind = 'issue' AND +field = 'row'
      GROUP BY issue`,
  ).all(row.org, row.level, row.number) as { uid: string; created: string; tomb: string | null }[];
  // An issue that had the key before sharing (no creation record) comes first of all.
  const before = statement(
    sqlite,
    `SELECT i.uid FROM issues i JOIN organizations o ON o.id = i.organization_id
      WHERE o.short_name = ? AND i.level = ? AND i.number = ?
        AND NOT EXISTS (SELECT 1 FROM sync_records r WHERE r.kind = 'issue' AND r.issue = i.uid AND r.before = 'null')
        AND NOT EXISTS (SELECT 1 FROM sync_issue_aliases a WHERE a.uid = i.uid)`,
    'pluck',
  ).get(row.org, row.level, row.number) as string | undefined;
  if (before !== undefined) rivals.push({ uid: before, created: '', tomb: null });
  if (rivals.length < 2) return [survivorOf(sqlite, uid)];
  rivals.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  const generations: (typeof rivals)[] = [];
  let end: string | null = null;
  for (const r of rivals) {
    const current = generations.at(-1);
    if (!current || (end !== null && r.created > end)) {
      generations.push([r]);
      end = r.tomb;
    } else {
      current.push(r);
      if (r.tomb !== null && (end === null || r.tomb < end)) end = r.tomb;
    }
  }
  const survivors: string[] = [];
  for (const gen of generations) {
    const survivor = gen[0]!.uid;
    survivors.push(survivor);
    statement(sqlite, 'DELETE FROM sync_issue_aliases WHERE uid = ?').run(survivor);
    for (const { uid: alias } of gen.slice(1)) {
      statement(sqlite, 'INSERT INTO sync_issue_aliases (uid, survivor) VALUES (?, ?) ON CONFLICT (uid) DO UPDATE SET survivor = excluded.survivor').run(alias, survivor);
      // 要確認 rows recorded under the alias's keys are recomputed under the survivor's.
      statement(sqlite, 'DELETE FROM sync_conflicts WHERE issue_uid = ?').run(alias);
      const aliasId = issueIdOf(sqlite, alias);
      if (aliasId === undefined) continue;
      if (issueIdOf(sqlite, survivor) === undefined) statement(sqlite, 'UPDATE issues SET uid = ? WHERE id = ?').run(survivor, aliasId);
      else deleteIssueRow(sqlite, aliasId); // its data comes back from its records, onto the survivor
    }
  }
  return survivors;
}

/** Sets number and title from the latest version, unless another issue already has that number (kept as it was). */
function followLatestSafely(sqlite: Database.Database, issueId: number): void {
  const latest = statement(sqlite, 'SELECT number, title FROM issue_versions WHERE issue_id = ? ORDER BY as_of DESC, created_at DESC, label DESC LIMIT 1').get(issueId) as
    | { number: number; title: string }
    | undefined;
  if (latest) setNumberTitle(sqlite, issueId, latest.number, latest.title);
  reindexIssue(sqlite, issueId);
}

function setNumberTitle(sqlite: Database.Database, issueId: number, number: number, title: string): void {
  const clash = statement(
    sqlite,
    'SELECT 1 FROM issues a JOIN issues b ON b.organization_id = a.organization_id AND b.level = a.level AND b.id <> a.id WHERE a.id = ? AND b.number = ?',
    'pluck',
  ).get(issueId, number);
  if (clash) statement(sqlite, 'UPDATE issues SET title = ?, title_sort = ? WHERE id = ?').run(title, jaSortKey(title), issueId);
  else statement(sqlite, 'UPDATE issues SET number = ?, title = ?, title_sort = ? WHERE id = ?').run(number, title, jaSortKey(title), issueId);
}

/**
 * The merged issue (the survivor and the uids merged into it): deleted for good once any of them
 * has a tombstone (an undone import); otherwise its latest row. Returns whether it is there.
 */
export function mergeIssueGroup(sqlite: Database.Database, survivor: string): 'deleted' | 'there' | 'waiting' {
  const group = groupOf(sqlite, survivor);
  const recs = group.flatMap((g) => recordsOfKey(sqlite, 'issue', keyJson({ issue: g })));
  if (group.length > 1) recs.sort(byStamp);
  const existing = issueIdOf(sqlite, survivor);
  if (recs.some((r) => r.after === 'null')) {
    if (existing !== undefined) deleteIssueRow(sqlite, existing);
    return 'deleted';
  }
  const last = recs.at(-1);
  if (!last) return existing !== undefined ? 'there' : 'waiting';
  const row = parse(last.after) as IssueRow;
  const orgId = statement(sqlite, 'SELECT id FROM organizations WHERE short_name = ?', 'pluck').get(row.org) as number | undefined;
  if (orgId === undefined) return existing !== undefined ? 'there' : 'waiting'; // its 局区 arrives with it (one batch)
  let id = existing;
  if (id === undefined) {
    const clash = statement(sqlite, 'SELECT uid FROM issues WHERE organization_id = ? AND level = ? AND number = ?', 'pluck').get(orgId, row.level, row.number);
    if (clash !== undefined) return 'waiting'; // another issue holds the number (an edge a person settles); the records wait
    id = Number(
      statement(
        sqlite,
        `INSERT INTO issues (uid, organization_id, level, number, title, title_sort, data_note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(survivor, orgId, row.level, row.number, row.title, jaSortKey(row.title), row.dataNote ?? null, row.createdAt).lastInsertRowid,
    );
  } else {
    statement(sqlite, 'UPDATE issues SET organization_id = ?, level = ?, data_note = ?, created_at = ? WHERE id = ?').run(orgId, row.level, row.dataNote ?? null, row.createdAt, id);
    setNumberTitle(sqlite, id, row.number, row.title);
  }
  followLatestSafely(sqlite, id);
  return 'there';
}

/** One version of an issue (key under the survivor): its row last-writer-wins, each text with conflict detection. */
export function mergeVersion(sqlite: Database.Database, key: string, all: SyncRecordRow[]): void {
  const { issue, version: label } = JSON.parse(key) as { issue: string; version: string };
  // Texts written before the version's latest deletion belonged to the deleted version of that label.
  const deleted = deletionStamp(all);
  const recs = all.filter((r) => r.hlc >= deleted);
  const lastRow = recs.filter((r) => r.field === 'row').at(-1);
  // 要確認 from the records alone (the same on every PC): none for a version or issue deleted.
  const gone = lastRow?.after === 'null' || issueDeleted(sqlite, issue);
  for (const f of VERSION_TEXT_FIELDS) {
    const mine = recs.filter((r) => r.field === f);
    if (mine.length && !gone) updateConflict(sqlite, 'version', key, f, mine);
    else statement(sqlite, 'DELETE FROM sync_conflicts WHERE kind = ? AND key = ? AND field = ?').run('version', key, f);
  }
  const issueId = issueIdOf(sqlite, issue);
  if (issueId === undefined) return; // the issue arrives later: merged then
  const existing = statement(sqlite, 'SELECT * FROM issue_versions WHERE issue_id = ? AND label = ?').get(issueId, label) as
    | ({ id: number; as_of: string; number: number; created_at: string } & VersionTexts)
    | undefined;
  if (lastRow?.after === 'null') {
    if (existing) {
      statement(sqlite, 'DELETE FROM comparison_notes WHERE from_version_id = ? OR to_version_id = ?').run(existing.id, existing.id);
      statement(sqlite, 'DELETE FROM issue_versions WHERE id = ?').run(existing.id);
      followLatestSafely(sqlite, issueId);
    }
    return;
  }
  if (!existing && !lastRow) return; // texts of a version this PC does not have yet
  const row: VersionRow = lastRow ? (parse(lastRow.after) as VersionRow) : { asOf: existing!.as_of, number: existing!.number, createdAt: existing!.created_at };
  const text = (f: (typeof VERSION_TEXT_FIELDS)[number]): string | null => {
    const last = recs.filter((r) => r.field === f).at(-1);
    return last ? (parse(last.after) as string | null) : (existing?.[f] ?? null);
  };
  const t = Object.fromEntries(VERSION_TEXT_FIELDS.map((f) => [f, text(f)])) as VersionTexts;
  if (existing) {
    statement(
      sqlite,
      'UPDATE issue_versions SET as_of = ?, number = ?, title = ?, content = ?, background = ?, actions = ?, progress = ?, remarks = ?, created_at = ? WHERE id = ?',
    ).run(row.asOf, row.number, t.title ?? '', t.content, t.background, t.actions, t.progress, t.remarks, row.createdAt, existing.id);
  } else {
    statement(
      sqlite,
      `INSERT INTO issue_versions (issue_id, label, as_of, number, title, content, background, actions, progress, remarks, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(issueId, label, row.asOf, row.number, t.title ?? '', t.content, t.background, t.actions, t.progress, t.remarks, row.createdAt);
  }
  followLatestSafely(sqlite, issueId);
}

/** The latest row a kind of record gave (null: the latest is a tombstone). */
const latestRow = <T>(recs: SyncRecordRow[]): T | null => parse(recs.at(-1)?.after ?? null) as T | null;
/** The last row that was not a tombstone (what a deleted-but-used 局区 or scale keeps showing). */
const lastLiveRow = <T>(recs: SyncRecordRow[]): T | null => parse([...recs].reverse().find((r) => r.after !== 'null')?.after ?? null) as T | null;

/**
 * Whether a 局区 is in use, as a function of the records (and of rows that were there before
 * sharing, the same on every PC): an issue that is not deleted names it, or a 照会 form does.
 */
function organizationInUse(sqlite: Database.Database, org: string, id: number | undefined): boolean {
  if (id !== undefined) {
    const local = statement(
      sqlite,
      `SELECT 1 FROM issues i WHERE i.organization_id = ? AND NOT EXISTS (SELECT 1 FROM sync_records r WHERE r.kind = 'issue' AND r.issue = i.uid AND r.after = 'null')
       UNION ALL SELECT 1 FROM inquiry_forms WHERE organization_id = ? LIMIT 1`,
      'pluck',
    ).get(id, id);
    if (local !== undefined) return true;
  }
  return organizationDependents(sqlite, org).some((k) => {
    const group = groupOf(sqlite, (JSON.parse(k) as { issue: string }).issue);
    const recs = group.flatMap((g) => recordsOfKey(sqlite, 'issue', keyJson({ issue: g }))).sort(byStamp);
    return !recs.some((r) => r.after === 'null') && latestRow<IssueRow>(recs)?.org === org;
  });
}

/** Whether a scale is in use: a round that is not deleted names it (by its records, or a round from before sharing). */
function scaleInUse(sqlite: Database.Database, name: string, id: number | undefined): boolean {
  if (id !== undefined) {
    const local = statement(
      sqlite,
      `SELECT 1 FROM rounds o WHERE o.scale_id = ?
         AND NOT EXISTS (SELECT 1 FROM sync_records r WHERE r.kind = 'round' AND r.round = o.label AND r.field = 'row') LIMIT 1`,
      'pluck',
    ).get(id);
    if (local !== undefined) return true;
  }
  return scaleDependents(sqlite, name).some((k) => latestRow<RoundRow>(recordsOfKey(sqlite, 'round', k))?.scale === name);
}

/**
 * A 局区: last writer wins. A tombstone removes it once nothing uses it; while an issue that is not
 * deleted names it, it stays (as last written). Returns whether it is there.
 */
export function mergeOrganization(sqlite: Database.Database, key: string, recs: SyncRecordRow[]): boolean {
  const { org } = JSON.parse(key) as { org: string };
  const id = statement(sqlite, 'SELECT id FROM organizations WHERE short_name = ?', 'pluck').get(org) as number | undefined;
  let row = latestRow<OrganizationRow>(recs);
  if (row === null) {
    if (!organizationInUse(sqlite, org, id)) {
      // A row still there (an issue deleted later in this pass) holds it until then (releaseUsed).
      const held =
        id !== undefined &&
        statement(sqlite, 'SELECT 1 FROM issues WHERE organization_id = ? UNION ALL SELECT 1 FROM inquiry_forms WHERE organization_id = ? LIMIT 1', 'pluck').get(id, id) !==
          undefined;
      if (id !== undefined && !held) statement(sqlite, 'DELETE FROM organizations WHERE id = ?').run(id);
      return held;
    }
    row = lastLiveRow<OrganizationRow>(recs);
    if (row === null) return id !== undefined; // there before sharing, never written since
  }
  statement(
    sqlite,
    `INSERT INTO organizations (short_name, full_name, kind, display_order, full_name_assumed) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (short_name) DO UPDATE SET full_name = excluded.full_name, kind = excluded.kind,
         display_order = excluded.display_order, full_name_assumed = excluded.full_name_assumed`,
  ).run(org, row.fullName, row.kind, row.displayOrder, row.fullNameAssumed ? 1 : 0);
  return true;
}

/**
 * A scale (ランク基準): the latest value shows (conflicts are marked by the caller); a tombstone
 * removes it once no round uses it — while one does, it stays as last written. Returns whether it is there.
 */
export function mergeScale(sqlite: Database.Database, key: string, recs: SyncRecordRow[]): boolean {
  const { scale: name } = JSON.parse(key) as { scale: string };
  const id = statement(sqlite, 'SELECT id FROM scales WHERE name = ?', 'pluck').get(name) as number | undefined;
  let row = latestRow<ScaleRow>(recs);
  if (row === null) {
    if (!scaleInUse(sqlite, name, id)) {
      if (id !== undefined && statement(sqlite, 'SELECT 1 FROM rounds WHERE scale_id = ? LIMIT 1', 'pluck').get(id) === undefined) {
        statement(sqlite, 'DELETE FROM scale_ranks WHERE scale_id = ?').run(id);
        statement(sqlite, 'DELETE FROM scales WHERE id = ?').run(id);
        return false;
      }
      return id !== undefined;
    }
    row = lastLiveRow<ScaleRow>(recs);
    if (row === null) return id !== undefined;
  }
  const scaleId = id ?? Number(statement(sqlite, 'INSERT INTO scales (name) VALUES (?)').run(name).lastInsertRowid);
  const current = statement(sqlite, 'SELECT value, label, definition FROM scale_ranks WHERE scale_id = ? ORDER BY sort_order DESC').all(scaleId);
  if (JSON.stringify(current) === JSON.stringify(row.ranks.map((r) => ({ value: r.value, label: r.label, definition: r.definition })))) return true;
  statement(sqlite, 'DELETE FROM scale_ranks WHERE scale_id = ?').run(scaleId);
  const ins = statement(sqlite, 'INSERT INTO scale_ranks (scale_id, value, label, definition, sort_order) VALUES (?, ?, ?, ?, ?)');
  // As scales.ts writes them: the first line (highest) gets the largest number.
  row.ranks.forEach((r, i) => ins.run(scaleId, r.value, r.label, r.definition, row.ranks.length - i));
  return true;
}

/** A round: last writer wins; a tombstone removes it with its ranks (a later creation of the label starts afresh). */
export function mergeRound(sqlite: Database.Database, key: string, recs: SyncRecordRow[]): void {
  const { round: label } = JSON.parse(key) as { round: string };
  const row = parse(recs.at(-1)!.after) as RoundRow | null;
  const id = statement(sqlite, 'SELECT id FROM rounds WHERE label = ?', 'pluck').get(label) as number | undefined;
  if (row === null) {
    if (id === undefined) return;
    statement(sqlite, 'DELETE FROM evaluations WHERE round_id = ?').run(id);
    // This PC's import history keeps its imports, without the round that is gone.
    statement(sqlite, 'UPDATE imports SET round_id = NULL WHERE round_id = ?').run(id);
    statement(sqlite, 'DELETE FROM rounds WHERE id = ?').run(id);
    return;
  }
  const scaleId = statement(sqlite, 'SELECT id FROM scales WHERE name = ?', 'pluck').get(row.scale) as number | undefined;
  if (scaleId === undefined) return; // its scale arrives with it
  statement(
    sqlite,
    `INSERT INTO rounds (label, title, as_of, meeting_date, scale_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (label) DO UPDATE SET title = excluded.title, as_of = excluded.as_of, meeting_date = excluded.meeting_date, scale_id = excluded.scale_id`,
  ).run(label, row.title, row.asOf, row.meetingDate ?? null, scaleId);
}

/** The rows that hang on an issue (its uids merged in included): versions first, then ranks and notes. */
export function issueDependents(sqlite: Database.Database, uids: string[]): { kind: 'version' | 'evaluation' | 'note'; key: string }[] {
  const marks = uids.map(() => '?').join(', ');
  return statement(
    sqlite,
    `SELECT DISTINCT kind, key FROM sync_records WHERE issue IN (${marks}) AND kind IN ('version', 'evaluation', 'note')
      ORDER BY CASE kind WHEN 'version' THEN 0 ELSE 1 END, kind, key`,
  ).all(...uids) as { kind: 'version' | 'evaluation' | 'note'; key: string }[];
}

/** Issues whose records name this 局区 (merged again when it arrives after them). */
export const organizationDependents = (sqlite: Database.Database, org: string): string[] =>
  statement(sqlite, "SELECT DISTINCT key FROM sync_records WHERE kind = 'issue' AND field = 'row' AND json_extract(after, '$.org') = ? ORDER BY key", 'pluck').all(
    org,
  ) as string[];

/** Rounds whose records name this scale (merged again when it arrives after them). */
export const scaleDependents = (sqlite: Database.Database, scale: string): string[] =>
  statement(sqlite, "SELECT DISTINCT key FROM sync_records WHERE kind = 'round' AND field = 'row' AND json_extract(after, '$.scale') = ? ORDER BY key", 'pluck').all(
    scale,
  ) as string[];

/** The evaluation rows of a round with records (merged when the round arrives, is locked or unlocked). */
export const roundDependents = (sqlite: Database.Database, label: string): string[] =>
  statement(sqlite, "SELECT DISTINCT key FROM sync_records WHERE round = ? AND kind = 'evaluation' ORDER BY key", 'pluck').all(label) as string[];
