// Version-up benchmark (issue: version-up comparison): Japanese diff of 2,000-character fields,
// 記載チェック over 10,000 versions, and the comparison view's render time in Chromium.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openDatabase } from '../db/open.js';
import { appRoot } from '../db/paths.js';
import { insertIssue, insertVersion } from '../db/write/issues.js';
import { insertOrganization } from '../db/write/organizations.js';
import { diffText } from '../electron/services/compare/text-diff.js';
import { lintVersions } from '../electron/services/rules/run-rules.js';
import { seedSample } from '../electron/services/sample-data.js';
import { ContractWorkers } from '../electron/worker/contract-workers.js';
import { startPreviewServer } from '../electron/web/server.js';
import { launchChromium } from '../test/helpers/browser.js';
import { createRandom, type Random } from './random.js';
import { stats, round2, type Stats } from './stats.js';
import { paragraph } from './words.js';

export const DIFF_TARGET_MS = 20;
export const DIFF_DIFFERENT_TARGET_MS = 100;
export const COMPARE_RENDER_TARGET_MS = 200;
export const LINT_TARGET_MS = 2000;

export interface VersionupResult {
  diffSimilar: Stats & { chars: number };
  diffDifferent: Stats & { chars: number };
  lint10k: { versions: number; ms: number; findings: number };
  compareRender: Stats;
}

export function text(r: Random, chars: number): string {
  let t = '';
  while ([...t].length < chars) t += `${paragraph(r, 3)}\n`;
  return [...t].slice(0, chars).join('');
}

/** About 15% of the sentences rewritten, some inserted, some deleted. */
export function revise(r: Random, t: string): string {
  return t
    .split(' ')
    .flatMap((s) => (r.chance(0.05) ? [] : r.chance(0.1) ? [paragraph(r, 1)] : r.chance(0.05) ? [s, paragraph(r, 1)] : [s]))
    .join(' ');
}

function time(fn: () => unknown, runs: number): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function lintBench(r: Random): Promise<VersionupResult['lint10k']> {
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-lint-'));
  try {
    const db = await openDatabase(join(dir, 'lint.sqlite'), { create: true });
    const org = insertOrganization(db.sqlite, { shortName: '財変', fullName: '財政・変革局', kind: '局', displayOrder: 1 });
    db.sqlite.transaction(() => {
      for (let i = 1; i <= 10_000; i++) {
        const id = insertIssue(db.sqlite, { organizationId: org, level: 'B', number: i, title: `課題${i}` });
        insertVersion(db.sqlite, id, {
          label: 'R6.11', asOf: '2024-11', number: i, title: `課題${i}`,
          content: paragraph(r, 2), background: paragraph(r, 3), actions: paragraph(r, 2), progress: paragraph(r, 2), remarks: null,
        });
      }
    })();
    const t = performance.now();
    const results = lintVersions(db.sqlite, { label: 'R6.11' });
    const ms = performance.now() - t;
    db.close();
    return { versions: results.length, ms: round2(ms), findings: results.reduce((s, x) => s + x.findings.length, 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// In-page timing, from the key press on the grid to the first frame showing the marks. Plain
// JavaScript injected as an init script: tsx's helpers (__name) would not exist in the page.
const RENDER_PROBE = `
window.addEventListener('keydown', (e) => { if (e.key === 'd') window.__xpwT0 = performance.now(); }, true);
window.__xpwCompareWait = () => new Promise((resolve) => {
  const begun = performance.now();
  const poll = () => {
    if (window.__xpwT0 !== undefined && document.querySelector('dialog[open] ins')) resolve(performance.now() - window.__xpwT0);
    else if (performance.now() - begun > 5000) resolve(-1);
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
});`;

async function renderBench(runs: number): Promise<Stats> {
  const dir = mkdtempSync(join(tmpdir(), 'xpw-bench-cmp-'));
  const db = await openDatabase(join(dir, 'sample.sqlite'), { create: true });
  seedSample(db, 'bench');
  // The same arrangement as `npm run web`: the contract in worker threads on the file.
  const workers = await ContractWorkers.start({ baseDir: tmpdir(), file: db.file, plain: true });
  const server = await startPreviewServer({ contract: workers, rendererDir: join(appRoot(), 'out', 'renderer'), port: 0 });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addInitScript({ content: RENDER_PROBE });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first().waitFor();
    await page.getByLabel('レベル').selectOption('B');
    await page.locator('output.count').filter({ hasText: '1 件' }).waitFor();
    await page.locator('[role=row][aria-rowindex="2"]').click();
    await page.locator('.issue-key').filter({ hasText: '財変-B-4' }).waitFor();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      // In-page timing: from the key press on the grid to the first frame showing the marks.
      await page.getByRole('grid', { name: '変革課題の一覧' }).focus();
      await page.evaluate('window.__xpwT0 = undefined');
      const wait = page.evaluate('window.__xpwCompareWait()');
      await page.keyboard.press('d');
      const ms = (await wait) as number;
      if (ms < 0) {
        throw new Error(`the comparison did not open within 5 s (run ${i + 1})`);
      }
      samples.push(ms);
      await page.keyboard.press('Escape');
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
      await page.waitForTimeout(150); // let focus return to the grid before the next key press
    }
    return stats(samples);
  } finally {
    await browser.close();
    await server.close();
    await workers.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runVersionupBench(options: { seed: number; runs: number; ui: boolean }): Promise<VersionupResult> {
  const r = createRandom(options.seed);
  const a = text(r, 2000);
  const b = revise(r, a);
  const c = text(r, 2000);
  const similar = stats(time(() => diffText(a, b), options.runs));
  const different = stats(time(() => diffText(a, c), options.runs));
  const lint10k = await lintBench(r);
  const compareRender = options.ui ? await renderBench(10) : stats([]);
  return {
    diffSimilar: { ...similar, chars: [...a].length },
    diffDifferent: { ...different, chars: [...c].length },
    lint10k,
    compareRender,
  };
}

export function printVersionup(v: VersionupResult): string[] {
  const failures: string[] = [];
  const line = (name: string, value: number, target: number) => {
    const pass = value < target;
    if (!pass) failures.push(name);
    console.log(`  ${name.padEnd(44)} ${String(round2(value)).padStart(9)} ms  (target < ${target} ms)  ${pass ? 'PASS' : 'FAIL ✗'}`);
  };
  console.log('\nVersion-up comparison');
  line(`diff, ${v.diffSimilar.chars} chars, revised (p95)`, v.diffSimilar.p95, DIFF_TARGET_MS);
  line(`diff, ${v.diffDifferent.chars} chars, completely different (p95)`, v.diffDifferent.p95, DIFF_DIFFERENT_TARGET_MS);
  line(`記載チェック over ${v.lint10k.versions} versions`, v.lint10k.ms, LINT_TARGET_MS);
  if (v.compareRender.n > 0) line('comparison view render after selection (p95)', v.compareRender.p95, COMPARE_RENDER_TARGET_MS);
  return failures;
}
