// Team sync through PostgreSQL (issue 13), on a throwaway local server (Debian `postgresql`):
// - 50 simulated clients × 1,000 changes: each client makes its changes over 10 sync passes
//   (push what it made, pull what is new), all at once; then every client pulls until it holds all
//   50,000 changes. Target: all converged (the same set of change ids everywhere) < 30 s.
// - One pull of 10,000 changes < 2 s: fetched and parsed (transport), and one engine sync pass
//   that pulls and applies them to a real SQLite replica of the sample.
// - An idle poll (nothing new: connect, log in, ask) < 20 ms of client CPU (median).
// The clients are transport-level (the PostgreSQL transport the sync engine uses, one short
// connection per call, as a PC would); the server runs on the same 2 CPUs, so the figures include
// its work too.
//
//   npx tsx bench/pgsync.ts [--clients N] [--changes N]
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PgTransport } from '../electron/services/sync/postgres/pg-transport.js';
import type { ChangeBatch, ChangeRecord } from '../electron/services/sync/transport.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open.js';
import { setComment } from '../db/write/evaluations.js';
import { seedSample } from '../electron/services/sample-data.js';
import { syncOnce } from '../electron/services/sync/engine.js';
import { createShare, joinShare, transportFor } from '../electron/services/sync/share.js';
import { setupXpwDatabase, startPg, type PgServer } from '../test/helpers/postgres.js';
import { table, verdict } from './report.js';

export interface PgSyncBench {
  clients: number;
  changesPerClient: number;
  convergeMs: number;
  converged: boolean;
  pull10kMs: number;
  pulledRecords: number;
  idlePollCpuMs: number;
  idlePollWallMs: number;
  /** The engine on real SQLite replicas: one sync pass that pulls and applies 10,000 changes. */
  enginePull10kMs: number;
  engineApplied: number;
  /** The engine's whole idle pass (as the app's background loop makes it), client CPU, median. */
  engineIdlePassCpuMs: number;
  targets: { convergeMs: number; pull10kMs: number; idlePollCpuMs: number };
}

const PASSES = 10;

function record(actorId: string, n: number): ChangeRecord {
  return {
    id: `${actorId}:${n}`,
    hlc: `${String(Date.now()).padStart(15, '0')}:${String(n).padStart(6, '0')}:${actorId}`,
    actor: { user: `職員${actorId}`, pc: `PC-${actorId}` },
    action: 'evaluation.rank',
    kind: 'evaluation',
    key: { issue: `総務-B-${n % 132}`, round: 'R6.11' },
    field: n % 2 ? 'rank' : 'comment',
    before: null,
    after: n % 2 ? String((n % 3) + 1) : `所見 ${n}: 取組は予定どおり進んでいる。`,
    batch: null,
  };
}

class SimClient {
  readonly ids = new Set<string>();
  cursor = '';
  batchSeq = 0;
  constructor(
    readonly actorId: string,
    readonly t: PgTransport,
  ) {}

  async pass(made: ChangeRecord[]): Promise<void> {
    if (made.length) {
      const batch: ChangeBatch = { actorId: this.actorId, seq: ++this.batchSeq, dataVersion: 1, records: made };
      await this.t.push(batch, made[0]!.actor);
    }
    const r = await this.t.pull(this.cursor);
    for (const b of r.batches) for (const rec of b.records) this.ids.add(rec.id);
    this.cursor = r.cursor;
  }

  digest(): string {
    return createHash('sha256').update([...this.ids].sort().join('\n')).digest('hex');
  }
}

export async function runPgSyncBench(o: { clients?: number; changes?: number } = {}): Promise<PgSyncBench> {
  const clients = o.clients ?? 50;
  const changes = o.changes ?? 1_000;
  const server = await startPg();
  try {
    const db = await setupXpwDatabase(server);
    const make = (): PgTransport => new PgTransport(db.client.url, { password: db.client.password });
    const sims = Array.from({ length: clients }, (_, i) => new SimClient(`a${String(i).padStart(2, '0')}`, make()));

    const t0 = performance.now();
    await Promise.all(
      sims.map(async (s) => {
        const per = Math.ceil(changes / PASSES);
        for (let p = 0; p < PASSES; p++) {
          const made = Array.from({ length: Math.min(per, changes - p * per) }, (_, k) => record(s.actorId, p * per + k));
          await s.pass(made);
        }
      }),
    );
    // Everyone has pushed; a last pass each picks up the rest.
    await Promise.all(sims.map((s) => s.pass([])));
    const convergeMs = performance.now() - t0;
    const digests = new Set(sims.map((s) => s.digest()));
    const converged = digests.size === 1 && sims.every((s) => s.ids.size === clients * changes);

    // A PC back after working offline sends its 10,000 changes (100 batches, one transaction);
    // another PC, up to date before, pulls exactly those in one pull.
    const backlog: ChangeBatch[] = Array.from({ length: 100 }, (_, b) => ({
      actorId: 'offline',
      seq: b + 1,
      dataVersion: 1,
      records: Array.from({ length: 100 }, (_, k) => record('offline', b * 100 + k)),
    }));
    const one = sims[0]!;
    await one.t.pushMany(backlog, backlog[0]!.records[0]!.actor);
    const tp = performance.now();
    const r = await one.t.pull(one.cursor);
    let pulledRecords = 0;
    for (const b of r.batches) pulledRecords += b.records.length;
    const pull10kMs = performance.now() - tp;

    // Idle polls: nothing new since the cursor.
    const cpu: number[] = [];
    const wall: number[] = [];
    const poller = make();
    await poller.pull(r.cursor);
    for (let i = 0; i < 25; i++) {
      // Polls are seconds apart, longer than a connection is kept: each one connects and logs in.
      poller.close();
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      const idle = await poller.pull(r.cursor);
      if (idle.batches.length) throw new Error('idle poll returned changes');
      wall.push(performance.now() - w0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    poller.close();
    for (const sim of sims) sim.t.close();

    // The same through the engine on two real SQLite replicas of the sample: B made 10,000
    // changes offline and has sent them; A's next sync pass pulls and applies them.
    const engine = await enginePull10k(server, db.database);

    return {
      clients,
      changesPerClient: changes,
      convergeMs,
      converged,
      pull10kMs,
      pulledRecords,
      idlePollCpuMs: median(cpu),
      idlePollWallMs: median(wall),
      enginePull10kMs: engine.ms,
      engineApplied: engine.applied,
      engineIdlePassCpuMs: engine.idlePassCpuMs,
      targets: { convergeMs: 30_000, pull10kMs: 2_000, idlePollCpuMs: 20 },
    };
  } finally {
    server.destroy();
  }
}

async function enginePull10k(server: PgServer, database: string): Promise<{ ms: number; applied: number; idlePassCpuMs: number }> {
  const x = await setupXpwDatabase(server, `${database}_engine`);
  const saved = process.env.XPW_PG_PASSWORD;
  process.env.XPW_PG_PASSWORD = x.client.password;
  const dir = mkdtempSync(join(tmpdir(), 'xpw-pgbench-'));
  const opened: Db[] = [];
  try {
    const a = await openDatabase(join(dir, 'a.sqlite'), { create: true });
    opened.push(a);
    seedSample(a, 'ベンチ');
    await createShare(a.sqlite, x.client.url, { name: 'ベンチ', user: '佐藤', pc: 'PC-A' });
    await joinShare(x.client.url, join(dir, 'b.sqlite'), { pc: 'PC-B' });
    const b = await openDatabase(join(dir, 'b.sqlite'));
    opened.push(b);
    const ids = b.sqlite.prepare('SELECT id FROM issues ORDER BY id').pluck().all() as number[];
    for (let i = 0; i < 10_000; i++) setComment(b.sqlite, { issueId: ids[i % ids.length]!, roundId: 1, comment: `所見 ${i}`, actor: '鈴木' });
    const sent = await syncOnce(b.sqlite, transportFor(x.client.url));
    if (!sent.ok || sent.pushed !== 10_000) throw new Error(`bench: push failed: ${sent.message}`);
    const t0 = performance.now();
    const r = await syncOnce(a.sqlite, transportFor(x.client.url));
    const ms = performance.now() - t0;
    // The app's idle pass as the background loop makes it: a new transport (connect, log in,
    // schema check), dataset meta, the outbox, a pull with nothing new, the local bookkeeping.
    const cpu: number[] = [];
    for (let i = 0; i < 15; i++) {
      const c0 = process.cpuUsage();
      const idle = await syncOnce(a.sqlite, transportFor(x.client.url));
      const c = process.cpuUsage(c0);
      if (!idle.ok || idle.applied) throw new Error('bench: the idle pass was not idle');
      cpu.push((c.user + c.system) / 1000);
    }
    cpu.sort((p, q) => p - q);
    return { ms, applied: r.applied, idlePassCpuMs: cpu[Math.floor(cpu.length / 2)]! };
  } finally {
    for (const d of opened) d.close();
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.XPW_PG_PASSWORD;
    else process.env.XPW_PG_PASSWORD = saved;
  }
}

export function printPgSync(b: PgSyncBench): string[] {
  const failures: string[] = [];
  const line = (label: string, value: string, target: string, pass: boolean): string[] => {
    if (!pass) failures.push(`${label}: ${value} (target ${target})`);
    return [label, value, target, verdict(pass)];
  };
  console.log('\n== Team sync through PostgreSQL');
  const out = table(
    ['PostgreSQL sync', 'measured', 'target', ''],
    [
      line(`${b.clients} clients × ${b.changesPerClient.toLocaleString()} changes converge`, `${(b.convergeMs / 1000).toFixed(1)} s${b.converged ? '' : ' (NOT converged)'}`, '< 30 s', b.converged && b.convergeMs < b.targets.convergeMs),
      line('one pull of 10,000 changes', `${b.pull10kMs.toFixed(0)} ms (${b.pulledRecords.toLocaleString()} pulled)`, '< 2 s', b.pulledRecords === 10_000 && b.pull10kMs < b.targets.pull10kMs),
      line('one sync pass pulling + applying 10,000 (engine, SQLite)', `${b.enginePull10kMs.toFixed(0)} ms (${b.engineApplied.toLocaleString()} applied)`, '< 2 s', b.engineApplied === 10_000 && b.enginePull10kMs < b.targets.pull10kMs),
      line('idle poll, client CPU (median)', `${b.idlePollCpuMs.toFixed(1)} ms (wall ${b.idlePollWallMs.toFixed(1)} ms)`, '< 20 ms', b.idlePollCpuMs < b.targets.idlePollCpuMs),
      line('idle sync pass of the app (engine + SQLite), client CPU', `${b.engineIdlePassCpuMs.toFixed(1)} ms`, '< 20 ms', b.engineIdlePassCpuMs < b.targets.idlePollCpuMs),
    ],
    [false, true, true, false],
  );
  console.log(out);
  return failures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { clients: { type: 'string' }, changes: { type: 'string' } } });
  const b = await runPgSyncBench({ clients: values.clients ? Number(values.clients) : undefined, changes: values.changes ? Number(values.changes) : undefined });
  const failures = printPgSync(b);
  console.log(failures.length ? `FAIL: ${failures.join('; ')}` : 'all PostgreSQL sync targets met');
}
