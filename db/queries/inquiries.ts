// The inquiry tables (inquiries, inquiry_forms, inquiry_items), the reading side (writes:
// db/write/inquiries.ts). The secret is
// read only by the functions that sign or verify; nothing here hands it to a caller that
// returns data to the UI.
import type Database from 'better-sqlite3';
import type { VersionFieldKey } from '../../common/fields.js';
import { DbError } from '../errors.js';
import type { Level } from './issues.js';

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

/** The forms an import marked returned. */
export const formsReturnedBy = (sqlite: Database.Database, importId: number): number[] =>
  sqlite.prepare('SELECT id FROM inquiry_forms WHERE import_id = ?').pluck().all(importId) as number[];

/** The recorded collects, newest first: which import marked which forms. */
export function collectRecords(sqlite: Database.Database): { at: string; importId: number; forms: { formId: number; fileName: string }[] }[] {
  const rows = sqlite.prepare("SELECT at, after FROM audit_log WHERE action = 'inquiry.collect' ORDER BY id DESC").all() as { at: string; after: string }[];
  return rows.map((r) => {
    const after = JSON.parse(r.after) as { importId: number; forms?: { formId: number; fileName: string }[] };
    return { at: r.at, importId: after.importId, forms: after.forms ?? [] };
  });
}

/** The import exists and is not undone. */
export const importStands = (sqlite: Database.Database, importId: number): boolean =>
  sqlite.prepare('SELECT 1 FROM imports WHERE id = ? AND undone_at IS NULL').get(importId) !== undefined;

/** An issue with the texts of its latest version (null columns when it has none). */
export interface IssueWithLatestVersion {
  issueId: number;
  issueUid: string;
  organizationId: number;
  organization: string;
  level: Level;
  number: number;
  issueTitle: string;
  versionId: number | null;
  versionLabel: string | null;
  title: string | null;
  content: string | null;
  background: string | null;
  actions: string | null;
  progress: string | null;
}

// The latest version is the last by (as_of, id), as listVersions orders them.
const WITH_LATEST_VERSION = `
  SELECT i.id AS issueId, i.uid AS issueUid, o.id AS organizationId, o.short_name AS organization, i.level, i.number,
         i.title AS issueTitle, v.id AS versionId, v.label AS versionLabel, v.title, v.content, v.background, v.actions, v.progress
  FROM issues i
  JOIN organizations o ON o.id = i.organization_id
  LEFT JOIN (
    SELECT *, row_number() OVER (PARTITION BY issue_id ORDER BY as_of DESC, id DESC) AS rn FROM issue_versions
  ) v ON v.issue_id = i.id AND v.rn = 1`;

/** The issues of one 局区 in the order of its list (level, number). */
export const organizationIssuesWithLatest = (sqlite: Database.Database, organizationId: number): IssueWithLatestVersion[] =>
  sqlite.prepare(`${WITH_LATEST_VERSION} WHERE i.organization_id = ? ORDER BY i.level, i.number, i.id`).all(organizationId) as IssueWithLatestVersion[];

export const issuesWithLatest = (sqlite: Database.Database, issueIds: readonly number[]): IssueWithLatestVersion[] =>
  sqlite.prepare(`${WITH_LATEST_VERSION} WHERE i.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(issueIds)) as IssueWithLatestVersion[];

export type VersionRow = { id: number; label: string; number: number } & Record<VersionFieldKey, string | null>;

export const versionsById = (sqlite: Database.Database, ids: number[]): VersionRow[] =>
  sqlite
    .prepare('SELECT id, label, number, title, content, background, actions, progress FROM issue_versions WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as VersionRow[];

/** Versions written by the inquiry's standing returns, in the order written: id and what was written (JSON). */
export const inquiryVersionWrites = (sqlite: Database.Database, inquiryId: number): { id: number; after: string }[] =>
  sqlite
    .prepare(
      `SELECT c.entity_id AS id, c.after FROM import_changes c JOIN imports m ON m.id = c.import_id
       WHERE m.inquiry_id = ? AND m.kind = 'inquiry' AND m.undone_at IS NULL AND c.entity = 'version' ORDER BY c.id`,
    )
    .all(inquiryId) as { id: number; after: string }[];

/** Which of the issues already have a version with this label. */
export const issuesWithVersionLabel = (sqlite: Database.Database, label: string, issueIds: number[]): number[] =>
  sqlite
    .prepare('SELECT issue_id FROM issue_versions WHERE label = ? AND issue_id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(label, JSON.stringify(issueIds)) as number[];

export const formCounts = (sqlite: Database.Database, inquiryId: number): { forms: number; returned: number } =>
  sqlite.prepare('SELECT count(*) AS forms, count(returned_at) AS returned FROM inquiry_forms WHERE inquiry_id = ?').get(inquiryId) as {
    forms: number;
    returned: number;
  };

/** Items per form of the inquiry. */
export const itemCounts = (sqlite: Database.Database, inquiryId: number): Map<number, number> =>
  new Map(
    (
      sqlite
        .prepare('SELECT it.form_id AS formId, count(*) AS n FROM inquiry_items it JOIN inquiry_forms f ON f.id = it.form_id WHERE f.inquiry_id = ? GROUP BY it.form_id')
        .all(inquiryId) as { formId: number; n: number }[]
    ).map((r) => [r.formId, r.n]),
  );

/** A form's rows as first sent: each item's issue and its base version (what re-keying issues again). */
export interface FormBaseRow {
  issueUid: string;
  organization: string;
  level: Level;
  number: number;
  versionId: number | null;
  issueTitle: string;
  title: string | null;
  content: string | null;
  background: string | null;
  actions: string | null;
  progress: string | null;
}

export const formBaseRows = (sqlite: Database.Database, formId: number): FormBaseRow[] =>
  sqlite
    .prepare(
      `SELECT i.uid AS issueUid, o.short_name AS organization, i.level, i.number, it.base_version_id AS versionId, i.title AS issueTitle,
              v.title, v.content, v.background, v.actions, v.progress
       FROM inquiry_items it JOIN issues i ON i.id = it.issue_id JOIN organizations o ON o.id = i.organization_id
       LEFT JOIN issue_versions v ON v.id = it.base_version_id
       WHERE it.form_id = ? ORDER BY i.level, i.number, i.id`,
    )
    .all(formId) as FormBaseRow[];
