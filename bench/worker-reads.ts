// Reads during long jobs (issue 10 §2): while a verified backup or a restore preview of the
// 100,000-issue database runs, the grid's list query is asked every 50 ms and timed from when it
// was due to its answer — once through the contract workers (the app's arrangement: the job on the
// long lane, the reads on the quick lane) and once in one thread (the arrangement before: the
// contract on the main thread, so a read waits for the job's synchronous steps). Target: p95 of
// the worker reads < 100 ms.
//
// Standalone: `tsx bench/worker-reads.ts [--issues N] [--seed S]` (generates its own database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open.js';
import type { Channel, Reply } from '../electron/contract/channels.js';
import { dispatch } from '../electron/contract/dispatch.js';
import { ContractWorkers } from '../electron/worker/contract-workers.js';
import { generateDatabase } from './generate.js';
import { createRandom } from './random.js';
import { verdict } from './report.js';
import { stats, type Stats } from './stats.js';

export const READ_TARGET_MS = 100;
const EVERY_MS = 50;

export interface ReadsCase {
  id: string;
  label: string;
  /** The long job's own wall time (worker run). */
  jobMs: number;
  /** Grid reads answered while it ran, through the workers. */
  reads: Stats;
  /** The same in one thread (the arrangement before the workers). */
  oneThread: Stats;
  pass: boolean;
}

export interface WorkerReadsBench {
  /** The same reads through the workers with no job running: what the machine gives anyway. */
  quiet: Stats;
  cases: ReadsCase[];
}

type Call = (channel: Channel, payload: unknown) => Promise<Reply<Channel>>;

async function data<T>(call: Call, channel: Channel, payload: unknown): Promise<T> {
  const reply = await call(channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.data as T;
}

/**
 * Runs `job` and asks `read` every EVERY_MS until it ends, without waiting for earlier answers (as
 * a grid being scrolled asks for pages); each read is timed from when it was due. A read that fell
 * due while the thread was blocked is asked late and counted from when it was due: that wait is
 * what the window would have shown.
 */
async function readsDuring(job: () => Promise<unknown>, read: () => Promise<unknown>): Promise<{ jobMs: number; samples: number[] }> {
  const samples: number[] = [];
  const answers: Promise<void>[] = [];
  let finished = false;
  const t0 = performance.now();
  let jobMs = 0;
  const running = job().finally(() => {
    finished = true;
    jobMs = performance.now() - t0;
  });
  // The first read goes out right after the job (k = 0), so even a short job has one read beside it.
  for (let k = 0; ; k++) {
    const due = t0 + k * EVERY_MS;
    if (finished && due > t0 + jobMs) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (finished && due > t0 + jobMs) break;
    answers.push(read().then(() => void samples.push(performance.now() - due)));
  }
  await Promise.all([running, ...answers]);
  return { jobMs, samples };
}

export async function runWorkerReadsBench(o: { file: string; roundId: number; issues: number; seed: number }): Promise<WorkerReadsBench> {
  const r = createRandom(o.seed + 10);
  // A page as the grid asks for it (useIssueWindow: 200 rows at a page boundary).
  const pages = Math.max(1, Math.floor(o.issues / 200));
  const read = (call: Call) => () => data(call, 'issues.list', { roundId: o.roundId, offset: r.int(0, pages - 1) * 200, limit: 200 });

  // The two jobs, on whichever arrangement `call` is.
  const jobs = (call: Call) => {
    let backupPath = '';
    return [
      {
        id: 'W1',
        label: 'grid reads during a verified backup (integrity_check)',
        run: async () => {
          backupPath = (await data<{ path: string }>(call, 'backups.create', {})).path;
        },
      },
      {
        id: 'W2',
        label: 'grid reads during a restore preview (copy, checks, summary)',
        run: async () => {
          const p = await data<{ token: string }>(call, 'backups.prepareRestore', { path: backupPath });
          await data(call, 'backups.discard', { token: p.token });
        },
      },
    ];
  };

  const workers = await ContractWorkers.start({ baseDir: tmpdir(), file: o.file, plain: true });
  const viaWorkers: { jobMs: number; samples: number[] }[] = [];
  let quiet: number[] = [];
  try {
    const call: Call = (c, p) => workers.call(c, p);
    await read(call)(); // warm the quick lane's statements
    quiet = (await readsDuring(() => new Promise((done) => setTimeout(done, 1500)), read(call))).samples;
    for (const job of jobs(call)) viaWorkers.push(await readsDuring(job.run, read(call)));
  } finally {
    await workers.close();
  }

  const db = await openDatabase(o.file);
  const inOneThread: { jobMs: number; samples: number[] }[] = [];
  try {
    const call: Call = (c, p) => Promise.resolve(dispatch({ db }, c, p));
    await read(call)();
    for (const job of jobs(call)) inOneThread.push(await readsDuring(job.run, read(call)));
  } finally {
    db.close();
  }

  return {
    quiet: stats(quiet),
    cases: jobs(() => Promise.reject(new Error('labels only'))).map((job, i) => {
      const reads = stats(viaWorkers[i]!.samples);
      return { id: job.id, label: job.label, jobMs: viaWorkers[i]!.jobMs, reads, oneThread: stats(inOneThread[i]!.samples), pass: reads.p95 < READ_TARGET_MS };
    }),
  };
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

/** Prints the table; returns the missed targets. */
export function printWorkerReads(b: WorkerReadsBench): string[] {
  console.log(`\n== Reads during long jobs (grid list query every ${EVERY_MS} ms, from due to answer; target p95 < ${READ_TARGET_MS} ms)`);
  console.log(`W0  grid reads, no job running (workers): n=${b.quiet.n} median ${ms(b.quiet.median)} p95 ${ms(b.quiet.p95)} max ${ms(b.quiet.max)} ms`);
  for (const c of b.cases) {
    const ratio = c.reads.p95 > 0 ? c.oneThread.p95 / c.reads.p95 : Number.NaN;
    console.log(
      `${c.id}  ${c.label}: job ${ms(c.jobMs)} ms; workers n=${c.reads.n} median ${ms(c.reads.median)} p95 ${ms(c.reads.p95)} max ${ms(c.reads.max)} ms` +
        ` | one thread (before) n=${c.oneThread.n} p95 ${ms(c.oneThread.p95)} max ${ms(c.oneThread.max)} ms (${Number.isFinite(ratio) ? ratio.toFixed(1) : '—'}×)  ${verdict(c.pass)}`,
    );
  }
  return b.cases.filter((c) => !c.pass).map((c) => `${c.id} ${c.label}: p95 ${c.reads.p95.toFixed(0)} ms ≥ ${READ_TARGET_MS} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { issues: { type: 'string', default: '100000' }, seed: { type: 'string', default: '20241220' } } });
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-reads-'));
  try {
    const file = join(dir, 'bench.sqlite');
    const issues = Number(values.issues);
    console.log(`Generating ${issues.toLocaleString()} issues …`);
    const gen = await generateDatabase(file, { issues, seed: Number(values.seed) });
    const failures = printWorkerReads(await runWorkerReadsBench({ file, roundId: gen.roundId, issues, seed: Number(values.seed) }));
    console.log(failures.length ? `FAIL: ${failures.join('; ')}` : 'All read targets met.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
