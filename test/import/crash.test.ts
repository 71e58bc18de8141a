// A crash in the middle of an import's commit: the real `xpw import` is killed (SIGKILL) at
// random moments while it writes 10,000 rows. Every time, the database opens, passes the checks,
// and holds either the whole import or none of it.
import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { runChecks } from '../../electron/services/check';
import { sampleDb, tempDir } from '../helpers/temp';
import { csvText, utf8 } from './fixtures';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');
const ROWS = 10_000;

describe('an import killed mid-commit', () => {
  it('leaves all of the import or none of it, every time', async () => {
    const dir = tempDir();
    const base = join(dir, 'base.sqlite');
    (await sampleDb(base)).close();
    const csv = join(dir, 'big.csv');
    const rows = Array.from({ length: ROWS }, (_, i) => ['会計', 1000 + i, `取り込み試験の課題 ${i}`, String((i % 3) + 1), `所見 ${i}`]);
    writeFileSync(csv, utf8(csvText([['局名', '番号', '課題名', 'ランク', '所見'], ...rows])));
    const outcomes: string[] = [];
    const run = async (name: string, killAfter: number | null) => {
      const file = join(dir, `${name}.sqlite`);
      copyFileSync(base, file);
      const started = performance.now();
      const child = spawn(process.execPath, [BIN, 'import', csv, '--db', file, '--level', 'A'], { stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const timer = killAfter === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
      const code = await exited;
      clearTimeout(timer);
      const took = performance.now() - started;
      const db = await openDatabase(file);
      try {
        expect(runChecks(db.sqlite).ok, `checks after ${name}`).toBe(true);
        const added = db.sqlite.prepare('SELECT count(*) FROM issues WHERE number >= 1000').pluck().get() as number;
        const ranked = db.sqlite.prepare('SELECT count(*) FROM evaluations e JOIN issues i ON i.id = e.issue_id WHERE i.number >= 1000').pluck().get() as number;
        const imports = db.sqlite.prepare('SELECT count(*) FROM imports').pluck().get() as number;
        expect([0, ROWS], `issues after ${name}`).toContain(added);
        expect(ranked).toBe(added);
        expect(imports).toBe(added ? 1 : 0);
        outcomes.push(code === 0 ? 'finished' : added ? 'killed after commit' : 'killed, nothing written');
      } finally {
        db.close();
      }
      return took;
    };
    // One undisturbed run measures how long the whole import takes on this machine; the kills
    // then land from start-up through the commit to its very end.
    const total = await run('whole', null);
    for (const share of [0.4, 0.6, 0.75, 0.85, 0.95]) await run(`kill-${share}`, Math.round(total * share));
    expect(outcomes[0]).toBe('finished');
    expect(outcomes).toContain('killed, nothing written');
  }, 180_000);
});
