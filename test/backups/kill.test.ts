// A process killed with SIGKILL in the middle of its work, many times at random points: the
// database always opens, passes the checks of `xpw check`, and holds each transaction whole or
// not at all. Markers: one bulk transaction n writes the comment `tx:n` on every marked issue
// (with one audit entry each) and records n; after any kill, every marked comment must name the
// recorded n and the audit log must hold exactly n × issues of them. A killed restore leaves the
// database before or after, never between. Delays come from a seeded generator (printed).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { setComment } from '../../db/write/evaluations';
import { readSetting } from '../../db/queries/settings';
import { listBackups } from '../../electron/services/backups/backup-files';
import { runChecks } from '../../electron/services/check';
import { canonicalDump } from '../../electron/services/snapshot/canonical-dump';
import { sampleDb, tempDir } from '../helpers/temp';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(import.meta.dirname, 'fixtures', 'kill-child.ts');
const BIN = join(ROOT, 'bin', 'xpw.mjs');
const SEED = Number(process.env.XPW_KILL_SEED ?? Date.now() % 100_000);

/** mulberry32: small, seeded, good enough for delays. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the child, waits until it works, lets it work for `delayMs`, kills it with SIGKILL. */
async function runAndKill(args: string[], delayMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
    void exited.then(({ code }) => reject(new Error(`child exited (${code}) before it was killed:\n${err}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  const { signal } = await exited;
  expect(signal, `the child died on its own:\n${err}`).toBe('SIGKILL');
}

/** What the rows hold, without the restore's own audit entry and the kept settings. */
function data(sqlite: Database.Database): string {
  let table = '';
  return canonicalDump(sqlite)
    .split('\n')
    .filter((l) => {
      if (l.startsWith('{')) table = l;
      return !/"table":"(audit_log|settings|sqlite_sequence)"/.test(table);
    })
    .join('\n');
}

describe(`SIGKILL in the middle of the work (seed ${SEED})`, () => {
  it('keeps every bulk change whole or absent, and the database healthy', async () => {
    const next = random(SEED);
    const db = await sampleDb();
    const issues = db.sqlite.prepare("SELECT id FROM issues WHERE level = 'A' ORDER BY id LIMIT 40").pluck().all() as number[];
    db.close();
    let progressed = 0;
    let last = 0;
    for (let i = 0; i < 20; i++) {
      await runAndKill(['writes', db.file, JSON.stringify(issues)], Math.floor(next() * 400));
      const reopened = await openDatabase(db.file);
      const { sqlite } = reopened;
      const checks = runChecks(sqlite);
      expect(checks.ok, checks.lines.join('\n')).toBe(true);
      const t = Number(readSetting(sqlite, 'killtest.last') ?? 0);
      const comments = sqlite.prepare(`SELECT DISTINCT comment FROM evaluations WHERE issue_id IN (${issues.join(',')})`).pluck().all();
      if (t > 0) expect(comments).toEqual([`tx:${t}`]);
      const audited = sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'evaluation.comment' AND actor = 'kill-test'").pluck().get();
      expect(audited).toBe(t * issues.length);
      expect(t).toBeGreaterThanOrEqual(last);
      if (t > last) progressed++;
      last = t;
      // Backups killed while being written are never listed; the finished ones are whole.
      const backups = listBackups([join(db.file, '..', 'backups')]);
      if (i % 8 === 0 && backups.length) {
        const copy = new Database(backups[0]!.path, { readonly: true });
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        copy.close();
      }
      reopened.close();
    }
    // The kills fell inside the work, not before it.
    expect(progressed).toBeGreaterThan(8);
    const cli = spawnSync(process.execPath, [BIN, 'check', '--db', db.file], { encoding: 'utf8' });
    expect(cli.stdout).toContain('結果: 問題ありません');
    expect(cli.status).toBe(0);
  }, 240_000);

  it('leaves a killed restore before or after, never between', async () => {
    const next = random(SEED + 1);
    // Two different databases to restore, and the one they replace.
    const a = await sampleDb();
    const b = await sampleDb();
    const ids = a.sqlite.prepare('SELECT id FROM issues ORDER BY id').pluck().all() as number[];
    a.sqlite.transaction(() => ids.forEach((issueId) => setComment(a.sqlite, { issueId, roundId: 1, comment: 'A版', actor: 'a' })))();
    b.sqlite.transaction(() => ids.slice(0, 60).forEach((issueId) => setComment(b.sqlite, { issueId, roundId: 1, comment: 'B版'.repeat(200), actor: 'b' })))();
    const states = new Set([data(a.sqlite), data(b.sqlite)]);
    a.close();
    b.close();
    const live = await sampleDb(join(tempDir(), 'xpw.sqlite'));
    states.add(data(live.sqlite));
    live.close();
    expect(states.size).toBe(3);

    let restored = 0;
    for (let i = 0; i < 12; i++) {
      await runAndKill(['restore', live.file, a.file, b.file], Math.floor(next() * 800));
      const reopened = await openDatabase(live.file);
      const checks = runChecks(reopened.sqlite);
      expect(checks.ok, checks.lines.join('\n')).toBe(true);
      const now = data(reopened.sqlite);
      expect(states.has(now)).toBe(true);
      if (reopened.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.restore'").pluck().get() as number) restored++;
      reopened.close();
    }
    expect(restored).toBeGreaterThan(0);
    const cli = spawnSync(process.execPath, [BIN, 'check', '--db', live.file], { encoding: 'utf8' });
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
  }, 240_000);
});
