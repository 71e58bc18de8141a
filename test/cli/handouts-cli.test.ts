// `xpw publish`, `xpw pack` and the 繰越 options of `xpw export` as a user runs them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRound } from '../../db/write/rounds';
import { listRounds } from '../../db/queries/rounds';
import { readPdf } from '../helpers/poppler';
import { sampleDb, tempDir } from '../helpers/temp';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');
const xpw = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('xpw publish / pack / export --carried', async () => {
  const dir = tempDir();
  const file = join(dir, 'x.sqlite');
  const db = await sampleDb(file);
  const r611 = listRounds(db.sqlite)[0]!;
  createRound(db.sqlite, { label: 'R7.5', title: '令和7年5月時点', asOf: '2025-05', meetingDate: '2025-06-20', scaleId: r611.scaleId, carryFromRoundId: r611.id }, 'テスト');
  db.close();

  it('publishes a folder, warning about an unlocked round; an existing folder needs --force', () => {
    const out = join(dir, 'site');
    const r = xpw('publish', '--db', file, '--round', 'R6.11', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('注意: 評価回「R6.11」はロック (公表確定) されていません');
    expect(readdirSync(out)).toContain('index.html');
    expect(readdirSync(out)).toContain('x-policy-progress.csv');
    const again = xpw('publish', '--db', file, '--round', 'R6.11', '--out', out);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('--force');
    expect(xpw('publish', '--db', file, '--round', 'R6.11', '--out', out, '--force').status).toBe(0);
  });

  it('makes the X会議 pack as one PDF', () => {
    const out = join(dir, 'pack.pdf');
    const r = xpw('pack', '--db', file, '--round', 'R6.11', '--out', out, '--meeting', '第5回X会議', '--materials', 'report,org');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('資料1 局区X方針の進捗状況(Aレベル)');
    expect(readPdf(out).text).toContain('第5回X会議');
  }, 60_000);

  it('marks 繰越 with a warning by default, and refuses with --carried refuse', () => {
    const marked = join(dir, 'r75.docx');
    const r = xpw('export', 'report', '--db', file, '--round', 'R7.5', '--out', marked);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('注意: 評価回「R7.5」の確認されていない繰越のランク 132件に「※」を付けて出力しました');
    const refused = join(dir, 'r75-refused.xlsx');
    const n = xpw('export', 'grid', '--db', file, '--round', 'R7.5', '--out', refused, '--carried', 'refuse');
    expect(n.status).not.toBe(0);
    expect(n.stderr).toContain('確認されていない繰越のランクが 132件あります');
    expect(existsSync(refused)).toBe(false);
  });
});
