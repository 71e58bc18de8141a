// Returns that must not be taken: each is refused with a message that names the file and says
// what is wrong, and the database stays exactly as it was (every table fingerprinted; no backup
// is even taken).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbError } from '../../db/errors';
import { collectReturns } from '../../electron/services/inquiry/collect-returns';
import { generateInquiry } from '../../electron/services/inquiry/generate-inquiry';
import { previewReturns } from '../../electron/services/inquiry/preview-returns';
import type { ReturnFile } from '../../electron/services/inquiry/return-types';
import { sampleDb } from '../helpers/temp';
import { cell, fileOf, fingerprint, formSheet, keySheet, openForm, rowOf, saveForm } from './helpers';
import { makeZip } from '../helpers/zip';

const db = await sampleDb();
const gen = await generateInquiry(db, { label: 'R7.2', actor: '事務局' });
const later = await generateInquiry(db, { label: 'R7.3', actor: '事務局' });
const elsewhere = await generateInquiry(await sampleDb(), { label: 'R7.2', actor: '別のPC' });
const r72 = gen.inquiryId;
const backups = join(dirname(db.file), 'backups');

/** A 会計 return with one real change, so that only the defect can be the reason for a refusal. */
async function kaikei(edit: (wb: Awaited<ReturnType<typeof openForm>>) => void = () => {}, from = gen): Promise<Uint8Array> {
  const wb = await openForm(fileOf(from, '会計').bytes);
  cell(rowOf(formSheet(wb), '会計-A-1'), 'content').value = '局が書いた内容';
  edit(wb);
  return saveForm(wb);
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
async function docx(): Promise<Uint8Array> {
  return makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
}

/** Refused in the preview with this message, and by collect with nothing written. */
async function expectRefused(file: ReturnFile, message: string | RegExp): Promise<void> {
  const before = fingerprint(db.sqlite);
  const p = await previewReturns(db, [file], { inquiryId: r72 });
  expect(p.files[0]).toMatchObject({ status: 'refused', rows: [] });
  expect(p.files[0]!.message).toMatch(message);
  expect(p.files[0]!.message!.startsWith(`「${file.fileName}」`)).toBe(true);
  const err = await collectReturns(db, [file], { inquiryId: r72, actor: '事務局' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DbError);
  expect((err as DbError).message).toMatch(/^取り込める回答がありません: /);
  expect((err as DbError).message).toMatch(message);
  expect(fingerprint(db.sqlite)).toBe(before);
  expect(existsSync(backups) ? readdirSync(backups) : []).toEqual([]);
}

describe('bad returns', () => {
  it('a workbook of another inquiry, of this database or another', async () => {
    await expectRefused({ fileName: '照会_R7.3_会計.xlsx', bytes: await kaikei(undefined, later) }, 'はこの照会 (R7.2) の様式ではありません (照会「R7.3」の様式です)');
    await expectRefused({ fileName: '照会_R7.2_会計.xlsx', bytes: await kaikei(undefined, elsewhere) }, 'はこの照会 (R7.2) の様式ではありません (このデータベースにない照会「R7.2」の様式です。別のPCで作った様式の可能性があります)');
  });

  it('another bureau’s workbook renamed to this bureau’s file name', async () => {
    const wb = await openForm(fileOf(gen, '危機').bytes);
    await expectRefused(
      { fileName: '照会_R7.2_会計.xlsx', bytes: await saveForm(wb) },
      '「照会_R7.2_会計.xlsx」はファイル名では「会計」の様式ですが、中身は「危機」の様式です',
    );
  });

  it('a damaged key sheet: its signature, or the 局区 in it, edited; or the sheet deleted', async () => {
    const setKey = (label: string, value: string) => (wb: Awaited<ReturnType<typeof openForm>>) =>
      keySheet(wb).eachRow((r) => {
        if (r.getCell(1).value === label) r.getCell(2).value = value;
      });
    await expectRefused({ fileName: '照会_R7.2_会計.xlsx', bytes: await kaikei(setKey('署名', '0'.repeat(64))) }, 'の照会キーのシートが壊れています (署名が一致しません)');
    const kiki = String(gen.files.find((f) => f.organization === '危機')!.organizationId);
    await expectRefused({ fileName: '回答.xlsx', bytes: await kaikei(setKey('局区ID', kiki)) }, '署名が一致しません');
    await expectRefused({ fileName: '回答.xlsx', bytes: await kaikei(setKey('照会ID', '')) }, 'の照会キーのシートが壊れています (照会ID がありません)');
    await expectRefused({ fileName: '回答.xlsx', bytes: await kaikei((wb) => wb.removeWorksheet(keySheet(wb).id)) }, 'は照会の様式ではありません (「照会キー」のシートがありません)');
  });

  it('a form sheet with a column deleted', async () => {
    const bytes = await kaikei((wb) => formSheet(wb).spliceColumns(5, 1));
    await expectRefused({ fileName: '照会_R7.2_会計.xlsx', bytes }, '「記入シート」の見出し (局名〜回答区分とキーの列) がそろっていません');
  });

  it('a PNG or a Word file renamed .xlsx, a truncated zip, an empty file', async () => {
    await expectRefused({ fileName: '照会_R7.2_会計.xlsx', bytes: png }, 'はPNG画像です');
    await expectRefused({ fileName: '照会_R7.2_会計.xlsx', bytes: await docx() }, 'はWordの文書 (.docx) です');
    const whole = await kaikei();
    await expectRefused({ fileName: '照会_R7.2_会計.xlsx', bytes: whole.subarray(0, Math.floor(whole.length / 2)) }, 'ZIP形式が壊れています');
    await expectRefused({ fileName: '照会_R7.2_会計.xlsx', bytes: new Uint8Array() }, 'は空のファイルです');
  });

  it('a forged row key: the row is refused, named by row and column, and nothing would be written for it', async () => {
    const bytes = await kaikei((wb) => {
      const key = cell(rowOf(formSheet(wb), '会計-A-1'), 'key');
      const text = String(key.value);
      key.value = `${text.slice(0, -1)}${text.endsWith('0') ? '1' : '0'}`;
    });
    const before = fingerprint(db.sqlite);
    const p = await previewReturns(db, [{ fileName: '照会_R7.2_会計.xlsx', bytes }], { inquiryId: r72 });
    expect(p.files[0]).toMatchObject({ status: 'accepted', counts: { changed: 0, rejected: 1, unchanged: 2, missing: 1 } });
    expect(p.files[0]!.rows[0]).toMatchObject({ row: 3, status: 'rejected', issueId: null, reason: '3行目 (J列): キーが正しくありません (書き換えられています)' });
    expect(p.files[0]!.warnings[0]).toBe('1件の課題の行がありません (会計-A-1)。その課題は変更しません');
    const dry = await collectReturns(db, [{ fileName: '照会_R7.2_会計.xlsx', bytes }], { inquiryId: r72, actor: '事務局', dryRun: true });
    expect(dry.written).toEqual([]);
    expect(fingerprint(db.sqlite)).toBe(before);
  });

  it('collect with no files, or for an inquiry that does not exist', async () => {
    await expect(previewReturns(db, [])).rejects.toThrow('回答のファイルを選んでください');
    await expect(previewReturns(db, [{ fileName: 'a.xlsx', bytes: png }], { inquiryId: 999 })).rejects.toThrow('照会 (id 999) がありません');
  });
});
