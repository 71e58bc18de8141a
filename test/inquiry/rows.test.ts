// Rows a bureau (or its spreadsheet habits) can break, each rejected on its own with the row and
// column named while the rest of the return is taken; and two returns of one form in one collect.
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listVersions, resolveIssueKey } from '../../db/queries/issues';
import { collectReturns } from '../../electron/services/inquiry/collect-returns';
import { FORM_COLUMNS } from '../../electron/services/inquiry/form-layout';
import { generateInquiry } from '../../electron/services/inquiry/generate-inquiry';
import { previewReturns } from '../../electron/services/inquiry/preview-returns';
import type { FilePreview } from '../../electron/services/inquiry/return-types';
import { sampleDb } from '../helpers/temp';
import { cell, fileOf, formSheet, openForm, rowOf, saveForm } from './helpers';

const db = await sampleDb();
const gen = await generateInquiry(db, { label: 'R7.2', actor: '事務局' });
const other = await generateInquiry(db, { label: 'R7.3', actor: '事務局' });
const inquiryId = gen.inquiryId;
const idOf = (key: string) => resolveIssueKey(db.sqlite, key)!;

async function zaihen(edit: (ws: ExcelJS.Worksheet) => Promise<void> | void, savedAt?: Date): Promise<Uint8Array> {
  const wb = await openForm(fileOf(gen, '財変').bytes);
  await edit(formSheet(wb));
  return saveForm(wb, savedAt);
}

const copyRow = (from: ExcelJS.Row, to: ExcelJS.Row, columns = FORM_COLUMNS.map((_, i) => i + 1)) => {
  for (const c of columns) to.getCell(c).value = from.getCell(c).value;
};

async function preview(bytes: Uint8Array): Promise<FilePreview> {
  return (await previewReturns(db, [{ fileName: '照会_R7.2_財変.xlsx', bytes }], { inquiryId })).files[0]!;
}
const rejected = (f: FilePreview) => f.rows.filter((r) => r.status === 'rejected').map((r) => r.reason);

describe('rows of a return', () => {
  it('a row copied over another: the copy is rejected, the overwritten issue reported missing', async () => {
    const f = await preview(
      await zaihen((ws) => {
        copyRow(rowOf(ws, '財変-A-1'), ws.getRow(rowOf(ws, '財変-A-5').number));
        cell(ws.getRow(7), 'content').value = '写した行に書いた内容';
      }),
    );
    expect(rejected(f)).toEqual(['7行目: 3行目と同じ課題 (財変-A-1) の行です (行がコピーされています)。内容が異なりますが、3行目を取り込みます']);
    expect(f.missing.map((m) => m.key)).toEqual(['財変-A-5']);
    expect(f.counts).toMatchObject({ rejected: 1, missing: 1, unchanged: 5 });
  });

  it('a row from another bureau’s form, or from another inquiry’s form', async () => {
    const kaikei = formSheet(await openForm(fileOf(gen, '会計').bytes));
    const later = formSheet(await openForm(fileOf(other, '財変').bytes));
    const f = await preview(
      await zaihen((ws) => {
        copyRow(rowOf(kaikei, '会計-A-1'), rowOf(ws, '財変-A-4'));
        copyRow(rowOf(later, '財変-A-1'), rowOf(ws, '財変-A-1'));
      }),
    );
    expect(rejected(f)).toEqual([
      '3行目: 別の照会の様式からコピーされた行です (キーがこの照会 (R7.2) のものではありません)',
      '6行目: 他の局区 (会計) の様式からコピーされた行です (会計-A-1)',
    ]);
  });

  it('a row without its key, and a row whose ①課題名 was emptied', async () => {
    const f = await preview(
      await zaihen((ws) => {
        cell(rowOf(ws, '財変-A-2'), 'key').value = null;
        cell(rowOf(ws, '財変-A-3'), 'title').value = '  ';
      }),
    );
    expect(rejected(f)).toEqual([
      '4行目 (J列): キーがありません。行を追加して書いた課題は取り込めません (新しい課題は事務局へ別途ご連絡ください)',
      '5行目 (D列): ①課題名が空です',
    ]);
  });

  it('texts moved off their keys by a sort of only some columns are caught, not written to the wrong issue', async () => {
    // Sorted without the hidden key column: 局名〜回答区分 moved, keys stayed.
    const visible = FORM_COLUMNS.slice(0, -1).map((_, i) => i + 1);
    const f = await preview(
      await zaihen((ws) => {
        const a1 = rowOf(ws, '財変-A-1');
        const a2 = rowOf(ws, '財変-A-2');
        const saved = visible.map((c) => a1.getCell(c).value);
        copyRow(a2, a1, visible);
        visible.forEach((c, i) => (a2.getCell(c).value = saved[i]!));
      }),
    );
    expect(rejected(f)).toEqual([
      '3行目: 局名・レベル・番号 (財変 A 2) がキーの課題 (財変-A-1) と一致しません。並べ替えで列がずれた可能性があります',
      '4行目: 局名・レベル・番号 (財変 A 1) がキーの課題 (財変-A-2) と一致しません。並べ替えで列がずれた可能性があります',
    ]);
    // Sorted only the text columns: the titles betray it.
    const texts = [4, 5, 6, 7, 8];
    const g = await preview(
      await zaihen((ws) => {
        const a1 = rowOf(ws, '財変-A-1');
        const a2 = rowOf(ws, '財変-A-2');
        const saved = texts.map((c) => a1.getCell(c).value);
        copyRow(a2, a1, texts);
        texts.forEach((c, i) => (a2.getCell(c).value = saved[i]!));
      }),
    );
    expect(rejected(g)).toEqual([
      '3行目 (D列): ①課題名が別の課題 (財変-A-2) の課題名と同じです。行がずれていないか確認してください',
      '4行目 (D列): ①課題名が別の課題 (財変-A-1) の課題名と同じです。行がずれていないか確認してください',
    ]);
  });

  it('two returns of one form in one collect: the one saved later replaces the other, whatever the order', async () => {
    const older = await zaihen((ws) => void (cell(rowOf(ws, '財変-A-1'), 'content').value = '最初に送った内容'), new Date('2025-02-10T12:00:00Z'));
    const newer = await zaihen((ws) => void (cell(rowOf(ws, '財変-A-1'), 'content').value = '差し替えた内容'), new Date('2025-02-12T12:00:00Z'));
    const files = [
      { fileName: '照会_R7.2_財変(差替).xlsx', bytes: newer },
      { fileName: '照会_R7.2_財変.xlsx', bytes: older },
    ];
    const p = await previewReturns(db, files, { inquiryId });
    expect(p.files.map((f) => f.status)).toEqual(['accepted', 'superseded']);
    expect(p.files[1]!.message).toMatch(/^「照会_R7.2_財変.xlsx」\(保存 令和7年2月10日 \d\d:00\) は、同じ局区 \(財変\) の新しい回答「照会_R7.2_財変\(差替\).xlsx」\(保存 令和7年2月12日 \d\d:00\) があるため取り込みません$/);
    expect(p.counts).toMatchObject({ accepted: 1, superseded: 1, changed: 1 });

    const r = await collectReturns(db, files, { inquiryId, actor: '事務局' });
    expect(r.returnedForms.map((f) => f.fileName)).toEqual(['照会_R7.2_財変(差替).xlsx']);
    expect(listVersions(db.sqlite, idOf('財変-A-1')).map((v) => v.content)).toEqual(['差し替えた内容']);
  });
});
