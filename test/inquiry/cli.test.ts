// `xpw inquiry generate|collect|status`, run as the real binary on real files.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, tempDir } from '../helpers/temp';
import { cell, formSheet, openForm, rowOf, saveForm } from './helpers';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');
const xpw = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
/** Reads the database the CLI wrote, directly (what was written, not what the CLI says). */
const query = <T>(file: string, sql: string): T => {
  const d = new Database(file, { readonly: true });
  try {
    return d.prepare(sql).pluck().get() as T;
  } finally {
    d.close();
  }
};
const oneLineError = (r: ReturnType<typeof xpw>, text: string) => {
  expect(r.status).not.toBe(0);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(text);
};

// Each run of the binary compiles the TypeScript CLI first: generous time per test on a busy machine.
describe('xpw inquiry', { timeout: 180_000 }, () => {
  const dir = tempDir('xpw-inquiry-cli-');
  const db = join(dir, 'x.sqlite');
  const forms = join(dir, '様式');
  const returns = join(dir, '回答');

  it('generate writes one workbook per 局区 into the folder, and never overwrites', () => {
    expect(xpw('init', '--db', db, '--sample').status).toBe(0);
    const r = xpw('inquiry', 'generate', '--db', db, '--out', forms, '--label', 'R7.2', '--deadline', '2025-02-28');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('照会「R7.2」(X方針 照会 (令和7年2月)) の様式を 29 件作成しました');
    expect(r.stdout).toContain('照会_R7.2_財変.xlsx\t6件');
    expect(readdirSync(forms).filter((n) => n.endsWith('.xlsx'))).toHaveLength(29);

    oneLineError(xpw('inquiry', 'generate', '--db', db, '--out', forms, '--label', 'R7.2'), '照会「R7.2」は既にあります');
    const taken = join(forms, '照会_R7.4_会計.xlsx');
    writeFileSync(taken, 'mine');
    oneLineError(xpw('inquiry', 'generate', '--db', db, '--out', forms, '--label', 'R7.4', '--org', '会計,危機'), '出力先に同じ名前のファイルがあります');
    expect(readFileSync(taken, 'utf8')).toBe('mine');
    expect(query(db, "SELECT group_concat(label) FROM inquiries")).toBe('R7.2');
  });

  it('collect --dry-run prints the preview and writes nothing; collect records the import; status shows the board', async () => {
    mkdirSync(returns);
    const wb = await openForm(readFileSync(join(forms, '照会_R7.2_財変.xlsx')));
    const b4 = rowOf(formSheet(wb), '財変-B-4');
    cell(b4, 'progress').value = `${cell(b4, 'progress').value as string}\n・ 令和7年1月に点検を終えた。`;
    cell(b4, 'answer').value = '修正あり';
    writeFileSync(join(returns, '照会_R7.2_財変.xlsx'), await saveForm(wb));
    writeFileSync(join(returns, '照会_R7.2_会計.xlsx'), readFileSync(join(forms, '照会_R7.2_会計.xlsx')));
    writeFileSync(join(returns, '写真.xlsx'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    writeFileSync(join(returns, '~$照会_R7.2_財変.xlsx'), 'Excel lock file');

    const before = sha256(db);
    const dry = xpw('inquiry', 'collect', returns, '--db', db, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('照会 R7.2「X方針 照会 (令和7年2月)」への回答: ファイル 3 (取り込む 2 / 取り込めない 1');
    expect(dry.stdout).toContain('変更 財変-B-4 (8行目): ⑤取組みの進捗状況、取組結果');
    expect(dry.stdout).toContain('× 「写真.xlsx」はPNG画像です');
    expect(sha256(db)).toBe(before);

    const r = xpw('inquiry', 'collect', join(returns, '照会_R7.2_財変.xlsx'), join(returns, '照会_R7.2_会計.xlsx'), '--db', db);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/取り込み \d+ として記録しました \(版「R7.2」を 1件、回答済み 2局区\)/);
    expect(query(db, "SELECT progress FROM issue_versions WHERE label = 'R7.2'")).toMatch(/\n・ 令和7年1月に点検を終えた。$/);

    const status = xpw('inquiry', 'status', '--db', db);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain('回答済み 2 / 29局区');
    expect(status.stdout).toMatch(/\n財変\t6\t済\t令和\d+年\d+月\d+日 \d\d:\d\d\t照会_R7.2_財変.xlsx\t\d+\n/);
    expect(status.stdout).toContain('\n危機\t3\t未\t—\t—\t—\n');
  });

  it('collect of nothing usable fails with one line and changes nothing', () => {
    const before = sha256(db);
    oneLineError(xpw('inquiry', 'collect', join(returns, '写真.xlsx'), '--db', db), '取り込める回答がありません: 「写真.xlsx」はPNG画像です');
    oneLineError(xpw('inquiry', 'send', '--db', db), 'inquiry の後に generate | collect | status | rekey を指定してください');
    expect(sha256(db)).toBe(before);
  });
});
