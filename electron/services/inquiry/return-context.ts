// Everything a return is checked against, read once per preview: the inquiry, its forms and
// items, each issue as it is now, the versions the forms were generated from, and the versions
// earlier returns of this inquiry wrote.
import type Database from 'better-sqlite3';
import { currentIssues, type CurrentIssue } from './form-content.js';
import { fieldsHash, normaliseFields, type FormFields } from './form-fields.js';
import { inquiryAsOf } from './inquiry-label.js';
import {
  inquiryVersionWrites,
  issuesWithVersionLabel,
  itemsByIssueUid,
  listForms,
  versionsById,
  type FormRow,
  type InquiryRow,
  type ItemRow,
} from '../../../db/queries/inquiries.js';

export interface BaseVersion {
  label: string;
  number: number;
  fields: FormFields;
}

export interface ReturnContext {
  inquiry: InquiryRow;
  asOf: string;
  forms: FormRow[];
  items: Map<string, ItemRow>;
  itemsByForm: Map<number, ItemRow[]>;
  current: Map<number, CurrentIssue>;
  /** Base versions by id (absent when deleted since). */
  bases: Map<number, BaseVersion>;
  /** Versions written by this inquiry's earlier returns (not undone): id → hash of what was written. */
  ownVersions: Map<number, string>;
  /** Issues that already have a version with the inquiry's label. */
  labelled: Set<number>;
}

function baseVersions(sqlite: Database.Database, ids: number[]): Map<number, BaseVersion> {
  const rows = versionsById(sqlite, ids);
  return new Map(rows.map((r) => [r.id, { label: r.label, number: r.number, fields: normaliseFields(r) }]));
}

function ownVersions(sqlite: Database.Database, inquiryId: number): Map<number, string> {
  const rows = inquiryVersionWrites(sqlite, inquiryId);
  // The last write of each version wins (a second return of a form rewrites its versions).
  return new Map(rows.map((r) => [r.id, fieldsHash(normaliseFields(JSON.parse(r.after) as Record<string, string | null>))]));
}

export function loadReturnContext(sqlite: Database.Database, inquiry: InquiryRow): ReturnContext {
  const forms = listForms(sqlite, inquiry.id);
  const items = itemsByIssueUid(sqlite, inquiry.id);
  const itemsByForm = new Map<number, ItemRow[]>();
  for (const it of items.values()) itemsByForm.set(it.formId, [...(itemsByForm.get(it.formId) ?? []), it]);
  const all = [...items.values()];
  const labelled = issuesWithVersionLabel(sqlite, inquiry.label, all.map((i) => i.issueId));
  return {
    inquiry,
    asOf: inquiryAsOf(inquiry.label, inquiry.createdAt),
    forms,
    items,
    itemsByForm,
    current: currentIssues(sqlite, all.map((i) => i.issueId)),
    bases: baseVersions(sqlite, all.flatMap((i) => (i.baseVersionId === null ? [] : [i.baseVersionId]))),
    ownVersions: ownVersions(sqlite, inquiry.id),
    labelled: new Set(labelled),
  };
}
