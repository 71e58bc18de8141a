// 照会: creating an inquiry with its per-bureau forms, collecting returns (an import plus the
// forms marked returned, one transaction, one recorded collect) and what undoing such an import
// does to the forms.
import type Database from 'better-sqlite3';
import { DbError } from '../errors.js';
import { collectRecords, formsReturnedBy, importStands, inquiryByLabel, type InquiryRow } from '../queries/inquiries.js';
import { nowIso } from '../time.js';
import { recordChange, writeTransaction } from './change.js';
import type { ChangeSet, ImportMeta } from './change-set.js';
import { applyChangeSet } from './imports.js';

export interface NewForm {
  organizationId: number;
  fileName: string;
  items: { issueId: number; baseVersionId: number | null; baseHash: string }[];
}

/** The columns of the inquiry row itself (its id comes from the insert), with its forms. */
export interface NewInquiry extends Omit<InquiryRow, 'id'> {
  forms: NewForm[];
}

/** The inquiry, its forms and their items (inside createInquiry's transaction). */
function insertInquiry(sqlite: Database.Database, q: NewInquiry): { inquiryId: number; formIds: Map<number, number> } {
  const inquiryId = Number(
    sqlite
      .prepare('INSERT INTO inquiries (uid, label, title, secret, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(q.uid, q.label, q.title, q.secret, q.createdBy, q.createdAt).lastInsertRowid,
  );
  const insForm = sqlite.prepare('INSERT INTO inquiry_forms (inquiry_id, organization_id, file_name, generated_at) VALUES (?, ?, ?, ?)');
  const insItem = sqlite.prepare('INSERT INTO inquiry_items (form_id, issue_id, base_version_id, base_hash) VALUES (?, ?, ?, ?)');
  const formIds = new Map<number, number>();
  for (const f of q.forms) {
    const formId = Number(insForm.run(inquiryId, f.organizationId, f.fileName, q.createdAt).lastInsertRowid);
    formIds.set(f.organizationId, formId);
    for (const it of f.items) insItem.run(formId, it.issueId, it.baseVersionId, it.baseHash);
  }
  return { inquiryId, formIds };
}

function markFormReturned(sqlite: Database.Database, formId: number, returnFileName: string, importId: number, at: string): void {
  sqlite.prepare('UPDATE inquiry_forms SET returned_at = ?, return_file_name = ?, import_id = ? WHERE id = ?').run(at, returnFileName, importId, formId);
}

/**
 * Creates the inquiry, its forms and items, recorded with `summary` (what was generated). The
 * label is checked again inside the write: another window may have created it meanwhile.
 */
export function createInquiry(sqlite: Database.Database, q: NewInquiry, summary: unknown): number {
  return writeTransaction(sqlite, () => {
    if (inquiryByLabel(sqlite, q.label)) throw new DbError('CONFLICT', `照会「${q.label}」は既にあります。別のラベルを指定してください`);
    const { inquiryId } = insertInquiry(sqlite, q);
    recordChange(sqlite, { actor: q.createdBy, action: 'inquiry.generate', entity: 'inquiry', entityId: inquiryId, after: summary });
    return inquiryId;
  });
}

/**
 * Gives a keyless inquiry (read from a single-file export, which leaves secrets out) its new
 * secret, recorded with `summary` (the forms issued again). Only an inquiry still without a key:
 * another window may have re-keyed it meanwhile, and re-keying one with a key would stop its
 * forms in circulation from being accepted.
 */
export function rekeyInquirySecret(sqlite: Database.Database, inquiry: { id: number; label: string }, secret: string, actor: string, summary: unknown): void {
  writeTransaction(sqlite, () => {
    const changed = sqlite.prepare("UPDATE inquiries SET secret = ? WHERE id = ? AND secret = ''").run(secret, inquiry.id).changes === 1;
    if (!changed) throw new DbError('CONFLICT', `照会「${inquiry.label}」の鍵は既に作り直されています`);
    recordChange(sqlite, { actor, action: 'inquiry.rekey', entity: 'inquiry', entityId: inquiry.id, after: summary });
  });
}

export interface Collect {
  inquiryId: number;
  set: ChangeSet;
  meta: ImportMeta;
  backupPath: string | null;
  forms: { formId: number; organization: string; fileName: string }[];
  versions: number;
  skipped: number;
  /** Runs first inside the transaction; throws when what the preview saw has changed meanwhile. */
  verify?: () => void;
}

/** Applies the returns as one import, marks their forms returned and records the collect. */
export function collectInquiry(sqlite: Database.Database, c: Collect): number {
  return writeTransaction(sqlite, (): number => {
    c.verify?.();
    // Nested: applyChangeSet's transaction becomes a savepoint of this one.
    const importId = applyChangeSet(sqlite, c.set, c.meta, c.backupPath);
    const at = nowIso();
    for (const f of c.forms) markFormReturned(sqlite, f.formId, f.fileName, importId, at);
    recordChange(sqlite, {
      actor: c.meta.actor,
      action: 'inquiry.collect',
      entity: 'inquiry',
      entityId: c.inquiryId,
      // The forms this import marked, by id: what an undo needs to give a form its earlier return back.
      after: { importId, forms: c.forms, versions: c.versions, skipped: c.skipped },
    });
    return importId;
  });
}

/**
 * Undoing an import: forms it marked returned go back to their earlier return — the latest
 * collect of the form that still stands — or to "not returned".
 */
export function restoreFormsOf(sqlite: Database.Database, importId: number): void {
  const forms = formsReturnedBy(sqlite, importId);
  if (forms.length === 0) return;
  const collects = collectRecords(sqlite);
  const set = sqlite.prepare('UPDATE inquiry_forms SET returned_at = ?, return_file_name = ?, import_id = ? WHERE id = ?');
  for (const formId of forms) {
    let restored = false;
    for (const c of collects) {
      const form = c.forms.find((f) => f.formId === formId);
      if (!form || c.importId === importId || !importStands(sqlite, c.importId)) continue;
      set.run(c.at, form.fileName, c.importId, formId);
      restored = true;
      break;
    }
    if (!restored) set.run(null, null, null, formId);
  }
}
