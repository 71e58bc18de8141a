// Query timings through the functions the app's handlers call (issues.list → listIssues,
// summary.get → summarize), on the bench database, in this process (no IPC/HTTP).
import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { listIssues, type IssueFilter, type IssueQuery } from '../db/queries/issues.js';
import { summarize } from '../db/queries/summary.js';
import { stats, type Stats } from './stats.js';

export const QUERY_TARGET_MS = 20;
export const SHORT_SEARCH_TARGET_MS = 50;

export interface QueryCase {
  id: string;
  label: string;
  targetMs: number;
  /** Runs the query once; returns a size to report (rows and total, or summary lines). */
  run(): string;
}

export interface QueryResult {
  id: string;
  label: string;
  targetMs: number;
  /** Judged on p95. */
  pass: boolean;
  result: string;
  ms: Stats;
  /** EXPLAIN QUERY PLAN of every statement the case ran (recorded for failing cases only). */
  plans?: StatementPlan[];
}

export interface StatementPlan {
  sql: string;
  /** Milliseconds of one execution of this statement alone. */
  ms: number;
  plan: string[];
}

export interface QueryBenchOptions {
  roundId: number;
  /** Organization for the 局区 filter case. */
  organization: { id: number; shortName: string };
  /** Offset of the deep-page case (50,000 on the full bench). */
  deepOffset: number;
  warmup?: number;
  runs?: number;
}

export function queryCases(sqlite: Database.Database, o: QueryBenchOptions): QueryCase[] {
  const { roundId } = o;
  const page = { roundId, offset: 0, limit: 200 } satisfies IssueQuery;
  const list = (id: string, label: string, q: IssueQuery, targetMs = QUERY_TARGET_MS): QueryCase => ({
    id,
    label,
    targetMs,
    run: () => {
      const r = listIssues(sqlite, q);
      return `${r.rows.length} / ${r.total}`;
    },
  });
  const summary = (id: string, label: string, f: IssueFilter, targetMs = QUERY_TARGET_MS): QueryCase => ({
    id,
    label,
    targetMs,
    run: () => {
      const lines = summarize(sqlite, f);
      return `${lines.reduce((s, l) => s + l.total, 0)} in ${lines.length} levels`;
    },
  });
  return [
    list('a', '一覧: 条件なし・既定の並び', page),
    list('b', `一覧: 局区 = ${o.organization.shortName}`, { ...page, organizationIds: [o.organization.id] }),
    list('c', '一覧: レベル B + ランク 2', { ...page, levels: ['B'], ranks: ['2'] }),
    list('c2', '一覧: レベル A + 未評価', { ...page, levels: ['A'], ranks: [null] }),
    list('d1', '一覧: 課題名順', { ...page, sort: [{ column: 'title', desc: false }] }),
    list('d2', '一覧: ランク降順', { ...page, sort: [{ column: 'rank', desc: true }] }),
    list('e1', '検索 3文字以上: 業務効率化', { ...page, text: '業務効率化' }),
    list('e2', '検索 3文字以上: 市民サービス', { ...page, text: '市民サービス' }),
    list('f1', '検索 2文字: 施設', { ...page, text: '施設' }, SHORT_SEARCH_TARGET_MS),
    list('f2', '検索 2文字: 窓口', { ...page, text: '窓口' }, SHORT_SEARCH_TARGET_MS),
    summary('g1', '集計: 条件なし', { roundId }),
    summary('g2', '集計: 検索 業務効率化', { roundId, text: '業務効率化' }),
    summary('g3', '集計: 検索 2文字 窓口', { roundId, text: '窓口' }, SHORT_SEARCH_TARGET_MS),
    list('h', `一覧: 深いページ (offset ${o.deepOffset.toLocaleString()})`, { ...page, offset: o.deepOffset }),
  ];
}

type Prepare = Database.Database['prepare'];
type Exec = (...args: unknown[]) => unknown;

/**
 * Runs `fn` once while recording the statements it prepares and their bound parameters, then
 * returns each statement's query plan and its own time: the exact SQL the app's query functions
 * build, without copying their code here.
 */
export function capturePlans(sqlite: Database.Database, fn: () => void): StatementPlan[] {
  const seen: { sql: string; args: unknown[] }[] = [];
  const original: Prepare = sqlite.prepare;
  const recording = (sql: string) => {
    const stmt = original.call(sqlite, sql);
    const entry = { sql, args: [] as unknown[] };
    seen.push(entry);
    const methods = stmt as unknown as Record<'all' | 'get' | 'run', Exec>;
    for (const m of ['all', 'get', 'run'] as const) {
      const exec = methods[m].bind(stmt);
      methods[m] = (...args: unknown[]) => {
        entry.args = args;
        return exec(...args);
      };
    }
    return stmt;
  };
  sqlite.prepare = recording as Prepare;
  try {
    fn();
  } finally {
    sqlite.prepare = original;
  }
  return seen.map(({ sql, args }) => {
    const rows = (original.call(sqlite, `EXPLAIN QUERY PLAN ${sql}`) as Database.Statement<unknown[]>).all(...args) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, -1]]);
    const plan = rows.map((row) => {
      const d = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, d);
      return `${'  '.repeat(d)}${row.detail}`;
    });
    const stmt = original.call(sqlite, sql) as Database.Statement<unknown[]>;
    const t0 = performance.now();
    if (stmt.reader) stmt.all(...args);
    const ms = performance.now() - t0;
    return { sql: sql.replace(/\s+/g, ' ').trim(), ms, plan };
  });
}

export function runQueryBench(sqlite: Database.Database, o: QueryBenchOptions): QueryResult[] {
  const warmup = o.warmup ?? 3;
  const runs = o.runs ?? 30;
  return queryCases(sqlite, o).map((c) => {
    let result = '';
    for (let i = 0; i < warmup; i++) result = c.run();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      c.run();
      samples.push(performance.now() - t0);
    }
    const ms = stats(samples);
    const pass = ms.p95 < c.targetMs;
    const plans = pass ? undefined : capturePlans(sqlite, () => void c.run());
    return { id: c.id, label: c.label, targetMs: c.targetMs, pass, result, ms, ...(plans && { plans }) };
  });
}
