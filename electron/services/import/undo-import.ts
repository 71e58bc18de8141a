// Undoes one import as a whole: every row it inserted is removed, every row it changed gets its
// earlier value back — in one transaction, after a backup. Refused (nothing written) when any of
// those rows was changed after the import, so an undo never throws away later work.
import type Database from 'better-sqlite3';
import { DbError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import { appendAudit } from '../../../db/queries/audit.js';
import { issueKey } from '../../../db/queries/issues.js';
import { assertRoundWritable } from '../../../db/queries/round-guard.js';
import { reindexIssue } from '../../../db/search-index.js';
import { jaSortKey } from '../../../db/sort-key.js';
import { nowIso } from '../../../db/time.js';
import { takeBackup } from '../backups/take-backup.js';
import { followLatest } from './commit-import.js';

interface ChangeRow {
  id: number;
  entity: 'organization' | 'issue' | 'version' | 'evaluation';
  entityId: number;
  before: string | null;
  after: string;
}

const VERSION_COLUMNS = 'label, as_of AS asOf, number, title, content, background, actions, progress';

function describeIssue(sqlite: Database.Database, issueId: number): string {
  const r = sqlite
    .prepare('SELECT o.short_name AS org, i.level, i.number FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE i.id = ?')
    .get(issueId) as { org: string; level: string; number: number } | undefined;
  return r ? issueKey(r.org, r.level, r.number) : `課題 id ${issueId}`;
}

/** What differs from the state the import left; empty when the undo may proceed. */
function conflicts(sqlite: Database.Database, changes: ChangeRow[], importId: number): string[] {
  const out: string[] = [];
  const mine = (entity: string) => new Set(changes.filter((c) => c.entity === entity).map((c) => c.entityId));
  const myVersions = mine('version');
  const myEvaluations = mine('evaluation');
  for (const c of changes) {
    const after = JSON.parse(c.after) as Record<string, unknown>;
    if (c.entity === 'evaluation') {
      const now = sqlite.prepare('SELECT issue_id AS issueId, rank, comment FROM evaluations WHERE id = ?').get(c.entityId) as
        | { issueId: number; rank: string | null; comment: string }
        | undefined;
      if (!now || now.rank !== after.rank || now.comment !== after.comment) {
        out.push(`${now ? describeIssue(sqlite, now.issueId) : `評価 id ${c.entityId}`} のランク・所見が取り込み後に変更されています`);
      }
    } else if (c.entity === 'version') {
      const now = sqlite.prepare(`SELECT issue_id AS issueId, ${VERSION_COLUMNS} FROM issue_versions WHERE id = ?`).get(c.entityId) as
        | ({ issueId: number } & Record<string, unknown>)
        | undefined;
      const same = now && Object.entries(after).every(([k, v]) => now[k] === v);
      if (!same) out.push(`${now ? describeIssue(sqlite, now.issueId) : `版 id ${c.entityId}`} の版「${String(after.label)}」が取り込み後に変更されています`);
    } else if (c.entity === 'issue') {
      const title = sqlite.prepare('SELECT title FROM issues WHERE id = ?').pluck().get(c.entityId) as string | undefined;
      if (c.before === null) {
        // An issue the import created may only hold what the import gave it.
        const versions = sqlite.prepare('SELECT id FROM issue_versions WHERE issue_id = ?').pluck().all(c.entityId) as number[];
        const evaluations = sqlite.prepare('SELECT id FROM evaluations WHERE issue_id = ?').pluck().all(c.entityId) as number[];
        const notes = sqlite.prepare('SELECT count(*) FROM comparison_notes WHERE issue_id = ?').pluck().get(c.entityId) as number;
        if (title === undefined) out.push(`取り込みで追加した課題 (id ${c.entityId}) がもうありません`);
        else if (versions.some((v) => !myVersions.has(v)) || evaluations.some((e) => !myEvaluations.has(e)) || notes > 0) {
          out.push(`${describeIssue(sqlite, c.entityId)} は取り込み後に版・評価・メモが追加されています`);
        }
      } else if (title !== after.title && !changes.some((x) => x.entity === 'version' && x.id > c.id)) {
        out.push(`${describeIssue(sqlite, c.entityId)} の課題名が取り込み後に変更されています`);
      }
    } else if (c.entity === 'organization') {
      const others = sqlite
        .prepare('SELECT count(*) FROM issues WHERE organization_id = ? AND id NOT IN (SELECT entity_id FROM import_changes WHERE import_id = ? AND entity = ? AND before IS NULL)')
        .pluck()
        .get(c.entityId, importId, 'issue') as number;
      if (others > 0) out.push(`取り込みで追加した局区「${String(after.shortName)}」に、その後ほかの課題が登録されています`);
    }
  }
  return out;
}

function revert(sqlite: Database.Database, c: ChangeRow): void {
  const before = c.before === null ? null : (JSON.parse(c.before) as Record<string, unknown>);
  switch (c.entity) {
    case 'evaluation': {
      if (before === null) sqlite.prepare('DELETE FROM evaluations WHERE id = ?').run(c.entityId);
      else {
        const comment = String(before.comment ?? '');
        sqlite
          .prepare('UPDATE evaluations SET rank = ?, comment = ?, comment_sort = ?, carried = ? WHERE id = ?')
          .run(before.rank ?? null, comment, comment ? jaSortKey(comment) : '', before.carried ? 1 : 0, c.entityId);
      }
      return;
    }
    case 'version': {
      const issueId = sqlite.prepare('SELECT issue_id FROM issue_versions WHERE id = ?').pluck().get(c.entityId) as number;
      if (before === null) sqlite.prepare('DELETE FROM issue_versions WHERE id = ?').run(c.entityId);
      else {
        sqlite
          .prepare('UPDATE issue_versions SET as_of = ?, number = ?, title = ?, content = ?, background = ?, actions = ?, progress = ? WHERE id = ?')
          .run(before.asOf, before.number, before.title, before.content, before.background, before.actions, before.progress, c.entityId);
      }
      followLatest(sqlite, issueId);
      reindexIssue(sqlite, issueId);
      return;
    }
    case 'issue': {
      if (before === null) {
        sqlite.prepare('DELETE FROM evaluations WHERE issue_id = ?').run(c.entityId);
        sqlite.prepare('DELETE FROM issue_versions WHERE issue_id = ?').run(c.entityId);
        sqlite.prepare('DELETE FROM issues WHERE id = ?').run(c.entityId);
        reindexIssue(sqlite, c.entityId);
      } else {
        const title = String(before.title);
        sqlite.prepare('UPDATE issues SET title = ?, title_sort = ? WHERE id = ?').run(title, jaSortKey(title), c.entityId);
        reindexIssue(sqlite, c.entityId);
      }
      return;
    }
    case 'organization':
      sqlite.prepare('DELETE FROM organizations WHERE id = ?').run(c.entityId);
      return;
  }
}

/**
 * Forms this import marked returned go back to their earlier return — the latest collect of the
 * form that still stands (its audit entry lists the forms it marked) — or to "not returned".
 */
function restoreForms(sqlite: Database.Database, importId: number): void {
  const forms = sqlite.prepare('SELECT id FROM inquiry_forms WHERE import_id = ?').pluck().all(importId) as number[];
  if (forms.length === 0) return;
  const collects = sqlite
    .prepare("SELECT at, after FROM audit_log WHERE action = 'inquiry.collect' ORDER BY id DESC")
    .all() as { at: string; after: string }[];
  const standing = sqlite.prepare('SELECT 1 FROM imports WHERE id = ? AND undone_at IS NULL');
  const set = sqlite.prepare('UPDATE inquiry_forms SET returned_at = ?, return_file_name = ?, import_id = ? WHERE id = ?');
  for (const formId of forms) {
    let restored = false;
    for (const c of collects) {
      const after = JSON.parse(c.after) as { importId: number; forms: { formId: number; fileName: string }[] };
      const form = after.forms?.find((f) => f.formId === formId);
      if (!form || after.importId === importId || !standing.get(after.importId)) continue;
      set.run(c.at, form.fileName, after.importId, formId);
      restored = true;
      break;
    }
    if (!restored) set.run(null, null, null, formId);
  }
}

export interface UndoResult {
  importId: number;
  reverted: number;
  backupPath: string;
}

export function undoImportNow(sqlite: Database.Database, importId: number, actor: string, backupPath: string | null): number {
  return sqlite.transaction((): number => {
    const imp = sqlite.prepare('SELECT id, file_name AS fileName, undone_at AS undoneAt FROM imports WHERE id = ?').get(importId) as
      | { id: number; fileName: string; undoneAt: string | null }
      | undefined;
    if (!imp) throw new DbError('NOT_FOUND', `取り込み (id ${importId}) がありません`);
    if (imp.undoneAt) throw new DbError('CONFLICT', `取り込み「${imp.fileName}」は既に取り消されています`);
    const changes = sqlite
      .prepare('SELECT id, entity, entity_id AS entityId, before, after FROM import_changes WHERE import_id = ? ORDER BY id')
      .all(importId) as ChangeRow[];
    // A locked (published) round is the city's record: an undo may not change its ranks either.
    const rounds = sqlite
      .prepare(
        `SELECT DISTINCT e.round_id FROM import_changes c JOIN evaluations e ON e.id = c.entity_id
         WHERE c.import_id = ? AND c.entity = 'evaluation'`,
      )
      .pluck()
      .all(importId) as number[];
    for (const roundId of rounds) assertRoundWritable(sqlite, roundId);
    const found = conflicts(sqlite, changes, importId);
    if (found.length) {
      const more = found.length > 5 ? ` ほか ${found.length - 5} 件` : '';
      throw new DbError('CONFLICT', `取り込み「${imp.fileName}」は取り消せません: ${found.slice(0, 5).join(' / ')}${more}`);
    }
    for (const c of [...changes].reverse()) revert(sqlite, c);
    sqlite.prepare('UPDATE imports SET undone_at = ?, undone_by = ? WHERE id = ?').run(nowIso(), actor, importId);
    restoreForms(sqlite, importId);
    appendAudit(sqlite, {
      actor,
      action: 'import.undo',
      entity: 'import',
      entityId: importId,
      before: { fileName: imp.fileName, changes: changes.length, backupPath },
      after: { undone: true },
    });
    return changes.length;
  }).immediate();
}

export async function undoImport(db: Db, importId: number, actor: string): Promise<UndoResult> {
  const backupPath = await takeBackup(db, 'bulk');
  const reverted = undoImportNow(db.sqlite, importId, actor, backupPath);
  return { importId, reverted, backupPath };
}
