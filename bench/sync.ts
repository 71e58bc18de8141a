// Team sync benchmark (issue 12): 10,000 changes from another PC pulled and applied (< 2 s), and
// an idle poll of the shared folder, nothing new (< 20 ms of CPU). Two copies of the sample
// database joined to one temporary folder. Runs inside `npm run bench`, or alone:
// `npx tsx bench/sync.ts`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/open.js';
import { setComment, setRank } from '../db/write/evaluations.js';
import { seedSample } from '../electron/services/sample-data.js';
import { syncOnce } from '../electron/services/sync/engine.js';
import { FolderTransport } from '../electron/services/sync/folder-transport.js';
import { createShare, joinShare } from '../electron/services/sync/share.js';
import { stats, type Stats } from './stats.js';

export interface SyncBench {
  apply10k: { ms: number; applied: number; targetMs: number; pass: boolean };
  idlePollCpu: { ms: Stats; targetMs: number; pass: boolean };
}

export async function runSyncBench(runs = 30): Promise<SyncBench> {
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-sync-'));
  try {
    const folder = join(dir, 'share');
    mkdirSync(folder);
    const a = await openDatabase(join(dir, 'a.sqlite'), { create: true });
    seedSample(a, 'ベンチ');
    await createShare(a.sqlite, folder, { name: 'ベンチ', user: '佐藤', pc: 'PC-A' });
    await joinShare(folder, join(dir, 'b.sqlite'), { pc: 'PC-B' });
    const b = await openDatabase(join(dir, 'b.sqlite'));
    try {
      for (let i = 0; i < 10_000; i++) {
        const issueId = 1 + (i % 132);
        if (i % 2) setComment(a.sqlite, { issueId, roundId: 1, comment: `所見 ${i}`, actor: '佐藤' });
        else setRank(a.sqlite, { issueId, roundId: 1, rank: String(1 + (Math.floor(i / 132) % 3)), actor: '佐藤' });
      }
      await syncOnce(a.sqlite, new FolderTransport(folder));
      const transport = new FolderTransport(folder);
      const t0 = performance.now();
      const pass = await syncOnce(b.sqlite, transport);
      const ms = performance.now() - t0;
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const c0 = process.cpuUsage();
        await syncOnce(b.sqlite, transport);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      const idle = stats(cpu);
      return {
        apply10k: { ms, applied: pass.applied, targetMs: 2000, pass: ms < 2000 && pass.applied >= 10_000 },
        idlePollCpu: { ms: idle, targetMs: 20, pass: idle.p95 < 20 },
      };
    } finally {
      a.close();
      b.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printSync(r: SyncBench): string[] {
  const mark = (p: boolean) => (p ? 'PASS' : 'FAIL');
  console.log(`  10,000 changes from another PC pulled + applied: ${r.apply10k.ms.toFixed(0)} ms (${r.apply10k.applied} records; target < ${r.apply10k.targetMs} ms) ${mark(r.apply10k.pass)}`);
  console.log(`  idle poll, nothing new: CPU median ${r.idlePollCpu.ms.median.toFixed(1)} ms, p95 ${r.idlePollCpu.ms.p95.toFixed(1)} ms (target < ${r.idlePollCpu.targetMs} ms) ${mark(r.idlePollCpu.pass)}`);
  return [
    ...(r.apply10k.pass ? [] : [`apply 10,000: ${r.apply10k.ms.toFixed(0)} ms ≥ ${r.apply10k.targetMs} ms`]),
    ...(r.idlePollCpu.pass ? [] : [`idle poll CPU p95 ${r.idlePollCpu.ms.p95.toFixed(1)} ms ≥ ${r.idlePollCpu.targetMs} ms`]),
  ];
}

if (process.argv[1]?.endsWith('sync.ts')) {
  console.log('Team sync …');
  printSync(await runSyncBench());
}
