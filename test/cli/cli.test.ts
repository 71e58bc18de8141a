// The real `xpw` binary, run as a child process on real files.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');
const xpw = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('xpw', () => {
  const dir = tempDir();
  const file = join(dir, 'sample.sqlite');

  it('init --sample creates the sample database, and refuses to overwrite it', () => {
    const r = xpw('init', '--db', file, '--sample');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('サンプルから');
    const again = xpw('init', '--db', file, '--sample');
    expect(again.status).not.toBe(0);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('既にあります');
  });

  it('summary prints the published table, as text and as JSON', () => {
    const text = xpw('summary', '--db', file);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('課題レベル\t総数\tランク3\tランク2\tランク1');
    expect(text.stdout).toContain('A 現行業務の改善\t132\t13\t118\t1');
    const json = JSON.parse(execFileSync(process.execPath, [BIN, 'summary', '--db', file, '--round', 'R6.11', '--json'], { encoding: 'utf8' }));
    expect(json.round).toBe('R6.11');
    expect(json.levels[0]).toMatchObject({ level: 'A', total: 132, byRank: { '3': 13, '2': 118, '1': 1 } });
  });

  it('summary names an unknown round', () => {
    const r = xpw('summary', '--db', file, '--round', 'R9.9');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/評価回「R9.9」がありません/);
  });

  it('check passes on a healthy database', () => {
    const r = xpw('check', '--db', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('integrity_check: ok');
    expect(r.stdout).toContain('foreign_key_check: ok');
  });

  it('backup writes a verified copy that opens and summarises the same', () => {
    const out = join(dir, 'copy.sqlite');
    const r = xpw('backup', '--db', file, '--out', out);
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(xpw('summary', '--db', out).stdout).toContain('A 現行業務の改善\t132\t13\t118\t1');
  });

  it('leaves a file that is not ours untouched, with a one-line message', () => {
    const foreign = join(dir, 'budget.xlsx');
    writeFileSync(foreign, 'PK\u0003\u0004 not a database');
    const before = sha256(foreign);
    for (const cmd of ['summary', 'check']) {
      const r = xpw(cmd, '--db', foreign);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('SQLiteのデータベースではありません');
    }
    expect(sha256(foreign)).toBe(before);
  });

  it('compare prints the per-field changes of the B example, as text and JSON', () => {
    const r = xpw('compare', '--db', file, '--issue', '財変-B-4');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('R6.8 (令和6年8月21日時点) 課題B (2) → R6.11 (令和6年11月時点) 課題B (4)');
    expect(r.stdout).toContain('{+施設の削減時期を耐用年限の到来時期に設定しているため、削減量は計画目標の20%に対し1%に留まっている+}');
    expect(r.stdout).toMatch(/⑤ 取組みの進捗状況、取組結果 — 新規/);
    const json = JSON.parse(xpw('compare', '--db', file, '--issue', '財変-B-4', '--from', 'R6.8', '--to', 'R6.11', '--json').stdout);
    expect(json.fields.map((f: { status: string }) => f.status)).toEqual(['same', 'changed', 'changed', 'changed', 'new']);
    const bad = xpw('compare', '--db', file, '--issue', '会計-A-1');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('比較できる版が2つありません');
  });

  it('lint prints the 記載チェック findings', () => {
    const r = xpw('lint', '--db', file, '--version', 'R6.11');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('財変-B-4\tR6.11\t④課題に対する取組\t数値目標');
    const json = JSON.parse(xpw('lint', '--db', file, '--json').stdout);
    expect(json[0].findings[0]).toMatchObject({ kind: 'numberTarget', field: 'actions' });
  });

  it('fails clearly on a missing option or an unknown command', () => {
    expect(xpw('summary').stderr).toContain('--db を指定してください');
    expect(xpw('frobnicate').status).toBe(2);
  });
});
