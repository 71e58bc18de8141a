// An import (a list, or the returns of a 照会) applied as ONE transaction, and its undo as
// another. Each import records itself (file, SHA-256, who, when, counts) and one row per entity
// it added or changed (import_changes: before and after), so it can be undone as a whole and can
// travel to other PCs as one batch (see ./change.ts). A crash or an error anywhere leaves the
// database as it was. Taking the verified backup first is the caller's job (it is async).
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { importConflicts, importedRounds, type ImportChangeRow } from '../queries/imports.js';
import { assertRoundWritable } from '../queries/round-guard.js';
import { statement } from '../statements.js';
import { nowIso } from '../time.js';
import { randomUUID } from 'node:crypto';
import { recordChange, writeTransaction } from './change.js';
import { emitEvaluationRecords, emitStructureDrafts, type Draft } from './sync-records.js';
import { issueRow, organizationRow, versionRow } from './sync-rows.js';
import { VERSION_TEXT_FIELDS } from '../../common/sync-record.js';
import type { ChangeSet, ImportMeta, IssueRef, OrgRef } from './change-set.js';
import { revertEvaluation, writeImportedEvaluation } from './evaluations.js';
import { restoreFormsOf } from './inquiries.js';
import { deleteIssue, deleteVersion, insertIssue, insertVersion, setIssueTitle, updateVersion } from './issues.js';
import { deleteOrganization, insertOrganization, nextDisplayOrder } from './organizations.js';

type Entity = ImportChangeRow['entity'];

/** One entity the import added (before = null) or changed; what its undo (and sync) reads. */
function recordImportRow(sqlite: Database.Database, importId: number, entity: Entity, entityId: number, before: unknown, after: unknown): void {
  statement(sqlite, 'INSERT INTO import_changes (import_id, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?)').run(
    importId,
    entity,
    entityId,
    before === null ? null : JSON.stringify(before),
    JSON.stringify(after),
  );
}

const VERSION_COLUMNS = 'label, as_of AS asOf, number, title, content, background, actions, progress';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Team sync: what a write did to a version, as drafts of records (its row — existence, as-of,
 * number — and each text that changed). `was`/`now` from versionRow; undefined = not there.
 */
function versionDrafts(was: ReturnType<typeof versionRow>, now: ReturnType<typeof versionRow>): Draft[] {
  const v = now ?? was;
  if (!v) return [];
  const key = { issue: v.uid, version: v.label };
  const drafts: Draft[] = [];
  if (!same(was?.row, now?.row) && !(was && now && was.row.asOf === now.row.asOf && was.row.number === now.row.number)) {
    drafts.push({ kind: 'version', key, field: 'row', before: was?.row ?? null, after: now?.row ?? null });
  }
  if (now) {
    for (const f of VERSION_TEXT_FIELDS) {
      if (!same(was?.texts[f], now.texts[f])) drafts.push({ kind: 'version', key, field: f, before: was?.texts[f] ?? null, after: now.texts[f] ?? null });
    }
  }
  return drafts;
}

function issueDraft(was: ReturnType<typeof issueRow>, now: ReturnType<typeof issueRow>): Draft[] {
  const i = now ?? was;
  if (!i || same(was?.row, now?.row)) return [];
  return [{ kind: 'issue', key: { issue: i.uid }, field: 'row', before: was?.row ?? null, after: now?.row ?? null }];
}

export function applyChangeSet(sqlite: Database.Database, set: ChangeSet, meta: ImportMeta, backupPath: string | null): number {
  return writeTransaction(sqlite, (): number => {
    const importId = Number(
      sqlite
        .prepare(
          `INSERT INTO imports (kind, file_name, sha256, actor, at, round_id, version_label, inquiry_id, counts, backup_path)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(meta.kind, meta.fileName, meta.sha256, meta.actor, nowIso(), meta.roundId ?? null, meta.versionLabel ?? null, meta.inquiryId ?? null, JSON.stringify(meta.counts), backupPath)
        .lastInsertRowid,
    );
    const record = (entity: Entity, entityId: number, before: unknown, after: unknown) => recordImportRow(sqlite, importId, entity, entityId, before, after);
    // Team sync: the 局区, issues and versions it adds or changes travel in the batch of its ranks.
    const batch = randomUUID();
    const drafts: Draft[] = [];
    const orgIds = new Map<string, number>();
    for (const o of set.organizations) {
      const id = insertOrganization(sqlite, { shortName: o.shortName, fullName: o.fullName, kind: o.kind, displayOrder: nextDisplayOrder(sqlite) });
      orgIds.set(o.key, id);
      record('organization', id, null, o);
      const org = organizationRow(sqlite, id)!;
      drafts.push({ kind: 'organization', key: { org: org.shortName }, field: 'row', before: null, after: org.row });
    }
    const org = (ref: OrgRef) => ('id' in ref ? ref.id : orgIds.get(ref.newKey)!);
    const issueIds = new Map<string, number>();
    for (const i of set.issues) {
      const id = insertIssue(sqlite, { organizationId: org(i.organization), level: i.level, number: i.number, title: i.title });
      issueIds.set(i.key, id);
      record('issue', id, null, { title: i.title });
      drafts.push(...issueDraft(undefined, issueRow(sqlite, id)));
    }
    const issue = (ref: IssueRef) => ('id' in ref ? ref.id : issueIds.get(ref.newKey)!);
    const titleOf = (issueId: number) => statement(sqlite, 'SELECT title FROM issues WHERE id = ?', 'pluck').get(issueId) as string;
    for (const t of set.titles) {
      const before = titleOf(t.issueId);
      const was = issueRow(sqlite, t.issueId);
      setIssueTitle(sqlite, t.issueId, t.title);
      record('issue', t.issueId, { title: before }, { title: t.title });
      drafts.push(...issueDraft(was, issueRow(sqlite, t.issueId)));
    }
    for (const v of set.versions) {
      const issueId = issue(v.issue);
      const fields = { label: v.label, asOf: v.asOf, number: v.number, title: v.title, content: v.content, background: v.background, actions: v.actions, progress: v.progress };
      const existing = statement(sqlite, `SELECT id, ${VERSION_COLUMNS} FROM issue_versions WHERE issue_id = ? AND label = ?`).get(issueId, v.label) as
        | ({ id: number } & typeof fields)
        | undefined;
      if (existing) {
        const { id, ...before } = existing;
        const was = versionRow(sqlite, id);
        updateVersion(sqlite, id, fields);
        record('version', id, before, fields);
        drafts.push(...versionDrafts(was, versionRow(sqlite, id)));
      } else {
        // The issue's title follows its latest version; when this is its first version, keep
        // the title it had so an undo can give it back.
        const first = (statement(sqlite, 'SELECT count(*) FROM issue_versions WHERE issue_id = ?', 'pluck').get(issueId) as number) === 0;
        const title = titleOf(issueId);
        if (first && title !== v.title && 'id' in v.issue) record('issue', issueId, { title }, { title: v.title });
        const id = insertVersion(sqlite, issueId, { ...fields, remarks: null });
        record('version', id, null, fields);
        drafts.push(...versionDrafts(undefined, versionRow(sqlite, id)));
      }
    }
    const action = meta.kind === 'inquiry' ? 'inquiry.collect' : 'import';
    emitStructureDrafts(sqlite, drafts, { actor: meta.actor, action, batch });
    // Ranks and 所見: the round is checked once (exists, not locked; the plan checked every rank
    // against its scale), then one upsert and one recorded change per evaluation.
    for (const roundId of new Set(set.evaluations.map((e) => e.roundId))) assertRoundWritable(sqlite, roundId);
    const at = nowIso();
    for (const e of set.evaluations) {
      const written = writeImportedEvaluation(sqlite, { issueId: issue(e.issue), roundId: e.roundId, rank: e.rank, comment: e.comment, actor: meta.actor, at });
      record('evaluation', written.id, written.before, written.after);
      emitEvaluationRecords(sqlite, { issueId: issue(e.issue), roundId: e.roundId, before: written.before, after: written.after, actor: meta.actor, action, batch });
    }
    recordChange(sqlite, {
      actor: meta.actor,
      action: 'import',
      entity: 'import',
      entityId: importId,
      roundId: meta.roundId ?? null,
      after: { fileName: meta.fileName, sha256: meta.sha256, kind: meta.kind, versionLabel: meta.versionLabel ?? null, counts: meta.counts },
    });
    return importId;
  });
}

function revert(sqlite: Database.Database, c: ImportChangeRow, sync: { actor: string; batch: string; drafts: Draft[] }): void {
  const before = c.before === null ? null : (JSON.parse(c.before) as Record<string, unknown>);
  switch (c.entity) {
    case 'evaluation': {
      const row = statement(sqlite, 'SELECT issue_id AS issueId, round_id AS roundId, rank, comment, carried FROM evaluations WHERE id = ?').get(c.entityId) as
        | { issueId: number; roundId: number; rank: string | null; comment: string; carried: number }
        | undefined;
      revertEvaluation(sqlite, c.entityId, before);
      if (row) {
        const now = { rank: row.rank, comment: row.comment, carried: row.carried === 1 };
        emitEvaluationRecords(sqlite, { issueId: row.issueId, roundId: row.roundId, before: now, after: before, action: 'import.undo', ...sync });
      }
      return;
    }
    case 'version': {
      const was = versionRow(sqlite, c.entityId);
      if (before === null) deleteVersion(sqlite, c.entityId);
      else updateVersion(sqlite, c.entityId, before as Parameters<typeof updateVersion>[2]);
      sync.drafts.push(...versionDrafts(was, versionRow(sqlite, c.entityId)));
      return;
    }
    case 'issue': {
      const was = issueRow(sqlite, c.entityId);
      if (before === null) deleteIssue(sqlite, c.entityId);
      else setIssueTitle(sqlite, c.entityId, String(before.title));
      sync.drafts.push(...issueDraft(was, issueRow(sqlite, c.entityId)));
      return;
    }
    case 'organization': {
      const org = organizationRow(sqlite, c.entityId);
      deleteOrganization(sqlite, c.entityId);
      if (org) sync.drafts.push({ kind: 'organization', key: { org: org.shortName }, field: 'row', before: org.row, after: null });
      return;
    }
  }
}

/**
 * Undoes one import as a whole: every row it inserted is removed, every row it changed gets its
 * earlier value back. Refused (nothing written) when any of those rows was changed after the
 * import, so an undo never throws away later work, or when it would change a locked round.
 */
export function undoImportNow(sqlite: Database.Database, importId: number, actor: string, backupPath: string | null): number {
  return writeTransaction(sqlite, (): number => {
    const imp = sqlite.prepare('SELECT id, file_name AS fileName, undone_at AS undoneAt FROM imports WHERE id = ?').get(importId) as
      | { id: number; fileName: string; undoneAt: string | null }
      | undefined;
    if (!imp) throw new DbError('NOT_FOUND', `取り込み (id ${importId}) がありません`);
    if (imp.undoneAt) throw new DbError('CONFLICT', `取り込み「${imp.fileName}」は既に取り消されています`);
    const changes = sqlite
      .prepare('SELECT id, entity, entity_id AS entityId, before, after FROM import_changes WHERE import_id = ? ORDER BY id')
      .all(importId) as ImportChangeRow[];
    // A locked (published) round is the city's record: an undo may not change its ranks either.
    for (const roundId of importedRounds(sqlite, importId)) assertRoundWritable(sqlite, roundId);
    const found = importConflicts(sqlite, changes, importId);
    if (found.length) {
      const more = found.length > 5 ? ` ほか ${found.length - 5} 件` : '';
      throw new DbError('CONFLICT', `取り込み「${imp.fileName}」は取り消せません: ${found.slice(0, 5).join(' / ')}${more}`);
    }
    const sync = { actor, batch: randomUUID(), drafts: [] as Draft[] }; // team sync: the undo travels as a batch of its own
    for (const c of [...changes].reverse()) revert(sqlite, c, sync);
    emitStructureDrafts(sqlite, sync.drafts, { actor, action: 'import.undo', batch: sync.batch });
    sqlite.prepare('UPDATE imports SET undone_at = ?, undone_by = ? WHERE id = ?').run(nowIso(), actor, importId);
    restoreFormsOf(sqlite, importId);
    recordChange(sqlite, {
      actor,
      action: 'import.undo',
      entity: 'import',
      entityId: importId,
      before: { fileName: imp.fileName, changes: changes.length, backupPath },
      after: { undone: true },
    });
    return changes.length;
  });
}
