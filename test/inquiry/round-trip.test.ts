// The inquiry round trip on the sample: generate the forms, fill two of them as the bureaus would
// (edit ②③④, fill ⑤, reorder rows, line breaks inside cells, 回答区分), while the secretariat
// changes two issues after generation; preview, collect, collect a second return with a choice,
// check the versions, the diffs, the conflict flags and the board; undo both collects.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listVersions, resolveIssueKey } from '../../db/queries/issues';
import { insertVersion } from '../../db/write/issues';
import { compareIssue } from '../../electron/services/compare/compare-issue';
import { undoImport } from '../../electron/services/import/undo-import';
import { collectReturns } from '../../electron/services/inquiry/collect-returns';
import { generateInquiry } from '../../electron/services/inquiry/generate-inquiry';
import { inquiryBoard } from '../../electron/services/inquiry/inquiry-board';
import { previewReturns } from '../../electron/services/inquiry/preview-returns';
import type { RowPreview } from '../../electron/services/inquiry/return-types';
import { sampleDb } from '../helpers/temp';
import { cell, fileOf, fingerprint, formSheet, openForm, reverseRows, rowOf, saveForm } from './helpers';

const db = await sampleDb();
const { sqlite } = db;
const idOf = (key: string) => resolveIssueKey(sqlite, key)!;
const titleOf = (key: string) => sqlite.prepare('SELECT title FROM issues WHERE id = ?').pluck().get(idOf(key)) as string;
const gen = await generateInquiry(db, { label: 'R7.2', actor: '事務局' });
const VERSIONED = ['issues', 'issue_versions', 'inquiry_forms', 'issue_search'];

// The secretariat edits two 会計 issues after the forms went out.
const r71 = (key: string, content: string) =>
  insertVersion(sqlite, idOf(key), { label: 'R7.1', asOf: '2025-01', number: Number(key.split('-')[2]), title: titleOf(key), content, background: null, actions: null, progress: null, remarks: null });
r71('会計-A-2', '事務局が1月に書き加えた内容');
r71('会計-A-3', '事務局が1月に整理した内容');
const beforeCollect = fingerprint(sqlite, VERSIONED);

const B4 = listVersions(sqlite, idOf('財変-B-4')).find((v) => v.label === 'R6.11')!;
const NEW = {
  b4: {
    content: `${B4.content}\n・ 加えて、施設の複合化を進める。`,
    background: B4.background!.replace('1%に留まっている', '2%に留まっている'),
    // Excel on Windows: CRLF inside the cell and spaces left at the end are not part of the text.
    actions: `${B4.actions}\r\n・ 令和7年度中に点検結果を公表する。  `,
    progress: `${B4.progress}\n・ 令和7年1月までに全施設の点検を完了した。`,
  },
  a1: {
    title: '市政変革の取り組みと連動した予算編成方針の作成・公表',
    content: '予算編成方針に市政変革の取組を反映させる。\n各局の要求段階から変革課題を確認する。',
    background: '変革課題と予算の結び付きが見えにくいとの指摘がある。',
    actions: '令和7年度予算から、変革課題ごとの予算額を公表する。',
    progress: '令和7年1月、予算要求の様式に変革課題の欄を設けた。',
  },
};

async function fillZaihen(): Promise<Uint8Array> {
  const wb = await openForm(fileOf(gen, '財変').bytes);
  const ws = formSheet(wb);
  const b4 = rowOf(ws, '財変-B-4');
  cell(b4, 'content').value = NEW.b4.content;
  cell(b4, 'background').value = NEW.b4.background;
  cell(b4, 'actions').value = NEW.b4.actions;
  cell(b4, 'progress').value = NEW.b4.progress;
  cell(b4, 'answer').value = '修正あり';
  const a1 = rowOf(ws, '財変-A-1');
  for (const [k, v] of Object.entries(NEW.a1)) cell(a1, k as keyof typeof NEW.a1).value = v;
  cell(a1, 'answer').value = '修正あり';
  // Trailing spaces typed after a title are no change; 修正あり on an untouched row is only a warning.
  cell(rowOf(ws, '財変-A-3'), 'title').value = `${cell(rowOf(ws, '財変-A-3'), 'title').value as string}\u3000 `;
  cell(rowOf(ws, '財変-A-3'), 'answer').value = '修正なし';
  cell(rowOf(ws, '財変-A-5'), 'answer').value = '修正あり';
  reverseRows(ws);
  return saveForm(wb);
}

async function fillKaikei(): Promise<Uint8Array> {
  const wb = await openForm(fileOf(gen, '会計').bytes);
  const ws = formSheet(wb);
  const a1 = rowOf(ws, '会計-A-1');
  cell(a1, 'content').value = '会計事務の手順を見直し、\n審査の重複をなくす。';
  cell(a1, 'actions').value = '令和7年度末までに審査件数を2割減らす。';
  cell(a1, 'answer').value = '修正なし'; // wrong on purpose: the text decides, with a warning
  cell(rowOf(ws, '会計-A-2'), 'content').value = '局が2月に書いた内容';
  return saveForm(wb);
}

const zaihen = { fileName: '照会_R7.2_財変.xlsx', bytes: await fillZaihen() };
const kaikei = { fileName: '照会_R7.2_会計(回答).xlsx', bytes: await fillKaikei() };
const rowsOf = (rows: RowPreview[], key: string) => rows.filter((r) => r.key === key);

describe('the inquiry round trip', () => {
  let firstImport = 0;
  let secondImport = 0;

  it('previews each file and row: changed with per-field differences, unchanged, and the conflict', async () => {
    const before = fingerprint(sqlite);
    const p = await previewReturns(db, [zaihen, kaikei]);
    expect(fingerprint(sqlite)).toBe(before);
    expect(p.inquiry).toMatchObject({ label: 'R7.2', asOf: '2025-02' });
    expect(p.counts).toEqual({ files: 2, accepted: 2, refused: 0, superseded: 0, changed: 3, unchanged: 5, conflicts: 1, rejected: 0, missing: 0 });
    const [z, k] = p.files;
    expect(z).toMatchObject({ status: 'accepted', organization: '財変', counts: { changed: 2, unchanged: 4, conflicts: 0, rejected: 0, missing: 0 } });

    // Rows were reversed: the B example is now on row 3, 財変 A-1 on row 8 — the preview names the row Excel shows.
    const [b4] = rowsOf(z!.rows, '財変-B-4');
    expect(b4).toMatchObject({ row: 3, status: 'changed', answer: '修正あり', replacesVersion: false, warnings: [] });
    expect(b4!.changes.map((c) => c.key)).toEqual(['content', 'background', 'actions', 'progress']);
    expect(b4!.changes.find((c) => c.key === 'actions')).toMatchObject({ before: B4.actions, after: `${B4.actions}\n・ 令和7年度中に点検結果を公表する。` });
    const [a1] = rowsOf(z!.rows, '財変-A-1');
    expect(a1).toMatchObject({ row: 8, status: 'changed' });
    expect(a1!.changes.map((c) => [c.mark, c.before])).toEqual([['①', titleOf('財変-A-1')], ['②', ''], ['③', ''], ['④', ''], ['⑤', '']]);
    expect(rowsOf(z!.rows, '財変-A-3')[0]).toMatchObject({ status: 'unchanged', warnings: [] });
    expect(rowsOf(z!.rows, '財変-A-5')[0]!.warnings).toEqual([expect.stringContaining('回答区分は「修正あり」ですが、内容は送付時と同じです')]);
    expect(z!.warnings).toEqual(['回答区分が選ばれていない行が2行あります (内容を送付時と比べて判断しました)']);

    expect(k).toMatchObject({ status: 'accepted', organization: '会計', counts: { changed: 1, unchanged: 1, conflicts: 1 } });
    expect(rowsOf(k!.rows, '会計-A-1')[0]!.warnings).toEqual([expect.stringMatching(/^3行目: 回答区分は「修正なし」ですが、②・④が変更されています/)]);
    expect(rowsOf(k!.rows, '会計-A-3')[0]).toMatchObject({ status: 'unchanged', warnings: [expect.stringContaining('事務局が様式の作成後にこの課題を変更しています')] });
    expect(rowsOf(k!.rows, '会計-A-2')[0]).toMatchObject({ status: 'conflict', changes: [{ key: 'content', before: '事務局が1月に書き加えた内容', after: '局が2月に書いた内容' }] });
    expect(p.conflicts).toEqual([
      {
        issueId: idOf('会計-A-2'),
        key: '会計-A-2',
        title: titleOf('会計-A-2'),
        fileName: kaikei.fileName,
        row: 4,
        baseLabel: null,
        currentLabel: 'R7.1',
        fields: [{ key: 'content', mark: '②', label: '課題の内容', base: '', current: '事務局が1月に書き加えた内容', returned: '局が2月に書いた内容' }],
      },
    ]);
  });

  it('collects: a version with the inquiry’s label for each changed issue, nothing for unchanged ones, the conflict left for a choice', async () => {
    const dry = await collectReturns(db, [zaihen, kaikei], { actor: '事務局', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, importId: null });
    expect(fingerprint(sqlite, VERSIONED)).toBe(beforeCollect);

    const r = await collectReturns(db, [zaihen, kaikei], { actor: '事務局' });
    firstImport = r.importId!;
    expect(existsSync(r.backupPath!)).toBe(true);
    expect(r.written.map((w) => [w.key, w.fields])).toEqual([
      ['財変-B-4', ['content', 'background', 'actions', 'progress']],
      ['財変-A-1', ['title', 'content', 'background', 'actions', 'progress']],
      ['会計-A-1', ['content', 'actions']],
    ]);
    expect(r.skipped).toEqual([{ issueId: idOf('会計-A-2'), key: '会計-A-2', fileName: kaikei.fileName, row: 4, reason: '競合の選択がないため取り込みませんでした' }]);

    const b4 = listVersions(sqlite, idOf('財変-B-4'));
    expect(b4.map((v) => v.label)).toEqual(['R6.8', 'R6.11', 'R7.2']);
    expect(b4[2]).toMatchObject({
      asOf: '2025-02',
      number: 4,
      title: B4.title,
      content: NEW.b4.content,
      background: NEW.b4.background,
      actions: `${B4.actions}\n・ 令和7年度中に点検結果を公表する。`,
      progress: NEW.b4.progress,
    });
    const a1 = listVersions(sqlite, idOf('財変-A-1'));
    expect(a1).toEqual([expect.objectContaining({ label: 'R7.2', asOf: '2025-02', number: 1, ...NEW.a1 })]);
    expect(titleOf('財変-A-1')).toBe(NEW.a1.title);
    expect(listVersions(sqlite, idOf('会計-A-1'))).toEqual([
      expect.objectContaining({ label: 'R7.2', content: '会計事務の手順を見直し、\n審査の重複をなくす。', background: null, actions: '令和7年度末までに審査件数を2割減らす。', progress: null }),
    ]);
    expect(listVersions(sqlite, idOf('会計-A-2')).map((v) => v.label)).toEqual(['R7.1']);
    for (const key of ['財変-A-2', '財変-A-3', '財変-A-4', '財変-A-5']) expect(listVersions(sqlite, idOf(key))).toEqual([]);
    expect(sqlite.prepare('SELECT count(*) FROM issue_versions').pluck().get()).toBe(2 + 2 + 3);

    const imp = sqlite.prepare('SELECT kind, file_name AS fileName, version_label AS label, inquiry_id AS inquiryId, counts, sha256 FROM imports WHERE id = ?').get(firstImport) as Record<string, string | number>;
    expect(imp).toMatchObject({ kind: 'inquiry', fileName: '照会_R7.2_財変.xlsx, 照会_R7.2_会計(回答).xlsx', label: 'R7.2', inquiryId: gen.inquiryId });
    expect(JSON.parse(imp.counts as string)).toEqual({ new: 0, changed: 3, unchanged: 5, rejected: 1 });
    expect(imp.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows the changes as the version comparison shows them: the B example from R6.11 to the return', () => {
    const cmp = compareIssue(sqlite, idOf('財変-B-4'), 'R6.11', 'R7.2');
    expect(cmp.fields.map((f) => f.status)).toEqual(['same', 'changed', 'changed', 'changed', 'changed']);
    const edits = (i: number) => cmp.fields[i]!.parts.filter((p) => p.op !== 'equal');
    expect(edits(1)).toEqual([{ op: 'insert', text: '\n・ 加えて、施設の複合化を進める。' }]);
    expect(edits(2)).toEqual([
      { op: 'delete', text: '1' },
      { op: 'insert', text: '2' },
    ]);
    expect(edits(3)).toEqual([{ op: 'insert', text: '\n・ 令和7年度中に点検結果を公表する。' }]);
    expect(edits(4)).toEqual([{ op: 'insert', text: '\n・ 令和7年1月までに全施設の点検を完了した。' }]);
  });

  it('the board shows who has returned, when, in which file and by which import', () => {
    const board = inquiryBoard(db);
    expect(board.inquiries).toEqual([expect.objectContaining({ label: 'R7.2', forms: 29, returned: 2 })]);
    const rows = board.inquiry!.rows;
    expect(rows.filter((f) => f.returned).map((f) => [f.organization, f.returnFileName, f.importId])).toEqual([
      ['会計', kaikei.fileName, firstImport],
      ['財変', zaihen.fileName, firstImport],
    ]);
    expect(rows.filter((f) => !f.returned)).toHaveLength(27);
    expect(rows.find((f) => f.organization === '財変')).toMatchObject({ issues: 6, fileName: '照会_R7.2_財変.xlsx', returnedAt: expect.any(String) });
  });

  it('a second return of a form is flagged as replacing the first; the user takes the bureau’s text for the conflict', async () => {
    const p = await previewReturns(db, [kaikei]);
    const [k] = p.files;
    expect(k!.previousReturn).toEqual({ at: expect.any(String), fileName: kaikei.fileName, importId: firstImport });
    expect(k!.warnings[0]).toMatch(/^「会計」は 令和.+ に「照会_R7.2_会計\(回答\).xlsx」で回答済みです。取り込むと前回の回答を置き換えます$/);
    // A-1 is what the first return wrote: unchanged now, not a conflict with itself.
    expect(k!.rows.map((r) => [r.key, r.status])).toEqual([
      ['会計-A-1', 'unchanged'],
      ['会計-A-2', 'conflict'],
      ['会計-A-3', 'unchanged'],
    ]);

    const r = await collectReturns(db, [kaikei], { actor: '事務局', choices: { [idOf('会計-A-2')]: 'theirs' } });
    secondImport = r.importId!;
    expect(r.written.map((w) => w.key)).toEqual(['会計-A-2']);
    expect(listVersions(sqlite, idOf('会計-A-2')).map((v) => [v.label, v.content])).toEqual([
      ['R7.1', '事務局が1月に書き加えた内容'],
      ['R7.2', '局が2月に書いた内容'],
    ]);
    expect(inquiryBoard(db).inquiry!.rows.find((f) => f.organization === '会計')!.importId).toBe(secondImport);
  });

  it('undoing the collects restores the previous versions, titles and the board', async () => {
    await undoImport(db, secondImport, '事務局');
    expect(listVersions(sqlite, idOf('会計-A-2')).map((v) => v.label)).toEqual(['R7.1']);
    // The first return of the 会計 form still stands: the board shows it again.
    expect(inquiryBoard(db).inquiry!.rows.find((f) => f.organization === '会計')).toMatchObject({ returned: true, importId: firstImport });
    expect(listVersions(sqlite, idOf('財変-B-4')).map((v) => v.label)).toEqual(['R6.8', 'R6.11', 'R7.2']);
    await undoImport(db, firstImport, '事務局');
    expect(listVersions(sqlite, idOf('財変-B-4')).map((v) => v.label)).toEqual(['R6.8', 'R6.11']);
    expect(titleOf('財変-A-1')).not.toBe(NEW.a1.title);
    expect(fingerprint(sqlite, VERSIONED)).toBe(beforeCollect);
    expect(inquiryBoard(db).inquiry!.rows.filter((f) => f.returned)).toEqual([]);
  });
});
