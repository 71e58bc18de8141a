// The publication for the city's website, checked as the web team and a screen reader would meet
// it: every page valid HTML (html-validate) with no axe-core violations in a real Chromium (WCAG
// 2.0 A/AA rules), every link relative and pointing at a file of the folder, the open data read
// back as CSV (BOM, one header row, 6-digit code, ISO dates, stable IDs), internal fields only
// when asked for, and a warning for a round that is not locked.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { HtmlValidate } from 'html-validate';
import { afterAll, describe, expect, it } from 'vitest';
import { setComment } from '../../db/write/evaluations';
import { lockRound } from '../../db/write/rounds';
import { listRounds } from '../../db/queries/rounds';
import { saveSettings } from '../../electron/services/settings/settings-service';
import { readExportDefaults } from '../../electron/services/settings/export-defaults';
import { buildPublication, writePublication } from '../../electron/services/publish/publish';
import { launchChromium } from '../helpers/browser';
import { sampleDb, tempDir } from '../helpers/temp';

const db = await sampleDb();
const round = listRounds(db.sqlite)[0]!;
const firstIssue = db.sqlite.prepare('SELECT id FROM issues ORDER BY id LIMIT 1').pluck().get() as number;
setComment(db.sqlite, { issueId: firstIssue, roundId: round.id, actor: '事務局 花子', comment: '内部の所見: 公表前の下書き' });
saveSettings(db, { exportDefaults: { ...readExportDefaults(db.sqlite), localGovernmentCode: '401005' } });

const unlocked = buildPublication(db.sqlite, { roundId: round.id });
lockRound(db.sqlite, round.id, 'テスト');
const pub = buildPublication(db.sqlite, { roundId: round.id });
const dir = join(tempDir('xpw-pub-'), 'site');
await writePublication(pub, dir);
const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
const browser = await launchChromium();
afterAll(() => browser.close());
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('publication for the website', () => {
  it('has an index, a page per 局区 with issues and one per B/C comparison, the stylesheet and the open data', () => {
    const orgs = db.sqlite.prepare('SELECT count(DISTINCT organization_id) FROM issues').pluck().get() as number;
    expect(pages).toContain('index.html');
    expect(pages.filter((p) => p.startsWith('org-'))).toHaveLength(orgs);
    expect(pages.filter((p) => p.startsWith('compare-'))).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual([...pages, 'style.css', 'x-policy-progress-definition.csv', 'x-policy-progress.csv'].sort());
  });

  it('warns about a round that is not locked, and not about a locked one', () => {
    expect(unlocked.warnings.join('\n')).toContain('ロック (公表確定) されていません');
    expect(pub.warnings).toEqual([]);
  });

  it('every page is valid HTML (html-validate, recommended rules)', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const p of pages) {
      const report = await validator.validateString(readFileSync(join(dir, p), 'utf8'), p);
      const errors = report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${p}:${m.line}: ${m.ruleId} ${m.message}`));
      expect(errors, p).toEqual([]);
    }
  });

  it('every page passes axe-core (WCAG 2.0 A/AA) in Chromium with 0 violations', async () => {
    const page = await browser.newPage();
    await page.route(/^(?!file:)/, (route) => route.abort());
    for (const p of pages) {
      await page.goto(pathToFileURL(join(dir, p)).href);
      await page.addScriptTag({ content: axeSource });
      const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] } }).then(r => r.violations.map(v => v.id + ': ' + v.nodes.length))`)) as string[];
      expect(violations, p).toEqual([]);
    }
    await page.close();
  }, 120_000);

  it('links only relatively, to files that exist, and every page is reachable from the index', () => {
    const files = new Set(readdirSync(dir));
    const reached = new Set(['index.html']);
    for (const p of pages) {
      const html = readFileSync(join(dir, p), 'utf8');
      expect(html, p).toMatch(/^<!DOCTYPE html>\n<html lang="ja">/);
      expect(html, p).not.toMatch(/<script/i);
      for (const [, href] of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        expect(href, `${p} → ${href}`).not.toMatch(/^(?:[a-z]+:|\/)/i);
        const target = href!.split('#')[0]!;
        if (target) expect(files.has(target), `${p} → ${href}`).toBe(true);
        if (p === 'index.html') reached.add(target);
      }
      // Headings in order: one h1, no level skipped.
      const levels = [...html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
      expect(levels[0], p).toBe(1);
      expect(levels.filter((l) => l === 1), p).toHaveLength(1);
      for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!, p).toBeLessThanOrEqual(1);
      // Every table has a caption and header cells with a scope.
      for (const t of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
        expect(t).toMatch(/^<table><caption>/);
        expect(t.match(/<th(?=[\s>])(?![^>]*scope=)/g), p).toBeNull();
      }
    }
    for (const p of pages) expect(reached.has(p), p).toBe(true);
  });

  it('marks comparisons in words for screen readers, ranks in words', () => {
    const cmp = readFileSync(join(dir, pages.find((p) => p.startsWith('compare-'))!), 'utf8');
    expect(cmp).toMatch(/<del><span class="sr">\[削除ここから\]<\/span>[^<]+<span class="sr">\[削除ここまで\]<\/span><\/del>/);
    expect(cmp).toMatch(/<ins><span class="sr">\[追加ここから\]<\/span>[^<]+<span class="sr">\[追加ここまで\]<\/span><\/ins>/);
    const org = readFileSync(join(dir, 'org-01.html'), 'utf8');
    expect(org).toMatch(/<td>ランク[123]<\/td>/);
  });

  it('publishes open data: UTF-8 with BOM, one header row, the 6-digit code, ISO dates, stable IDs, one row per issue and round', () => {
    const raw = readFileSync(join(dir, 'x-policy-progress.csv'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(raw.toString('utf8').slice(1), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    const issues = db.sqlite.prepare('SELECT count(*) FROM issues').pluck().get() as number;
    expect(records).toHaveLength(issues);
    expect(Object.keys(records[0]!)).toEqual(['全国地方公共団体コード', 'ID', '評価回', '評価時点', '報告日', '局区名', '局区略称', '課題レベル', '課題番号', '課題名', 'ランク', 'ランクの定義', 'ランクの状態']);
    for (const r of records) {
      expect(r['全国地方公共団体コード']).toBe('401005');
      expect(r['ID']).toMatch(/^X-\d{6}-R6\.11$/);
      expect(r['評価時点']).toBe('2024-11');
      expect(r['報告日']).toBe('2024-12-20');
    }
    expect(new Set(records.map((r) => r['ID'])).size).toBe(records.length);
    expect(records.filter((r) => r['課題レベル'] === 'A' && r['ランク'] !== '')).toHaveLength(132);
    // Same data, same IDs: published again, the file is identical.
    expect(buildPublication(db.sqlite, { roundId: round.id }).files.get('x-policy-progress.csv')).toBe(raw.toString('utf8'));
    const def = parseCsv(readFileSync(join(dir, 'x-policy-progress-definition.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(def.map((d) => d['項目名'])).toEqual(Object.keys(records[0]!));
  });

  it('leaves the internal fields out unless ticked', async () => {
    const all = [...pub.files.values()].join('\n');
    expect(all).not.toContain('内部の所見');
    expect(all).not.toContain('事務局 花子');
    expect(all).not.toContain('事務局メモ');
    const withAll = buildPublication(db.sqlite, { roundId: round.id, comments: true, notes: true, history: true });
    const text = [...withAll.files.values()].join('\n');
    expect(text).toContain('内部の所見: 公表前の下書き');
    expect(text).toContain('事務局 花子');
    expect(text).toContain('事務局メモ');
    expect(withAll.files.get('x-policy-progress.csv')!.split('\r\n')[0]).toContain('所見,更新者,更新日時');
  });
});
