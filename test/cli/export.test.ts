// `xpw export` as a user runs it: real files out, read back; clear one-line errors.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readPdf, squash } from '../helpers/poppler';
import { tempDir } from '../helpers/temp';
import { readZip } from '../helpers/zip';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');
const xpw = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('xpw export', () => {
  const dir = tempDir();
  const db = join(dir, 'sample.sqlite');
  expect(xpw('init', '--db', db, '--sample').status).toBe(0);

  it('writes the progress report as .docx in the chosen font', async () => {
    const out = join(dir, 'report.docx');
    const r = xpw('export', 'report', '--db', db, '--format', 'docx', '--out', out, '--round', 'R6.11', '--font', 'MS明朝');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('を作成しました');
    const zip = readZip(readFileSync(out));
    const styles = zip.text('word/styles.xml');
    expect(styles).toContain('w:eastAsia="ＭＳ 明朝"');
    const doc = zip.text('word/document.xml');
    expect(doc).toContain('財務会計システムの機能アップ');
  });

  it('writes tracked-change comparison sheets for chosen issues, and a PDF report', () => {
    const out = join(dir, 'compare.docx');
    expect(xpw('export', 'compare', '--db', db, '--out', out, '--issues', '財変-B-4', '--tracked', '--paper', 'A4').status).toBe(0);
    expect(existsSync(out)).toBe(true);
    const pdf = join(dir, 'report.pdf');
    const r = xpw('export', 'report', '--db', db, '--out', pdf);
    expect(r.status, r.stderr).toBe(0);
    const facts = readPdf(pdf);
    expect(squash(facts.text)).toContain('Aレベルの課題の分析結果一覧');
  });

  it('writes the filtered grid as CP932 CSV and as .xlsx', () => {
    const csv = join(dir, 'grid.csv');
    expect(xpw('export', 'grid', '--db', db, '--out', csv, '--org', '教委,行委', '--levels', 'A').status).toBe(0);
    const lines = iconv.decode(readFileSync(csv), 'cp932').trim().split('\r\n');
    expect(lines[0]).toBe('局名,レベル,番号,課題名,ランク,所見,更新者,更新日時');
    expect(lines).toHaveLength(1 + 8 + 7);
    expect(lines.slice(1).every((l) => l.startsWith('教委,') || l.startsWith('行委,'))).toBe(true);
    const xlsx = join(dir, 'grid.xlsx');
    expect(xpw('export', 'grid', '--db', db, '--out', xlsx).status).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses clearly: unknown kind, bad font, bad format, existing file, unknown issue', () => {
    const cases: [string[], RegExp][] = [
      [['export', 'minutes', '--db', db, '--out', join(dir, 'x.docx')], /出力の種類を指定してください: report \| compare \| org \| grid/],
      [['export', 'report', '--db', db, '--out', join(dir, 'y.docx'), '--font', 'Comic Sans'], /--font: 「Comic Sans」は選べません/],
      [['export', 'report', '--db', db, '--out', join(dir, 'y.txt')], /--format/],
      [['export', 'compare', '--db', db, '--out', join(dir, 'z.docx'), '--issues', '財変-B-99'], /課題「財変-B-99」が見つかりません/],
      [['export', 'report', '--db', db, '--out', join(dir, 'y.docx'), '--round', 'R9.9'], /評価回「R9.9」がありません/],
      [['export', 'report', '--db', db], /--out を指定してください/],
    ];
    for (const [args, message] of cases) {
      const r = xpw(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const existing = join(dir, 'keep.docx');
    writeFileSync(existing, 'mine');
    const r = xpw('export', 'report', '--db', db, '--out', existing);
    expect(r.stderr).toMatch(/出力先が既にあります/);
    expect(readFileSync(existing, 'utf8')).toBe('mine');
  }, 120_000);
});
