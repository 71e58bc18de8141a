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
import { emitEvaluationRecords } from './sync-records.js';
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
    const orgIds = new Map<string, number>();
    for (const o of set.organizations) {
      const id = insertOrganization(sqlite, { shortName: o.shortName, fullName: o.fullName, kind: o.kind, displayOrder: nextDisplayOrder(sqlite) });
      orgIds.set(o.key, id);
      record('organization', id, null, o);
    }
    const org = (ref: OrgRef) => ('id' in ref ? ref.id : orgIds.get(ref.newKey)!);
    const issueIds = new Map<string, number>();
    for (const i of set.issues) {
      const id = insertIssue(sqlite, { organizationId: org(i.organization), level: i.level, number: i.number, title: i.title });
      issueIds.set(i.key, id);
      record('issue', id, null, { title: i.title });
    }
    const issue = (ref: IssueRef) => ('id' in ref ? ref.id : issueIds.get(ref.newKey)!);
    const titleOf = (issueId: number) => statement(sqlite, 'SELECT title FROM issues WHERE id = ?', 'pluck').get(issueId) as string;
    for (const t of set.titles) {
      const before = titleOf(t.issueId);
      setIssueTitle(sqlite, t.issueId, t.title);
      record('issue', t.issueId, { title: before }, { title: t.title });
    }
    for (const v of set.versions) {
      const issueId = issue(v.issue);
      const fields = { label: v.label, asOf: v.asOf, number: v.number, title: v.title, content: v.content, background: v.background, actions: v.actions, progress: v.progress };
      const existing = statement(sqlite, `SELECT id, ${VERSION_COLUMNS} FROM issue_versions WHERE issue_id = ? AND label = ?`).get(issueId, v.label) as
        | ({ id: number } & typeof fields)
        | undefined;
      if (existing) {
        const { id, ...before } = existing;
        updateVersion(sqlite, id, fields);
        record('version', id, before, fields);
      } else {
        // The issue's title follows its latest version; when this is its first version, keep
        // the title it had so an undo can give it back.
        const first = (statement(sqlite, 'SELECT count(*) FROM issue_versions WHERE issue_id = ?', 'pluck').get(issueId) as number) === 0;
        const title = titleOf(issueId);
        if (first && title !== v.title && 'id' in v.issue) record('issue', issueId, { title }, { title: v.title });
        const id = insertVersion(sqlite, issueId, { ...fields, remarks: null });
        record('version', id, null, fields);
      }
    }
    // Ranks and 所見: the round is checked once (exists, not locked; the plan checked every rank
    // against its scale), then one upsert and one recorded change per evaluation.
    for (const roundId of new Set(set.evaluations.map((e) => e.roundId))) assertRoundWritable(sqlite, roundId);
    const at = nowIso();
    const batch = randomUUID(); // team sync: the import's ranks and 所見 travel as one batch
    for (const e of set.evaluations) {
      const written = writeImportedEvaluation(sqlite, { issueId: issue(e.issue), roundId: e.roundId, rank: e.rank, comment: e.comment, actor: meta.actor, at });
      record('evaluation', written.id, written.before, written.after);
      emitEvaluationRecords(sqlite, { issueId: issue(e.issue), roundId: e.roundId, before: written.before, after: written.after, actor: meta.actor, action: meta.kind === 'inquiry' ? 'inquiry.collect' : 'import', batch });
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

function revert(sqlite: Database.Database, c: ImportChangeRow, sync: { actor: string; batch: string }): void {
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
    case 'version':
      if (before === null) deleteVersion(sqlite, c.entityId);
      else updateVersion(sqlite, c.entityId, before as Parameters<typeof updateVersion>[2]);
      return;
    case 'issue':
      if (before === null) deleteIssue(sqlite, c.entityId);
      else setIssueTitle(sqlite, c.entityId, String(before.title));
      return;
    case 'organization':
      deleteOrganization(sqlite, c.entityId);
      return;
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
    const sync = { actor, batch: randomUUID() }; // team sync: the undo travels as a batch of its own
    for (const c of [...changes].reverse()) revert(sqlite, c, sync);
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
