// Generating an inquiry on the sample: one plain workbook per 局区, read back as Excel would, and
// the rows that remember what each form sent.
import { describe, expect, it } from 'vitest';
import { VERSION_FIELDS } from '../../common/fields';
import { resolveIssueKey, listVersions } from '../../db/queries/issues';
import { listRules } from '../../db/queries/rules';
import { replaceRules } from '../../db/write/rules';
import { fieldsHash, normaliseFields } from '../../electron/services/inquiry/form-fields';
import { ANSWERS, FIRST_DATA_ROW, FORM_COLUMNS, FORM_SHEET, HEADER_ROW, INSTRUCTIONS_SHEET, KEY_SHEET } from '../../electron/services/inquiry/form-layout';
import { generateInquiry, planInquiry } from '../../electron/services/inquiry/generate-inquiry';
import { defaultInquiryLabel, inquiryAsOf } from '../../electron/services/inquiry/inquiry-label';
import { sampleDb } from '../helpers/temp';
import { cell, col, dataRows, fileOf, fingerprint, formSheet, keySheet, openForm, protectionOf, rowOf } from './helpers';
import { readZip } from '../helpers/zip';

const db = await sampleDb();
const gen = await generateInquiry(db, { label: 'R7.2', deadline: '2025-02-28', actor: 'テスト担当' });
const idOf = (key: string) => resolveIssueKey(db.sqlite, key)!;

describe('generateInquiry', () => {
  it('writes one workbook per 局区, named 照会_<label>_<局区>.xlsx, and records what each form sent', () => {
    expect(gen.files).toHaveLength(29);
    expect(gen.files[0]!.fileName).toBe('照会_R7.2_会計.xlsx');
    expect(new Set(gen.files.map((f) => f.fileName)).size).toBe(29);
    for (const f of gen.files) expect(f.fileName).not.toMatch(/[\\/:*?"<>|]/);
    expect(gen.files.reduce((n, f) => n + f.issues, 0)).toBe(133);
    expect(fileOf(gen, '財変').issues).toBe(6);

    const q = db.sqlite.prepare('SELECT uid, label, title, secret, created_by AS createdBy FROM inquiries WHERE id = ?').get(gen.inquiryId) as Record<string, string>;
    expect(q).toMatchObject({ label: 'R7.2', title: 'X方針 照会 (令和7年2月)', createdBy: 'テスト担当' });
    expect(Buffer.from(q.secret!, 'base64')).toHaveLength(32);
    expect(db.sqlite.prepare('SELECT count(*) FROM inquiry_forms WHERE inquiry_id = ?').pluck().get(gen.inquiryId)).toBe(29);
    expect(db.sqlite.prepare('SELECT count(*) FROM inquiry_items').pluck().get()).toBe(133);

    // The B example was sent as its latest version (R6.11); A issues have no version yet.
    const b = db.sqlite.prepare('SELECT base_version_id AS v, base_hash AS h FROM inquiry_items WHERE issue_id = ?').get(idOf('財変-B-4')) as { v: number; h: string };
    const r611 = listVersions(db.sqlite, idOf('財変-B-4')).find((v) => v.label === 'R6.11')!;
    expect(b.v).toBe(r611.id);
    expect(b.h).toBe(fieldsHash(normaliseFields(r611)));
    const a = db.sqlite.prepare('SELECT base_version_id AS v FROM inquiry_items WHERE issue_id = ?').get(idOf('会計-A-1')) as { v: number | null };
    expect(a.v).toBeNull();
    expect(db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'inquiry.generate'").pluck().get()).toBe(1);
  });

  it('is a plain .xlsx: no macros, no formulas, and the secret is nowhere in it', async () => {
    const secret = db.sqlite.prepare('SELECT secret FROM inquiries').pluck().get() as string;
    const zip = readZip(fileOf(gen, '財変').bytes);
    const names = zip.names;
    expect(names.some((n) => /vbaProject|macro/i.test(n))).toBe(false);
    const types = zip.text('[Content_Types].xml');
    expect(types).not.toContain('macroEnabled');
    for (const n of names.filter((x) => x.endsWith('.xml'))) {
      const xml = zip.text(n);
      expect(xml).not.toContain(secret);
      expect(xml).not.toMatch(/<f>|<f /);
    }
  });

  it('has the instructions, the form and a veryHidden key sheet, in that order', async () => {
    const wb = await openForm(fileOf(gen, '財変').bytes);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      [INSTRUCTIONS_SHEET, 'visible'],
      [FORM_SHEET, 'visible'],
      [KEY_SHEET, 'veryHidden'],
    ]);
    const key = keySheet(wb);
    const values = new Map<string, string>();
    key.eachRow((r) => values.set(String(r.getCell(1).value), String(r.getCell(2).value ?? '')));
    expect(values.get('照会')).toBe('R7.2');
    expect(values.get('局区')).toBe('財変');
    expect(values.get('署名')).toMatch(/^[0-9a-f]{64}$/);
    expect(protectionOf(key)?.sheet).toBe(true);
  });

  it('explains what to do, by when, and lists the enabled writing rules with their fields', async () => {
    const wb = await openForm(fileOf(gen, '会計').bytes);
    const ws = wb.getWorksheet(INSTRUCTIONS_SHEET)!;
    const text: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => text.push(c.text)));
    const all = text.join('\n');
    expect(all).toContain('提出期限: 令和7年2月28日(金)');
    expect(all).toContain('会計室 御中');
    expect(all).toContain('Alt + Enter');
    expect(all).toContain('令和7年2月時点の内容');
    const rules = listRules(db.sqlite).filter((r) => r.enabled);
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) expect(all).toContain(r.message);
    expect(all).toContain('②課題の内容・③課題の背景');
    expect(protectionOf(ws)?.sheet).toBe(true);
  });

  it('pre-fills the form with each issue and its latest version, unlocks only the cells to fill', async () => {
    const wb = await openForm(fileOf(gen, '財変').bytes);
    const ws = formSheet(wb);
    expect(FORM_COLUMNS.map((_, i) => ws.getRow(HEADER_ROW).getCell(i + 1).value)).toEqual([
      '局名',
      'レベル',
      '番号',
      ...VERSION_FIELDS.map((f) => `${f.mark}${f.label}`),
      '回答区分',
      'キー (変更しないでください)',
    ]);
    expect(dataRows(ws)).toEqual([0, 1, 2, 3, 4, 5].map((n) => FIRST_DATA_ROW + n));
    const b = rowOf(ws, '財変-B-4');
    const r611 = listVersions(db.sqlite, idOf('財変-B-4')).find((v) => v.label === 'R6.11')!;
    expect(cell(b, 'title').value).toBe(r611.title);
    expect(cell(b, 'content').value).toBe(r611.content);
    expect(cell(b, 'progress').value).toBe(r611.progress);
    const a1 = rowOf(ws, '財変-A-1');
    expect(cell(a1, 'title').value).toBe(db.sqlite.prepare('SELECT title FROM issues WHERE id = ?').pluck().get(idOf('財変-A-1')));
    expect(cell(a1, 'content').value).toBeNull();

    expect(protectionOf(ws)).toMatchObject({ sheet: true, formatColumns: true, formatRows: true });
    expect(protectionOf(ws)?.hashValue).toBeUndefined();
    for (const c of FORM_COLUMNS) {
      const input = ['title', 'content', 'background', 'actions', 'progress', 'answer'].includes(c.key);
      expect(cell(b, c.key).protection?.locked ?? true, c.key).toBe(!input);
    }
    expect(ws.getColumn(col('key')).hidden).toBe(true);
    expect(String(cell(b, 'key').value)).toMatch(/^[0-9a-f-]{36}\.[0-9a-f-]{36}\.[0-9a-f]{20}$/);
    expect(cell(b, 'answer').dataValidation).toMatchObject({ type: 'list', formulae: [`"${ANSWERS.join(',')}"`], showErrorMessage: true });
    // Long text is wrapped in wide columns and the rows are tall enough for it.
    expect(ws.getColumn(col('content')).width).toBeGreaterThanOrEqual(40);
    expect(cell(b, 'content').alignment?.wrapText).toBe(true);
    expect(b.height).toBeGreaterThan(a1.height);
    expect(a1.height).toBeGreaterThanOrEqual(5 * 13.5);
    expect(ws.pageSetup.orientation).toBe('landscape');
  });

  it('narrows to levels and 局区, follows the rule set, and plans without writing', async () => {
    const before = fingerprint(db.sqlite);
    const plan = planInquiry(db, { label: 'R7.B', levels: ['B'] });
    expect(plan.forms).toEqual([{ organizationId: expect.any(Number), organization: '財変', organizationFullName: expect.any(String), fileName: '照会_R7.B_財変.xlsx', issues: 1 }]);
    expect(fingerprint(db.sqlite)).toBe(before);

    const rules = listRules(db.sqlite);
    replaceRules(db.sqlite, rules.map((r) => ({ ...r, enabled: r.kind !== 'timeLimit' })), 'テスト担当');
    const b = await generateInquiry(db, { label: 'R7.B', levels: ['B'], actor: 'テスト担当' });
    expect(b.files.map((f) => [f.fileName, f.issues])).toEqual([['照会_R7.B_財変.xlsx', 1]]);
    const text: string[] = [];
    (await openForm(b.files[0]!.bytes)).getWorksheet(INSTRUCTIONS_SHEET)!.eachRow((r) => r.eachCell((c) => text.push(c.text)));
    expect(text.join('\n')).not.toContain(rules.find((r) => r.kind === 'timeLimit')!.message);
    expect(text.join('\n')).toContain('事務局からの依頼文のとおり');

    const orgs = db.sqlite.prepare("SELECT id FROM organizations WHERE short_name IN ('会計', '危機')").pluck().all() as number[];
    const two = await generateInquiry(db, { label: 'R7.ORG', organizationIds: orgs, actor: 'テスト担当' });
    expect(two.files.map((f) => f.organization)).toEqual(['会計', '危機']);
  });

  it('refuses a label already used, a selection with no issues and a label unfit for a file name', async () => {
    const before = fingerprint(db.sqlite);
    await expect(generateInquiry(db, { label: 'R7.2', actor: 'x' })).rejects.toThrow('照会「R7.2」は既にあります');
    await expect(generateInquiry(db, { label: 'R7.C', levels: ['C'], actor: 'x' })).rejects.toThrow('照会する課題がありません');
    await expect(generateInquiry(db, { label: 'R7/2', actor: 'x' })).rejects.toThrow('使えない文字');
    await expect(generateInquiry(db, { label: 'R7.9', deadline: '2月末', actor: 'x' })).rejects.toThrow('YYYY-MM-DD');
    expect(fingerprint(db.sqlite)).toBe(before);
  });

  it('derives the default label and the versions’ month from the label', () => {
    expect(defaultInquiryLabel(new Date(2025, 1, 10))).toBe('R7.2');
    expect(defaultInquiryLabel(new Date(2024, 10, 1))).toBe('R6.11');
    expect(inquiryAsOf('R7.2', '2025-01-31T00:00:00Z')).toBe('2025-02');
    expect(inquiryAsOf('R6.11', '2025-01-31T00:00:00Z')).toBe('2024-11');
    expect(inquiryAsOf('2次照会', '2024-07-03T03:00:00Z')).toBe('2024-07');
  });
});
