// Handouts bench (issue 15): the publication for the website of the 100,000-issue set (pages,
// open data, written to a folder) and the X会議 pack of the sample (report + 1 comparison + the
// 29 局区 sheets in one PDF with cover and page numbers). Part of `npm run bench`; on its own:
// `tsx bench/handouts.ts [--issues N] [--runs N]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { openDatabase } from '../db/open.js';
import { listRounds } from '../db/queries/rounds.js';
import { chromiumPrinter } from '../electron/services/export/pdf/chromium-printer.js';
import { buildMeetingPack } from '../electron/services/pack/meeting-pack.js';
import { buildPublication, writePublication } from '../electron/services/publish/publish.js';
import { seedSample } from '../electron/services/sample-data.js';
import { generateDatabase } from './generate.js';
import { printTimedCases, type TimedCase } from './report.js';
import { stats } from './stats.js';
import { timeRuns } from './time-runs.js';

export async function runHandoutsBench(opts: { big: { sqlite: Database.Database; roundId: number }; runs: number }): Promise<TimedCase[]> {
  const cases: TimedCase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-handouts-'));
  try {
    let files = 0;
    const pub = await timeRuns(async () => {
      const p = buildPublication(opts.big.sqlite, { roundId: opts.big.roundId });
      await writePublication(p, join(dir, 'site'), true);
      files = p.files.size;
    }, Math.min(opts.runs, 3));
    const s = stats(pub);
    cases.push({ id: 'H1', label: `publication of the whole set (${files} files: pages, open data) to a folder`, ms: s, targetMs: 10_000, baselineMs: null, pass: s.p95 < 10_000 });

    const sample = await openDatabase(join(dir, 'sample.sqlite'), { create: true });
    seedSample(sample, 'bench');
    const roundId = listRounds(sample.sqlite)[0]!.id;
    const printer = chromiumPrinter();
    let pages = 0;
    try {
      const pack = await timeRuns(async () => {
        pages = (await buildMeetingPack(sample.sqlite, { roundId, meetingName: '第5回X会議' }, printer, { author: 'bench' })).pages;
      }, Math.min(opts.runs, 5));
      const p = stats(pack);
      cases.push({ id: 'H2', label: `X会議 pack of the sample (report + comparison + 29 局区 sheets, ${pages} pages)`, ms: p, targetMs: 5_000, baselineMs: null, pass: p.p95 < 5_000 });
    } finally {
      await printer.close();
      sample.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return cases;
}

export const printHandouts = (cases: TimedCase[]): string[] => printTimedCases('Handouts: publication and X会議 pack (p95 of the runs)', cases);

// Run alone: generate the set, measure, print.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { issues: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '20241220' } } });
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-'));
  try {
    const gen = await generateDatabase(join(dir, 'bench.sqlite'), { issues: Number(values.issues), seed: Number(values.seed) });
    const db = await openDatabase(gen.file);
    const failures = printHandouts(await runHandoutsBench({ big: { sqlite: db.sqlite, roundId: gen.roundId }, runs: Number(values.runs) }));
    db.close();
    if (failures.length) console.log(`FAIL:\n${failures.join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
