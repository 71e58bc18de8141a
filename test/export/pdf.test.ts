// PDF handouts printed by a real Chromium from the HTML print templates, read back with poppler:
// page size and orientation, page count, page numbers, every title and rank in the text.
import { afterAll, describe, expect, it } from 'vitest';
import { listIssues } from '../../db/queries/issues';
import { listRounds } from '../../db/queries/rounds';
import { exportRequestSchema } from '../../electron/services/export/options';
import { chromiumPrinter } from '../../electron/services/export/pdf/chromium-printer';
import { runExport } from '../../electron/services/export/run-export';
import { PAGE_PT, readPdf, squash } from '../helpers/poppler';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const roundId = listRounds(db.sqlite)[0]!.id;
const printer = chromiumPrinter();
afterAll(() => printer.close());

const pdf = async (req: Record<string, unknown>) => {
  const file = await runExport(db.sqlite, exportRequestSchema.parse({ format: 'pdf', ...req }), { author: '事務局', printer });
  expect(file.mime).toBe('application/pdf');
  return { file, facts: readPdf(file.bytes) };
};

const aIssues = listIssues(db.sqlite, { roundId, levels: ['A'], offset: 0, limit: 500 }).rows;

describe('PDF exports', () => {
  it('prints the progress report on A4 portrait with every title, rank and page number', async () => {
    const { file, facts } = await pdf({ kind: 'report', roundId });
    expect(file.fileName).toBe('進捗状況報告_R6.11.pdf');
    expect([Math.round(facts.width), Math.round(facts.height)]).toEqual([...PAGE_PT.A4]);
    expect(facts.pages).toBeGreaterThanOrEqual(3);
    const text = squash(facts.text);
    expect(text).toContain('令和6年12月20日X会議');
    expect(text).toContain('A現行業務の改善1321311');
    expect(text).toContain('【ランク1】内部的な検討や協議にとどまっているなど具体的なアウトプットが見られないもの');
    // Every row: 局名, 番号, the title and the database's rank, in this order.
    for (const issue of aIssues) expect(text, issue.title).toContain(`${issue.organization}${issue.number}${squash(issue.title)}${issue.rank}`);
    // The list's caption and column names repeat at the top of every list page.
    const captions = facts.text.split('Aレベルの課題の分析結果一覧').length - 1;
    expect(captions).toBeGreaterThanOrEqual(facts.pages - 1);
    // "n / N" on every page.
    for (let n = 1; n <= facts.pages; n++) expect(facts.text).toContain(`${n} / ${facts.pages}`);
  });

  it('prints comparison sheets on A3 landscape, and A4 landscape when asked', async () => {
    const { facts } = await pdf({ kind: 'compare' });
    expect([Math.round(facts.width), Math.round(facts.height)]).toEqual([...PAGE_PT.A3].reverse());
    const text = squash(facts.text);
    expect(text).toContain('X方針策定時(R6.8時点)');
    expect(text).toContain('進捗把握(R6.11時点)');
    expect(text).toContain('公共施設マネジメント実行計画の見直し');
    expect(text).toContain('事務局メモ');
    expect(text).toContain('10月の第3回X会議において');
    const a4 = await pdf({ kind: 'compare', paper: 'A4' });
    expect([Math.round(a4.facts.width), Math.round(a4.facts.height)]).toEqual([...PAGE_PT.A4].reverse());
  });

  it('prints one page group per organization', async () => {
    const { facts } = await pdf({ kind: 'org', roundId });
    expect([Math.round(facts.width), Math.round(facts.height)]).toEqual([...PAGE_PT.A4]);
    const orgs = db.sqlite.prepare('SELECT DISTINCT o.full_name FROM organizations o JOIN issues i ON i.organization_id = o.id').pluck().all() as string[];
    expect(facts.pages).toBeGreaterThanOrEqual(orgs.length);
    for (const name of orgs) expect(squash(facts.text)).toContain(squash(name));
  });
});
