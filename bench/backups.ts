// Backup benchmark (issue 6): a verified backup (SQLite's online backup API, quick_check or
// integrity_check, the switch to a one-file copy, the retention pass) of the 100,000-issue
// database with 10 rounds of evaluations — the bench database plus 9 more rounds, generated with prepared
// statements in one transaction. Also, for information: the parts of the backup, a restore
// (prepare + restore into the open file) and the single-file export.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../db/open.js';
import { insertRound } from '../db/write/rounds.js';
import { jaSortKey } from '../db/sort-key.js';
import { discardPrepared, prepareRestore } from '../electron/services/backups/prepare-restore.js';
import { restoreInto } from '../electron/services/backups/restore.js';
import { takeBackup } from '../electron/services/backups/take-backup.js';
import { writeSnapshot } from '../electron/services/snapshot/snapshot-file.js';
import { createRandom } from './random.js';
import { stats, type Stats } from './stats.js';
import { comment, STAFF } from './words.js';

export interface BackupCase {
  id: string;
  label: string;
  ms: Stats;
  targetMs: number | null;
  bytes: number;
  pass: boolean;
}

export interface BackupBench {
  database: { issues: number; rounds: number; evaluations: number; bytes: number; generateMs: number };
  cases: BackupCase[];
}

const RANKS = ['3', '2', '2', '1', null] as const;

/** Adds rounds until there are `total`, each with an evaluation of every issue. */
export function addRounds(sqlite: Database.Database, total: number, seed: number): number {
  const r = createRandom(seed);
  const scaleId = sqlite.prepare('SELECT scale_id FROM rounds ORDER BY id LIMIT 1').pluck().get() as number;
  const have = sqlite.prepare('SELECT count(*) FROM rounds').pluck().get() as number;
  const ids = sqlite.prepare('SELECT id FROM issues ORDER BY id').pluck().all() as number[];
  const insert = sqlite.prepare('INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (let n = have; n < total; n++) {
      // Rounds before the bench's R6.11, half a year apart.
      const month = new Date(Date.UTC(2019 + Math.floor(n / 2), (n % 2) * 6 + 4, 1));
      const asOf = month.toISOString().slice(0, 7);
      const roundId = insertRound(sqlite, { label: `B${n}`, title: `${asOf} 時点 (ベンチ)`, asOf, scaleId });
      const at = month.toISOString();
      for (const id of ids) {
        const text = r.chance(0.2) ? comment(r) : '';
        insert.run(id, roundId, r.pick(RANKS), text, text ? jaSortKey(text) : '', r.pick(STAFF), at);
      }
    }
  })();
  return total - have;
}

/**
 * Writes the page cache back to disk before a timed run. Back-to-back copies of 255 MB pile up
 * dirty pages until the kernel throttles every writer, which measures the disk's backlog rather
 * than the backup; on a PC copies are minutes apart. (No `sync` command on Windows: nothing to do.)
 */
function settle(): void {
  if (process.platform !== 'win32') execFileSync('sync');
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    settle();
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const one = (ms: number): Stats => stats([ms]);

export async function runBackupBench(options: { source: Database.Database; runs: number; seed: number }): Promise<BackupBench> {
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-backups-'));
  try {
    const file = join(dir, 'ten-rounds.sqlite');
    const started = performance.now();
    await options.source.backup(file);
    let db: Db = await openDatabase(file);
    addRounds(db.sqlite, 10, options.seed);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const generateMs = performance.now() - started;
    const count = (sql: string) => db.sqlite.prepare(sql).pluck().get() as number;
    const database = {
      issues: count('SELECT count(*) FROM issues'),
      rounds: count('SELECT count(*) FROM rounds'),
      evaluations: count('SELECT count(*) FROM evaluations'),
      bytes: statSync(file).size,
      generateMs,
    };

    const cases: BackupCase[] = [];
    let last = '';
    await takeBackup(db, 'import'); // warm-up: the page cache, as on a PC in use
    // The copy before an import or a bulk change: the user waits for it (quick_check).
    const backupMs = await time(async () => {
      last = await takeBackup(db, 'import');
    }, options.runs);
    const backupBytes = statSync(last).size;
    cases.push({ id: 'B1', label: 'verified backup before an import/bulk change (quick_check)', ms: stats(backupMs), targetMs: 2000, bytes: backupBytes, pass: stats(backupMs).p95 < 2000 });
    // The day's first copy and the one on the button: the full integrity_check.
    const fullMs = await time(async () => {
      last = await takeBackup(db, 'manual');
    }, Math.min(options.runs, 3));
    cases.push({ id: 'B1f', label: 'verified backup: daily/manual (integrity_check)', ms: stats(fullMs), targetMs: null, bytes: backupBytes, pass: true });

    // The parts, to see where the time goes.
    const copy = join(dir, 'copy.sqlite');
    const copyMs = await time(async () => {
      rmSync(copy, { force: true });
      await db.sqlite.backup(copy, { progress: () => 1000 });
    }, Math.min(options.runs, 3));
    cases.push({ id: 'B2', label: '  of which: online backup API copy', ms: stats(copyMs), targetMs: null, bytes: backupBytes, pass: true });
    for (const [id, pragma] of [
      ['B3', 'quick_check'],
      ['B3f', 'integrity_check'],
    ] as const) {
      const ms = await time(async () => {
        const ro = new Database(last, { readonly: true });
        ro.pragma('mmap_size = 2147483648');
        ro.pragma(pragma);
        ro.close();
      }, Math.min(options.runs, 3));
      cases.push({ id, label: `  of which: ${pragma} of the copy`, ms: stats(ms), targetMs: null, bytes: backupBytes, pass: true });
    }

    // Restore: prepare (copy, open, all checks, preview) and restore into the open database.
    let t = performance.now();
    const prepared = await prepareRestore(last);
    const prepareMs = performance.now() - t;
    t = performance.now();
    await restoreInto(db, prepared, 'bench');
    const restoreMs = performance.now() - t;
    cases.push({ id: 'B4', label: 'restore: prepare (copy + checks + preview)', ms: one(prepareMs), targetMs: null, bytes: backupBytes, pass: true });
    cases.push({ id: 'B5', label: 'restore: safety copy + backup API into the open file', ms: one(restoreMs), targetMs: null, bytes: backupBytes, pass: true });

    t = performance.now();
    const snapshot = await writeSnapshot(db.file, { appVersion: 'bench', createdBy: 'bench' });
    cases.push({ id: 'B6', label: 'single-file export of everything (.xpws)', ms: one(performance.now() - t), targetMs: null, bytes: snapshot.length, pass: true });
    const snapshotFile = join(dir, 'all.xpws');
    writeFileSync(snapshotFile, snapshot);
    t = performance.now();
    discardPrepared(await prepareRestore(snapshotFile));
    cases.push({ id: 'B7', label: 'restore: prepare from that file (load + checks + preview)', ms: one(performance.now() - t), targetMs: null, bytes: snapshot.length, pass: true });
    db.close();
    db = undefined as unknown as Db;
    return { database, cases };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printBackups(result: BackupBench): string[] {
  const d = result.database;
  console.log(
    `\n== Backups (${d.issues.toLocaleString()} issues, ${d.rounds} rounds, ${d.evaluations.toLocaleString()} evaluations, ${(d.bytes / 1048576).toFixed(1)} MB; ` +
      `9 rounds added in ${(d.generateMs / 1000).toFixed(1)} s)`,
  );
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
  console.log(pad('', 4) + pad('case', 62) + pad('median', 10) + pad('p95', 10) + pad('target', 9) + 'result');
  for (const c of result.cases) {
    console.log(
      pad(c.id, 4) + pad(c.label, 62) + pad(c.ms.median.toFixed(0), 10) + pad(c.ms.p95.toFixed(0), 10) + pad(c.targetMs === null ? '—' : `< ${c.targetMs}`, 9) + (c.pass ? 'PASS' : 'FAIL ✗') + `  (${(c.bytes / 1048576).toFixed(1)} MB)`,
    );
  }
  return result.cases.filter((c) => !c.pass).map((c) => `${c.id} ${c.label}: p95 ${c.ms.p95.toFixed(0)} ms ≥ ${c.targetMs} ms`);
}
