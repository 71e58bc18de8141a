// The board of an inquiry: which 局区 have returned their form, when, in which file and by
// which import; and the list of inquiries to choose from. The secret is never part of it.
import type Database from 'better-sqlite3';
import { DbError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import { inquiryAsOf } from './inquiry-label.js';
import { formCounts, inquiryById, itemCounts, listForms, listInquiries, type InquiryRow } from '../../../db/queries/inquiries.js';

export interface InquirySummary {
  id: number;
  label: string;
  title: string;
  /** 'YYYY-MM' of the versions its returns become. */
  asOf: string;
  createdAt: string;
  createdBy: string;
  forms: number;
  returned: number;
}

export interface BoardForm {
  formId: number;
  organizationId: number;
  organization: string;
  organizationFullName: string;
  fileName: string;
  generatedAt: string;
  issues: number;
  returned: boolean;
  returnedAt: string | null;
  returnFileName: string | null;
  importId: number | null;
}

export interface InquiryBoard {
  /** Newest first. */
  inquiries: InquirySummary[];
  /** The inquiry asked for, or the newest; null when there is none. */
  inquiry: (InquirySummary & { rows: BoardForm[] }) | null;
}

function summary(sqlite: Database.Database, q: InquiryRow): InquirySummary {
  const c = formCounts(sqlite, q.id);
  return { id: q.id, label: q.label, title: q.title, asOf: inquiryAsOf(q.label, q.createdAt), createdAt: q.createdAt, createdBy: q.createdBy, ...c };
}

export function inquiryBoard(db: Db, inquiryId?: number): InquiryBoard {
  const { sqlite } = db;
  const all = listInquiries(sqlite);
  const chosen = inquiryId === undefined ? all[0] : inquiryById(sqlite, inquiryId);
  if (inquiryId !== undefined && !chosen) throw new DbError('NOT_FOUND', `照会 (id ${inquiryId}) がありません`);
  const inquiries = all.map((q) => summary(sqlite, q));
  if (!chosen) return { inquiries, inquiry: null };
  const counts = itemCounts(sqlite, chosen.id);
  const rows: BoardForm[] = listForms(sqlite, chosen.id).map((f) => ({
    formId: f.id,
    organizationId: f.organizationId,
    organization: f.organization,
    organizationFullName: f.organizationFullName,
    fileName: f.fileName,
    generatedAt: f.generatedAt,
    issues: counts.get(f.id) ?? 0,
    returned: f.returnedAt !== null,
    returnedAt: f.returnedAt,
    returnFileName: f.returnFileName,
    importId: f.importId,
  }));
  return { inquiries, inquiry: { ...summary(sqlite, chosen), rows } };
}
