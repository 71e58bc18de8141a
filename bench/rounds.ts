// Rounds and audit benchmark (issue 6): creating a round that carries 100,000 issues' ranks over
// (target < 1 s), confirming them all, and the audit screen's queries over 1,000,000 audit rows
// (first page, next pages, each filter; target < 100 ms), through the contract's own dispatch.
// Its own database: every issue ranked (so the carry-over is the full 100,000) and a log of a
// million entries spread over two years, eight people, all issues and five rounds, generated
// with prepared statements in one transaction.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../db/open.js';
import { auditPageQuery, type AuditCursor, type AuditFilter } from '../db/queries/audit-search.js';
import { createRound, deleteRound } from '../db/write/rounds.js';
import { confirmCarried, undoConfirmCarried } from '../db/write/confirm-carried.js';
import { insertOrganization } from '../db/write/organizations.js';
import { insertRound } from '../db/write/rounds.js';
import { insertScale } from '../db/write/scales.js';
import { dispatch } from '../electron/contract/dispatch.js';
import type { Channel, Reply } from '../electron/contract/channels.js';
import { createRoundSafely } from '../electron/services/rounds/bulk.js';
import { createRandom } from './random.js';
import { stats, type Stats } from './stats.js';

export interface RoundsCase {
  id: string;
  label: string;
  ms: Stats;
  targetMs: number | null;
  pass: boolean;
  /** Rows returned or changed, for the reader. */
  rows: number;
  plan?: string[];
}

export interface RoundsResult {
  issues: number;
  auditRows: number;
  generateMs: number;
  bytes: number;
  cases: RoundsCase[];
}

const STAFF = ['山田 太郎', '佐藤 花子', '鈴木 一郎', '高橋 美咲', '田中 健', '伊藤 由美', '変革室 渡辺', '課長 中村'];
/** Weighted: most of the log is ranks and comments, a little is everything else. */
const KINDS: [action: string, entity: string, weight: number][] = [
  ['evaluation.rank', 'evaluation', 70],
  ['evaluation.comment', 'evaluation', 25],
  ['comparison.note', 'comparison_note', 3],
  ['round.update', 'round', 1],
  ['settings.set', 'settings', 1],
];
const LOG_FROM = Date.parse('2024-06-01T00:00:00Z');
const LOG_SPAN = 730 * 24 * 3600 * 1000;

async function generate(file: string, issues: number, auditRows: number, seed: number): Promise<{ db: Db; roundId: number; roundIds: number[] }> {
  const r = createRandom(seed);
  const db = await openDatabase(file, { create: true });
  const { sqlite } = db;
  const ids = sqlite.transaction(() => {
    const orgs = Array.from({ length: 29 }, (_, i) =>
      insertOrganization(sqlite, { shortName: `局${i + 1}`, fullName: `第${i + 1}局`, kind: '局', displayOrder: i + 1 }),
    );
    const scaleId = insertScale(sqlite, {
      name: '進捗ランク(1〜3)',
      ranks: ['3', '2', '1'].map((v) => ({ value: v, label: `ランク${v}`, definition: '', sortOrder: Number(v) })),
    });
    const roundIds = ['R5.11', 'R6.2', 'R6.5', 'R6.8', 'R6.11'].map((label, i) =>
      insertRound(sqlite, { label, title: label, asOf: `202${label === 'R5.11' ? 3 : 4}-${String([11, 2, 5, 8, 11][i]).padStart(2, '0')}`, meetingDate: null, scaleId }),
    );
    const roundId = roundIds.at(-1)!;
    const insIssue = sqlite.prepare(
      "INSERT INTO issues (uid, organization_id, level, number, title, title_sort, created_at) VALUES (?, ?, 'A', ?, ?, ?, '2024-08-01T00:00:00.000Z')",
    );
    const insEval = sqlite.prepare(
      "INSERT INTO evaluations (issue_id, round_id, rank, comment, comment_sort, updated_by, updated_at) VALUES (?, ?, ?, '', '', ?, '2024-11-30T00:00:00.000Z')",
    );
    const issueIds: number[] = [];
    for (let i = 0; i < issues; i++) {
      const title = `課題 ${i + 1}`;
      const id = Number(insIssue.run(r.uuid(), orgs[i % orgs.length]!, Math.floor(i / orgs.length) + 1, title, title).lastInsertRowid);
      issueIds.push(id);
      insEval.run(id, roundId, r.pick(['1', '2', '2', '3']), r.pick(STAFF));
    }
    const insAudit = sqlite.prepare(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, issue_id, round_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const kinds = KINDS.map(([a, e, w]) => [[a, e], w] as const);
    // Time grows with the id, a few entries share a millisecond (ties are paged by id).
    let t = LOG_FROM;
    const step = LOG_SPAN / auditRows;
    for (let i = 0; i < auditRows; i++) {
      t += r.chance(0.02) ? 0 : Math.max(1, Math.floor(r.next() * 2 * step));
      const [action, entity] = r.weighted(kinds);
      const issueId = entity === 'evaluation' || entity === 'comparison_note' ? r.pick(issueIds) : null;
      const rid = entity === 'settings' ? null : r.pick(roundIds);
      const value = action === 'evaluation.comment' ? 'comment' : 'rank';
      insAudit.run(new Date(t).toISOString(), r.pick(STAFF), action, entity, null, issueId, rid, `{"${value}":"2"}`, `{"${value}":"3"}`);
    }
    return { roundId, roundIds };
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('ANALYZE');
  return { db, ...ids };
}

function time(fn: () => unknown, runs: number): { samples: number[]; last: unknown } {
  let last: unknown = fn(); // warm-up: statement preparation, page cache
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = fn();
    samples.push(performance.now() - t);
  }
  return { samples, last };
}

function plan(db: Db, filter: AuditFilter, cursor?: AuditCursor): string[] {
  const q = auditPageQuery(filter, 100, cursor);
  return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as { detail: string }[]).map((p) => p.detail);
}

export async function runRoundsBench(opts: { issues: number; auditRows: number; runs: number; seed: number }): Promise<RoundsResult> {
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-rounds-'));
  const file = join(dir, 'rounds.sqlite');
  try {
    const t0 = performance.now();
    const { db, roundId, roundIds } = await generate(file, opts.issues, opts.auditRows, opts.seed);
    const generateMs = performance.now() - t0;
    const cases: RoundsCase[] = [];
    const ctx = { db };
    const call = <C extends Channel>(channel: C, input: unknown) => {
      const reply = dispatch(ctx, channel, input) as Reply<C>;
      if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
      return reply.data;
    };
    try {
      // Round creation: each run creates a round carrying every rank over, then the round is
      // deleted again (untimed) so each run starts from the same database.
      const creation: number[] = [];
      let carried = 0;
      for (let i = 0; i <= opts.runs; i++) {
        const t = performance.now();
        const res = createRound(db.sqlite, { label: `B${i}`, title: 'bench', asOf: '2025-05', meetingDate: null, scaleId: 1, carryFromRoundId: roundId }, 'bench');
        if (i > 0) creation.push(performance.now() - t); // the first run is the warm-up
        carried = res.carried;
        deleteRound(db.sqlite, res.round.id, 'bench');
      }
      cases.push({ id: 'R1', label: `round creation carrying ${carried.toLocaleString()} ranks over (transaction)`, ms: stats(creation), targetMs: 1000, pass: stats(creation).p95 < 1000, rows: carried });

      // The same end to end as the app does it: a verified backup first, then the transaction.
      const e2e: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const res = await createRoundSafely(db, { label: `E${i}`, title: 'bench', asOf: '2025-05', meetingDate: null, scaleId: 1, carryFromRoundId: roundId }, 'bench');
        e2e.push(performance.now() - t);
        deleteRound(db.sqlite, res.round.id, 'bench');
      }
      cases.push({ id: 'R2', label: '  … with the verified backup taken first (info)', ms: stats(e2e), targetMs: null, pass: true, rows: carried });

      // Confirming all 100,000 carried ranks, and undoing that.
      const round = createRound(db.sqlite, { label: 'C1', title: 'bench', asOf: '2025-05', meetingDate: null, scaleId: 1, carryFromRoundId: roundId }, 'bench').round;
      const confirm: number[] = [];
      const undo: number[] = [];
      for (let i = 0; i < Math.min(opts.runs, 5); i++) {
        let t = performance.now();
        const c = confirmCarried(db.sqlite, { roundId: round.id }, 'bench');
        confirm.push(performance.now() - t);
        t = performance.now();
        undoConfirmCarried(db.sqlite, c.auditId!, 'bench');
        undo.push(performance.now() - t);
      }
      cases.push({ id: 'R3', label: `confirm all ${carried.toLocaleString()} carried ranks (info)`, ms: stats(confirm), targetMs: null, pass: true, rows: carried });
      cases.push({ id: 'R4', label: '  … and undo that bulk confirmation (info)', ms: stats(undo), targetMs: null, pass: true, rows: carried });

      // The audit screen: each query through the contract, as the screen sends it.
      const first = call('audit.list', { limit: 100 });
      const deep = db.sqlite.prepare('SELECT at, id FROM audit_log ORDER BY at DESC, id DESC LIMIT 1 OFFSET ?').get(Math.floor(opts.auditRows * 0.6)) as { at: string; id: number };
      const month = { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' };
      const someIssue = db.sqlite.prepare("SELECT issue_id FROM audit_log WHERE issue_id IS NOT NULL LIMIT 1 OFFSET 5000").pluck().get() as number;
      const key = db.sqlite.prepare("SELECT o.short_name || '-A-' || i.number FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE i.id = ?").pluck().get(someIssue) as string;
      const queries: [string, string, Record<string, unknown>, AuditFilter & { after?: AuditCursor | null }][] = [
        ['A1', 'first page, no filter', { limit: 100 }, {}],
        ['A2', 'next page (keyset cursor)', { limit: 100, after: first.next }, { after: first.next }],
        ['A3', `a page ${(opts.auditRows * 0.6).toLocaleString()} rows down (keyset cursor)`, { limit: 100, after: deep }, { after: deep }],
        ['A4', 'filter: person', { limit: 100, actor: '佐藤 花子' }, { actor: '佐藤 花子' }],
        ['A5', 'filter: issue key', { limit: 100, issueKey: key }, { issueId: someIssue }],
        ['A6', 'filter: round + one month', { limit: 100, roundId: roundIds[2], ...month }, { roundId: roundIds[2], ...month }],
        ['A7', 'filter: one month', { limit: 100, ...month }, month],
        ['A8', 'filter: kind of change (settings, 1%)', { limit: 100, entity: 'settings' }, { entity: 'settings' }],
        ['A9', 'filter: person + kind + month', { limit: 100, actor: '課長 中村', entity: 'round', ...month }, { actor: '課長 中村', entity: 'round', ...month }],
      ];
      for (const [id, label, input, filter] of queries) {
        const { samples, last } = time(() => call('audit.list', input), opts.runs);
        const ms = stats(samples);
        const { after, ...f } = filter;
        cases.push({ id, label: `audit page (100 rows): ${label}`, ms, targetMs: 100, pass: ms.p95 < 100, rows: (last as { rows: unknown[] }).rows.length, plan: plan(db, f, after ?? undefined) });
      }
      const counts: [string, string, Record<string, unknown>][] = [
        ['A10', 'count, no filter (info)', {}],
        ['A11', 'count, person (info)', { actor: '佐藤 花子' }],
        ['A12', 'count, one month (info)', month],
      ];
      for (const [id, label, input] of counts) {
        const { samples, last } = time(() => call('audit.count', input), Math.min(opts.runs, 10));
        cases.push({ id, label: `audit ${label}`, ms: stats(samples), targetMs: null, pass: true, rows: (last as { count: number }).count });
      }
      const roundList = time(() => call('rounds.stats', {}), Math.min(opts.runs, 10));
      cases.push({ id: 'R5', label: 'rounds screen counts (rounds.stats, info)', ms: stats(roundList.samples), targetMs: null, pass: true, rows: (roundList.last as unknown[]).length });
      const facets = time(() => call('audit.facets', {}), opts.runs);
      const f = facets.last as { actors: string[]; entities: string[] };
      cases.push({ id: 'A13', label: 'audit filter lists: people and kinds (skip scan)', ms: stats(facets.samples), targetMs: 100, pass: stats(facets.samples).p95 < 100, rows: f.actors.length + f.entities.length });
      return { issues: opts.issues, auditRows: opts.auditRows, generateMs, bytes: statSync(file).size, cases };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printRounds(result: RoundsResult): string[] {
  console.log(
    `\n== Rounds and audit (${result.issues.toLocaleString()} issues, ${result.auditRows.toLocaleString()} audit rows; generated in ${(result.generateMs / 1000).toFixed(1)} s, ${(result.bytes / 2 ** 20).toFixed(0)} MB)`,
  );
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
  console.log(pad('', 5) + pad('case', 68) + pad('median', 10) + pad('p95', 10) + pad('target', 9) + pad('rows', 10) + 'result');
  for (const c of result.cases) {
    console.log(
      pad(c.id, 5) +
        pad(c.label, 68) +
        pad(c.ms.median.toFixed(1), 10) +
        pad(c.ms.p95.toFixed(1), 10) +
        pad(c.targetMs === null ? '—' : `< ${c.targetMs}`, 9) +
        pad(c.rows.toLocaleString(), 10) +
        (c.pass ? 'PASS' : 'FAIL ✗'),
    );
    if (c.plan && !c.pass) for (const p of c.plan) console.log(`       plan: ${p}`);
  }
  return result.cases.filter((c) => !c.pass).map((c) => `${c.id} ${c.label.trim()}: p95 ${c.ms.p95.toFixed(1)} ms ≥ ${c.targetMs} ms`);
}
