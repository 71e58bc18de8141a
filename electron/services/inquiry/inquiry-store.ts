// The inquiry tables (inquiries, inquiry_forms, inquiry_items) as plain functions. The secret is
// read only by the functions that sign or verify; nothing here hands it to a caller that
// returns data to the UI.
import type Database from 'better-sqlite3';
import { DbError } from '../../../db/errors.js';

export interface InquiryRow {
  id: number;
  uid: string;
  label: string;
  title: string;
  secret: string;
  createdBy: string;
  createdAt: string;
}

export interface FormRow {
  id: number;
  inquiryId: number;
  organizationId: number;
  organization: string;
  organizationFullName: string;
  fileName: string;
  generatedAt: string;
  returnedAt: string | null;
  returnFileName: string | null;
  importId: number | null;
}

export interface ItemRow {
  id: number;
  formId: number;
  organizationId: number;
  issueId: number;
  issueUid: string;
  baseVersionId: number | null;
  baseHash: string;
}

const INQUIRY_COLUMNS = 'id, uid, label, title, secret, created_by AS createdBy, created_at AS createdAt';
const FORM_COLUMNS = `f.id, f.inquiry_id AS inquiryId, f.organization_id AS organizationId, o.short_name AS organization,
  o.full_name AS organizationFullName, f.file_name AS fileName, f.generated_at AS generatedAt, f.returned_at AS returnedAt,
  f.return_file_name AS returnFileName, f.import_id AS importId`;

export const listInquiries = (sqlite: Database.Database): InquiryRow[] =>
  sqlite.prepare(`SELECT ${INQUIRY_COLUMNS} FROM inquiries ORDER BY created_at DESC, id DESC`).all() as InquiryRow[];

export const inquiryById = (sqlite: Database.Database, id: number): InquiryRow | undefined =>
  sqlite.prepare(`SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE id = ?`).get(id) as InquiryRow | undefined;

export const inquiryByUid = (sqlite: Database.Database, uid: string): InquiryRow | undefined =>
  sqlite.prepare(`SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE uid = ?`).get(uid) as InquiryRow | undefined;

export const inquiryByLabel = (sqlite: Database.Database, label: string): InquiryRow | undefined =>
  sqlite.prepare(`SELECT ${INQUIRY_COLUMNS} FROM inquiries WHERE label = ? ORDER BY id DESC`).get(label.normalize('NFKC').trim()) as InquiryRow | undefined;

/** The inquiry asked for, or the newest one. */
export function resolveInquiry(sqlite: Database.Database, inquiryId?: number): InquiryRow {
  const inquiry = inquiryId === undefined ? listInquiries(sqlite)[0] : inquiryById(sqlite, inquiryId);
  if (!inquiry) throw new DbError('NOT_FOUND', inquiryId === undefined ? '照会がまだありません。先に様式を作成してください' : `照会 (id ${inquiryId}) がありません`);
  return inquiry;
}

export const listForms = (sqlite: Database.Database, inquiryId: number): FormRow[] =>
  sqlite
    .prepare(`SELECT ${FORM_COLUMNS} FROM inquiry_forms f JOIN organizations o ON o.id = f.organization_id WHERE f.inquiry_id = ? ORDER BY o.display_order, o.id`)
    .all(inquiryId) as FormRow[];

/** Every item of the inquiry, by issue uid: a row key names an issue, not a form. */
export function itemsByIssueUid(sqlite: Database.Database, inquiryId: number): Map<string, ItemRow> {
  const rows = sqlite
    .prepare(
      `SELECT it.id, it.form_id AS formId, f.organization_id AS organizationId, it.issue_id AS issueId, i.uid AS issueUid,
              it.base_version_id AS baseVersionId, it.base_hash AS baseHash
       FROM inquiry_items it JOIN inquiry_forms f ON f.id = it.form_id JOIN issues i ON i.id = it.issue_id
       WHERE f.inquiry_id = ?`,
    )
    .all(inquiryId) as ItemRow[];
  return new Map(rows.map((r) => [r.issueUid.toLowerCase(), r]));
}

export interface NewForm {
  organizationId: number;
  fileName: string;
  items: { issueId: number; baseVersionId: number | null; baseHash: string }[];
}

export interface NewInquiry {
  uid: string;
  label: string;
  title: string;
  secret: string;
  createdBy: string;
  createdAt: string;
  forms: NewForm[];
}

/** The inquiry, its forms and their items; the caller wraps it in its transaction. */
export function insertInquiry(sqlite: Database.Database, q: NewInquiry): { inquiryId: number; formIds: Map<number, number> } {
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

/** Gives a keyless inquiry (read from a snapshot) its new secret; false when it already has one. */
export function setInquirySecret(sqlite: Database.Database, inquiryId: number, secret: string): boolean {
  return sqlite.prepare("UPDATE inquiries SET secret = ? WHERE id = ? AND secret = ''").run(secret, inquiryId).changes === 1;
}

export function markFormReturned(sqlite: Database.Database, formId: number, returnFileName: string, importId: number, at: string): void {
  sqlite.prepare('UPDATE inquiry_forms SET returned_at = ?, return_file_name = ?, import_id = ? WHERE id = ?').run(at, returnFileName, importId, formId);
}
