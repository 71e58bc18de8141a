// Generating an inquiry: one workbook per 局区 with issues, and the rows that remember what each
// form sent (the base version and a hash of its text), so returns can be compared with it.
// The workbooks are built first and the rows written after, in one transaction: a failure while
// building leaves no half-made inquiry behind.
import type { Db } from '../../../db/open.js';
import { DbError } from '../../../db/errors.js';
import { LEVELS, type Level } from '../../../db/queries/issues.js';
import { listOrganizations } from '../../../db/queries/organizations.js';
import { listRules } from '../../../db/queries/rules.js';
import { nowIso } from '../../../db/time.js';
import { buildFormWorkbook } from './build-form-workbook.js';
import { organizationIssues, type CurrentIssue } from './form-content.js';
import { fieldsHash } from './form-fields.js';
import { FORM_FORMAT } from './form-layout.js';
import { checkLabel, defaultInquiryLabel, defaultInquiryTitle, formFileName, inquiryAsOf } from './inquiry-label.js';
import { inquiryByLabel } from '../../../db/queries/inquiries.js';
import { createInquiry } from '../../../db/write/inquiries.js';
import { newInquiryUid, newSecret, rowKey, signKeySheet } from './signing.js';

export interface InquiryOptions {
  /** Version label of the returns (R7.2); default: this month's. */
  label?: string;
  title?: string;
  /** Only these 局区 (default: every 局区 with issues). */
  organizationIds?: number[];
  /** Only these levels (default: all). */
  levels?: Level[];
  /** 提出期限, ISO date, shown on the instructions sheet. */
  deadline?: string | null;
}

export interface PlannedForm {
  organizationId: number;
  organization: string;
  organizationFullName: string;
  fileName: string;
  issues: number;
}

export interface InquiryPlan {
  label: string;
  title: string;
  asOf: string;
  forms: PlannedForm[];
}

interface FullPlan extends InquiryPlan {
  createdAt: string;
  content: { form: PlannedForm; issues: CurrentIssue[] }[];
}

function plan(db: Db, options: InquiryOptions, createdAt: string): FullPlan {
  const { sqlite } = db;
  const label = checkLabel(options.label ?? defaultInquiryLabel(new Date(createdAt)));
  if (inquiryByLabel(sqlite, label)) throw new DbError('CONFLICT', `照会「${label}」は既にあります。別のラベルを指定してください`);
  const bad = options.levels?.find((l) => !LEVELS.includes(l));
  if (bad) throw new DbError('INVALID', `レベル「${bad}」はありません (A, B, C)`);
  const deadline = options.deadline ?? null;
  if (deadline !== null && !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) throw new DbError('INVALID', `提出期限「${deadline}」は YYYY-MM-DD で指定してください`);
  const orgs = listOrganizations(sqlite);
  const unknown = options.organizationIds?.find((id) => !orgs.some((o) => o.id === id));
  if (unknown !== undefined) throw new DbError('NOT_FOUND', `局区 (id ${unknown}) がありません`);
  const chosen = options.organizationIds?.length ? orgs.filter((o) => options.organizationIds!.includes(o.id)) : orgs;
  const content = chosen
    .map((o) => {
      const issues = organizationIssues(sqlite, o.id, options.levels);
      const form: PlannedForm = { organizationId: o.id, organization: o.shortName, organizationFullName: o.fullName, fileName: formFileName(label, o.shortName), issues: issues.length };
      return { form, issues };
    })
    .filter((c) => c.issues.length > 0);
  if (!content.length) throw new DbError('INVALID', '照会する課題がありません (選んだ局区・レベルに課題がありません)');
  const title = options.title?.trim() || defaultInquiryTitle(label, createdAt);
  return { label, title, asOf: inquiryAsOf(label, createdAt), forms: content.map((c) => c.form), createdAt, content };
}

/** Which 局区 would get a form, under which file name, with how many issues; writes nothing. */
export function planInquiry(db: Db, options: InquiryOptions = {}): InquiryPlan {
  const { label, title, asOf, forms } = plan(db, options, nowIso());
  return { label, title, asOf, forms };
}

export interface GeneratedFile {
  fileName: string;
  organizationId: number;
  organization: string;
  issues: number;
  bytes: Uint8Array;
}

export interface GeneratedInquiry {
  inquiryId: number;
  label: string;
  title: string;
  files: GeneratedFile[];
}

export async function generateInquiry(db: Db, options: InquiryOptions & { actor: string }): Promise<GeneratedInquiry> {
  const { sqlite } = db;
  const p = plan(db, options, nowIso());
  const uid = newInquiryUid();
  const secret = newSecret();
  const rules = listRules(sqlite)
    .filter((r) => r.enabled)
    .map((r) => ({ field: r.field, message: r.message }));

  const files: GeneratedFile[] = [];
  for (const { form, issues } of p.content) {
    const keyContent = { format: FORM_FORMAT, inquiryUid: uid, organizationId: form.organizationId, organization: form.organization, generatedAt: p.createdAt };
    const bytes = await buildFormWorkbook({
      instructions: { title: p.title, label: p.label, asOf: p.asOf, organizationFullName: form.organizationFullName, deadline: options.deadline ?? null, rules },
      formTitle: `${p.title}\u3000記入シート\u3000${form.organizationFullName} (${form.organization})`,
      rows: issues.map((i) => ({ organization: i.organization, level: i.level, number: i.number, fields: i.fields, key: rowKey(secret, uid, form.organizationId, i.issueUid) })),
      key: { ...keyContent, label: p.label, signature: signKeySheet(secret, keyContent) },
    });
    files.push({ fileName: form.fileName, organizationId: form.organizationId, organization: form.organization, issues: issues.length, bytes });
  }

  const inquiryId = createInquiry(
    sqlite,
    {
      uid,
      label: p.label,
      title: p.title,
      secret,
      createdBy: options.actor,
      createdAt: p.createdAt,
      forms: p.content.map(({ form, issues }) => ({
        organizationId: form.organizationId,
        fileName: form.fileName,
        items: issues.map((i) => ({ issueId: i.issueId, baseVersionId: i.versionId, baseHash: fieldsHash(i.fields) })),
      })),
    },
    { label: p.label, title: p.title, forms: files.map((f) => ({ organization: f.organization, fileName: f.fileName, issues: f.issues })) },
  );
  return { inquiryId, label: p.label, title: p.title, files };
}
