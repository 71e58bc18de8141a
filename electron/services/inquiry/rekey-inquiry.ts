// Re-keying an inquiry that came without its signing secret (a database made from a single-file
// export, which leaves secrets out): a new secret, and the forms issued again with keys signed by
// it — the same 局区, issues and text as first sent (each item's base version), so the returns
// are compared with what the bureaus were given. Forms signed with the old secret stay refused:
// nobody here can check them. An inquiry that still has its secret is never re-keyed (its forms
// in circulation would stop being accepted).
import type { Db } from '../../../db/open.js';
import { DbError } from '../../../db/errors.js';
import { formBaseRows, inquiryByLabel, listForms } from '../../../db/queries/inquiries.js';
import { listRules } from '../../../db/queries/rules.js';
import { nowIso } from '../../../db/time.js';
import { rekeyInquirySecret } from '../../../db/write/inquiries.js';
import { buildFormWorkbook } from './build-form-workbook.js';
import { normaliseFields } from './form-fields.js';
import { FORM_FORMAT } from './form-layout.js';
import type { GeneratedFile, GeneratedInquiry } from './generate-inquiry.js';
import { inquiryAsOf } from './inquiry-label.js';
import { newSecret, rowKey, signKeySheet } from './signing.js';

export async function rekeyInquiry(db: Db, label: string, actor: string): Promise<GeneratedInquiry> {
  const { sqlite } = db;
  const inquiry = inquiryByLabel(sqlite, label);
  if (!inquiry) throw new DbError('NOT_FOUND', `照会「${label}」がありません`);
  if (inquiry.secret) {
    throw new DbError('CONFLICT', `照会「${inquiry.label}」には署名の鍵があります。作り直すと配布済みの様式が取り込めなくなるため、作り直しません`);
  }
  const secret = newSecret();
  const issuedAt = nowIso();
  const rules = listRules(sqlite)
    .filter((r) => r.enabled)
    .map((r) => ({ field: r.field, message: r.message }));
  const files: GeneratedFile[] = [];
  for (const form of listForms(sqlite, inquiry.id)) {
    const rows = formBaseRows(sqlite, form.id);
    const keyContent = { format: FORM_FORMAT, inquiryUid: inquiry.uid, organizationId: form.organizationId, organization: form.organization, generatedAt: issuedAt };
    const bytes = await buildFormWorkbook({
      instructions: { title: inquiry.title, label: inquiry.label, asOf: inquiryAsOf(inquiry.label, inquiry.createdAt), organizationFullName: form.organizationFullName, deadline: null, rules },
      formTitle: `${inquiry.title}\u3000記入シート\u3000${form.organizationFullName} (${form.organization})`,
      rows: rows.map((r) => ({
        organization: r.organization,
        level: r.level,
        number: r.number,
        fields: normaliseFields(r.versionId === null ? { title: r.issueTitle } : r),
        key: rowKey(secret, inquiry.uid, form.organizationId, r.issueUid),
      })),
      key: { ...keyContent, label: inquiry.label, signature: signKeySheet(secret, keyContent) },
    });
    files.push({ fileName: form.fileName, organizationId: form.organizationId, organization: form.organization, issues: rows.length, bytes });
  }
  rekeyInquirySecret(sqlite, inquiry, secret, actor, {
    label: inquiry.label,
    forms: files.map((f) => ({ organization: f.organization, fileName: f.fileName, issues: f.issues })),
  });
  return { inquiryId: inquiry.id, label: inquiry.label, title: inquiry.title, files };
}
