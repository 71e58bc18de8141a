// Is this workbook a return of this inquiry, and of which 局区's form? Refuses, with the reason,
// a file that is not a form at all, a form of another inquiry, a form whose key sheet was edited,
// and a bureau's form under a file name that names another bureau.
import type Database from 'better-sqlite3';
import { listOrganizations } from '../../../db/queries/organizations.js';
import { FORM_FORMAT, KEY_SHEET } from './form-layout.js';
import { inquiryByUid, type FormRow, type InquiryRow } from '../../../db/queries/inquiries.js';
import type { KeySheetReading } from './key-sheet.js';
import { verifyKeySheet } from './signing.js';

export type FileCheck = { ok: true; form: FormRow } | { ok: false; message: string };

/**
 * The 局区 a file name names (照会_R7.2_会計.xlsx → 会計). A short name inside a longer one that
 * also matches does not count, and neither does the inquiry's label.
 */
export function organizationsNamedIn(sqlite: Database.Database, fileName: string, label: string): string[] {
  const stem = fileName.replace(/\.[^.]*$/, '').normalize('NFKC').split(label.normalize('NFKC')).join(' ');
  const hits = listOrganizations(sqlite)
    .map((o) => o.shortName)
    .filter((name) => stem.includes(name.normalize('NFKC')));
  return hits.filter((h) => !hits.some((other) => other !== h && other.includes(h)));
}

export function checkReturnFile(sqlite: Database.Database, fileName: string, keySheet: KeySheetReading, inquiry: InquiryRow, forms: FormRow[]): FileCheck {
  const refuse = (why: string): FileCheck => ({ ok: false, message: `「${fileName}」${why}` });
  if (!keySheet.ok) {
    if (keySheet.reason === 'missing') return refuse(`は照会の様式ではありません (「${KEY_SHEET}」のシートがありません)。事務局が配布した様式に記入したファイルを選んでください`);
    if (keySheet.reason === 'format') return refuse(`は形式「${keySheet.detail ?? ''}」の様式で、このアプリの形式 (${FORM_FORMAT}) と違います`);
    return refuse(`の照会キーのシートが壊れています (${keySheet.detail ?? ''} がありません)。元の様式に記入し直してもらってください`);
  }
  const k = keySheet.values;
  if (k.inquiryUid !== inquiry.uid) {
    const other = inquiryByUid(sqlite, k.inquiryUid);
    const whose = other ? `照会「${other.label}」の様式です` : `このデータベースにない照会${k.label ? `「${k.label}」` : ''}の様式です。別のPCで作った様式の可能性があります`;
    return refuse(`はこの照会 (${inquiry.label}) の様式ではありません (${whose})`);
  }
  if (!inquiry.secret) {
    return refuse(
      `の照会 (${inquiry.label}) は全データの書き出しファイルから読み込んだもので、署名の鍵 (秘密鍵) がこのデータベースにありません (書き出しには含めません)。回答は照会を作成したPCで取り込むか、このPCで鍵と様式を作り直して (xpw inquiry rekey) 配布し直してください`,
    );
  }
  if (!verifyKeySheet(inquiry.secret, k, k.signature)) {
    return refuse('の照会キーのシートが壊れています (署名が一致しません)。キーのシートが書き換えられています。元の様式に記入し直してもらってください');
  }
  const form = forms.find((f) => f.organizationId === k.organizationId);
  if (!form) return refuse(`の局区「${k.organization}」は、この照会 (${inquiry.label}) の送付先ではありません`);
  const named = organizationsNamedIn(sqlite, fileName, inquiry.label);
  if (named.length && !named.includes(form.organization)) {
    return refuse(
      `はファイル名では「${named.join('・')}」の様式ですが、中身は「${form.organization}」の様式です。ファイル名が変えられたか、別の局区のファイルです。中身を確認してください`,
    );
  }
  return { ok: true, form };
}
