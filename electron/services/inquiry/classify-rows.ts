// Each row of an accepted return: rejected (its key is missing, forged, from another form, or a
// copy of another row; or its visible identity no longer matches its key), unchanged (its fields
// are what was sent), changed, or a conflict (changed, while the secretariat also changed the
// issue after the form was generated — the user chooses).
import { VERSION_FIELDS, type VersionFieldKey } from '../../../common/fields.js';
import type { CurrentIssue } from './form-content.js';
import { changedKeys, fieldsHash, normaliseFields, sameFields, type FormFields } from './form-fields.js';
import { ANSWERS, type FormColumnKey } from './form-layout.js';
import type { FormRow, ItemRow } from '../../../db/queries/inquiries.js';
import type { ReturnedRow } from './read-return.js';
import type { ReturnContext } from './return-context.js';
import type { Conflict, FieldChange, RowPreview } from './return-types.js';
import { parseRowKey, verifyRowKey } from './signing.js';

const FIELD = new Map(VERSION_FIELDS.map((f) => [f.key, f]));

/** The issue now, against what its form sent. */
interface IssueState {
  item: ItemRow;
  current: CurrentIssue;
  /** The current version is this inquiry's own earlier return (not a change by the secretariat). */
  ownReturn: boolean;
  /** The secretariat changed the issue after the form was generated. */
  changedSince: boolean;
  /** The text as sent, when the database still has it. */
  sent: FormFields | null;
  baseLabel: string | null;
  baseNumber: number | null;
}

function issueState(ctx: ReturnContext, item: ItemRow): IssueState {
  const current = ctx.current.get(item.issueId)!;
  const currentHash = fieldsHash(current.fields);
  const base = item.baseVersionId === null ? undefined : ctx.bases.get(item.baseVersionId);
  const sameAsBase = current.versionId === item.baseVersionId && currentHash === item.baseHash;
  const ownReturn = current.versionId !== null && current.versionLabel === ctx.inquiry.label && ctx.ownVersions.get(current.versionId) === currentHash;
  // The sent text is not stored, only its hash: it is the base version's text if that is unchanged,
  // or, for an issue that had no version, its title with ②–⑤ empty if the title is unchanged.
  const candidates = [sameAsBase ? current.fields : null, base?.fields ?? null, item.baseVersionId === null ? normaliseFields({ title: current.fields.title }) : null];
  const sent = candidates.find((c): c is FormFields => c !== null && fieldsHash(c) === item.baseHash) ?? null;
  return { item, current, ownReturn, changedSince: !sameAsBase && !ownReturn, sent, baseLabel: base?.label ?? null, baseNumber: base?.number ?? null };
}

const fieldChanges = (before: FormFields, after: FormFields): FieldChange[] =>
  changedKeys(before, after).map((key) => ({ key, mark: FIELD.get(key)!.mark, label: FIELD.get(key)!.label, before: before[key], after: after[key] }));

const listFields = (keys: VersionFieldKey[]) => keys.map((k) => FIELD.get(k)!.mark).join('・');

const nfkc = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export interface ClassifiedFile {
  rows: RowPreview[];
  conflicts: Conflict[];
  missing: { issueId: number; key: string; title: string }[];
  warnings: string[];
}

export function classifyRows(ctx: ReturnContext, fileName: string, form: FormRow, rows: ReturnedRow[], letters: Record<FormColumnKey, string>): ClassifiedFile {
  const out: RowPreview[] = [];
  const conflicts: Conflict[] = [];
  /** Rows taken, by issue: a later row of the same issue is a copy. */
  const taken = new Map<number, ReturnedRow>();
  /** Issues with any row of this form (taken or not): the others are missing from the return. */
  const mentioned = new Set<number>();
  const formItems = ctx.itemsByForm.get(form.id) ?? [];
  // Title → the form's issues with that title (two issues may share one).
  const titles = new Map<string, number[]>();
  for (const it of formItems) {
    const t = ctx.current.get(it.issueId)!.fields.title;
    titles.set(t, [...(titles.get(t) ?? []), it.issueId]);
  }
  const where = (r: ReturnedRow, col?: FormColumnKey) => `${r.row}行目${col ? ` (${letters[col]}列)` : ''}`;
  const base = (r: ReturnedRow) => ({ row: r.row, answer: r.answer, changes: [], fields: null, replacesVersion: false, warnings: [] as string[] });
  const reject = (r: ReturnedRow, reason: string, s?: IssueState): RowPreview => ({
    ...base(r),
    status: 'rejected',
    issueId: s?.item.issueId ?? null,
    key: s?.current.key ?? null,
    title: s?.current.fields.title ?? null,
    reason,
  });

  for (const r of rows) {
    if (!r.key) {
      out.push(reject(r, `${where(r, 'key')}: キーがありません。行を追加して書いた課題は取り込めません (新しい課題は事務局へ別途ご連絡ください)`));
      continue;
    }
    const parsed = parseRowKey(r.key);
    if (!parsed) {
      out.push(reject(r, `${where(r, 'key')}: キーが正しくありません (書き換えられています)`));
      continue;
    }
    if (parsed.inquiryUid !== ctx.inquiry.uid) {
      out.push(reject(r, `${where(r)}: 別の照会の様式からコピーされた行です (キーがこの照会 (${ctx.inquiry.label}) のものではありません)`));
      continue;
    }
    const item = ctx.items.get(parsed.issueUid);
    if (!item || !verifyRowKey(ctx.inquiry.secret, parsed, item.organizationId)) {
      out.push(reject(r, `${where(r, 'key')}: キーが正しくありません (書き換えられています)`));
      continue;
    }
    const s = issueState(ctx, item);
    if (item.formId !== form.id) {
      out.push(reject(r, `${where(r)}: 他の局区 (${s.current.organization}) の様式からコピーされた行です (${s.current.key})`, s));
      continue;
    }
    mentioned.add(item.issueId);
    const first = taken.get(item.issueId);
    if (first) {
      const differs = !sameFields(first.fields, r.fields) ? '内容が異なりますが、' : '';
      out.push(reject(r, `${where(r)}: ${first.row}行目と同じ課題 (${s.current.key}) の行です (行がコピーされています)。${differs}${first.row}行目を取り込みます`, s));
      continue;
    }
    const numbers = [s.current.number, s.baseNumber].filter((n) => n !== null).map(String);
    if (nfkc(r.organization) !== s.current.organization || nfkc(r.level).toUpperCase() !== s.current.level || !numbers.includes(String(Number(nfkc(r.number))))) {
      out.push(
        reject(
          r,
          `${where(r)}: 局名・レベル・番号 (${[r.organization, r.level, r.number].join(' ')}) がキーの課題 (${s.current.key}) と一致しません。並べ替えで列がずれた可能性があります`,
          s,
        ),
      );
      continue;
    }
    if (!r.fields.title) {
      out.push(reject(r, `${where(r, 'title')}: ①課題名が空です`, s));
      continue;
    }
    // Someone who unprotected the sheet and sorted only some columns moves texts off their keys;
    // a title that is now another issue's is the visible trace of that.
    const sameTitle = titles.get(r.fields.title) ?? [];
    if (sameTitle.length && !sameTitle.includes(item.issueId)) {
      const other = ctx.current.get(sameTitle[0]!)!;
      out.push(reject(r, `${where(r, 'title')}: ①課題名が別の課題 (${other.key}) の課題名と同じです。行がずれていないか確認してください`, s));
      continue;
    }
    taken.set(item.issueId, r);
    out.push(classifyRow(ctx, s, r, fileName, conflicts, where));
  }

  const missing = formItems
    .filter((it) => !mentioned.has(it.issueId))
    .map((it) => ctx.current.get(it.issueId)!)
    .map((c) => ({ issueId: c.issueId, key: c.key, title: c.fields.title }));
  const warnings: string[] = [];
  if (missing.length) warnings.push(`${missing.length}件の課題の行がありません (${missing.map((m) => m.key).join(', ')})。その課題は変更しません`);
  const unanswered = out.filter((r) => r.status !== 'rejected' && !r.answer).length;
  if (unanswered) warnings.push(`回答区分が選ばれていない行が${unanswered}行あります (内容を送付時と比べて判断しました)`);
  return { rows: out, conflicts, missing, warnings };
}

function classifyRow(ctx: ReturnContext, s: IssueState, r: ReturnedRow, fileName: string, conflicts: Conflict[], where: (r: ReturnedRow) => string): RowPreview {
  const warnings: string[] = [];
  const current = s.current.fields;
  // Against what was sent — or, when this form was returned before, against that return.
  const changed = s.ownReturn ? !sameFields(r.fields, current) : fieldsHash(r.fields) !== s.item.baseHash;
  const changes = fieldChanges(current, r.fields);
  const head = { row: r.row, issueId: s.item.issueId, key: s.current.key, title: r.fields.title, answer: r.answer, reason: null };

  if (r.answer && !(ANSWERS as readonly string[]).includes(r.answer)) warnings.push(`${where(r)}: 回答区分「${r.answer}」は選択肢にありません`);
  if (!changed || changes.length === 0) {
    if (r.answer === '修正あり' && !changed) warnings.push(`${where(r)}: 回答区分は「修正あり」ですが、内容は送付時と同じです`);
    if (changed) warnings.push(`${where(r)}: 事務局が様式の作成後に同じ内容へ変更済みです`);
    else if (s.changedSince) warnings.push(`${where(r)}: 事務局が様式の作成後にこの課題を変更しています。回答は修正なしのため、事務局の内容のままにします`);
    return { ...head, status: 'unchanged', changes: [], fields: null, replacesVersion: false, warnings };
  }
  if (r.answer === '修正なし') warnings.push(`${where(r)}: 回答区分は「修正なし」ですが、${listFields(changes.map((c) => c.key))}が変更されています (変更を取り込みます)`);
  const replacesVersion = ctx.labelled.has(s.item.issueId);
  if (replacesVersion && !s.ownReturn) warnings.push(`${where(r)}: ${s.current.key} には版「${ctx.inquiry.label}」が既にあり、その内容を置き換えます`);
  if (!s.changedSince) return { ...head, status: 'changed', changes, fields: r.fields, replacesVersion, warnings };

  const keys = VERSION_FIELDS.map((f) => f.key).filter((k) => current[k] !== r.fields[k] || (s.sent !== null && s.sent[k] !== current[k]));
  conflicts.push({
    issueId: s.item.issueId,
    key: s.current.key,
    title: current.title,
    fileName,
    row: r.row,
    baseLabel: s.baseLabel,
    currentLabel: s.current.versionLabel,
    fields: keys.map((k) => ({ key: k, mark: FIELD.get(k)!.mark, label: FIELD.get(k)!.label, base: s.sent?.[k] ?? null, current: current[k], returned: r.fields[k] })),
  });
  warnings.push(`${where(r)}: 様式の作成後に事務局がこの課題 (${s.current.key}) を変更しています。回答の内容で置き換えるか、取り込まないかを選んでください`);
  return { ...head, status: 'conflict', changes, fields: r.fields, replacesVersion, warnings };
}
