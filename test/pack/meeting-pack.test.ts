// The X会議 pack read back with poppler: a cover with the meeting, its 和暦 date and the list of
// materials with their first pages; 資料N in the header of every page of material N; page numbers
// running through the bundle; each material's own pages in order (the same as its own export).
import { afterAll, describe, expect, it } from 'vitest';
import { listRounds } from '../../db/queries/rounds';
import { chromiumPrinter } from '../../electron/services/export/pdf/chromium-printer';
import { buildMeetingPack } from '../../electron/services/pack/meeting-pack';
import { readPdf, squash } from '../helpers/poppler';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const round = listRounds(db.sqlite)[0]!;
const printer = chromiumPrinter();
afterAll(() => printer.close());

describe('X会議 pack', async () => {
  const pack = await buildMeetingPack(db.sqlite, { roundId: round.id, meetingName: '第5回X会議' }, printer, { author: 'テスト' });
  const facts = readPdf(pack.bytes);
  const pages = facts.text.split('\f').slice(0, facts.pages);

  it('has a cover: the meeting, its date in 和暦 and every material with the page it starts on', () => {
    expect(facts.pages).toBe(pack.pages);
    const cover = squash(pages[0]!);
    expect(cover).toContain('第5回X会議');
    expect(cover).toContain('令和6年12月20日');
    expect(pack.materials.map((m) => m.title)).toEqual(['局区X方針の進捗状況(Aレベル)', 'X方針 Bレベルの進捗把握 (比較表)', '局区別 変革課題の評価一覧']);
    for (const m of pack.materials) expect(cover).toContain(`資料${m.number}${squash(m.title)}${m.firstPage}`);
    expect(cover).not.toMatch(/\d+\/\d+/);
  });

  it('stamps 資料N on every page of material N and numbers the pages through the bundle', () => {
    const numbered = facts.pages - 1;
    expect(pack.materials.reduce((n, m) => n + m.pages, 0)).toBe(numbered);
    expect(pack.materials[2]!.pages).toBe(29);
    for (const m of pack.materials) {
      for (let p = m.firstPage; p < m.firstPage + m.pages; p++) {
        const text = pages[p]!; // page p of the bundle is after the cover
        expect(squash(text), `page ${p}`).toContain(`資料${m.number}`);
        for (const other of pack.materials) if (other.number !== m.number) expect(squash(text), `page ${p}`).not.toContain(`資料${other.number}`);
        expect(text, `page ${p}`).toContain(`${p} / ${numbered}`);
      }
    }
    // The materials' own content in order: the report's list, the comparison, then the 局区.
    expect(squash(pages[pack.materials[0]!.firstPage]!)).toContain('Aレベルの課題の分析結果一覧');
    expect(squash(pages[pack.materials[1]!.firstPage]!)).toContain('公共施設マネジメント実行計画の見直し');
    expect(squash(pages[pack.materials[2]!.firstPage]!)).toContain('局区別変革課題の評価一覧');
  });

  it('follows the chosen materials and their order', async () => {
    const two = await buildMeetingPack(db.sqlite, { roundId: round.id, materials: ['org', 'report'] }, printer, { author: 'テスト' });
    expect(two.materials.map((m) => m.title)).toEqual(['局区別 変革課題の評価一覧', '局区X方針の進捗状況(Aレベル)']);
    expect(two.fileName).toBe('X会議_資料_R6.11.pdf');
  });
});
