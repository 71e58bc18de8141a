// A list without a レベル column (issue 10 h): each row takes the level of the one existing issue
// with the same 局区, 番号 and 課題名 — the document's own A list needs no level at all; only new or
// ambiguous rows need one, and the preview names them (the app's dialog shows these notes).
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../electron/services/import/import-file';
import { publishedAList } from '../helpers/source-document';
import { sampleDb } from '../helpers/temp';
import { csvText, utf8 } from './fixtures';

describe('levels from the issues already there', async () => {
  const db = await sampleDb();
  const roundId = db.sqlite.prepare('SELECT id FROM rounds').pluck().get() as number;
  const b = db.sqlite.prepare("SELECT o.short_name AS org, i.number, i.title FROM issues i JOIN organizations o ON o.id = i.organization_id WHERE i.level = 'B'").get() as { org: string; number: number; title: string };

  it('takes every level of the published A list (and of the B example) from the matching issue, asking nothing', async () => {
    const rows = [...publishedAList().map((p) => [p.organization, p.number, p.title, p.rank]), [b.org, b.number, b.title, '']];
    const { preview } = await previewImport(db, 'a-list.csv', utf8(csvText([['局名', '番号', '課題名', 'ランク'], ...rows])), { roundId });
    expect(preview.levelUnknown).toEqual([]);
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: 133, rejected: 0 });
    expect(preview.rows.at(-1)!.key).toBe(`${b.org}-B-${b.number}`);
    expect(preview.notes).toContain('「レベル」の列がないため、局区・番号・課題名が一致した 133 行はその課題のレベルとして取り込みます');
  });

  it('names the new rows; without a level they are refused, with one they take it', async () => {
    const csv = utf8(csvText([['局名', '番号', '課題名'], ['会計', 1, publishedAList()[0]!.title], ['会計', 77, '新しい課題']]));
    const asked = await previewImport(db, 'x.csv', csv, { roundId });
    expect(asked.preview.levelUnknown).toEqual([{ line: 3, organization: '会計', number: 77, title: '新しい課題', why: 'new' }]);
    expect(asked.preview.rows[1]).toMatchObject({ status: 'rejected', reasons: [expect.stringContaining('3行目 (会計 77「新しい課題」): レベルの列がなく')] });
    const given = await previewImport(db, 'x.csv', csv, { roundId, defaultLevel: 'C' });
    expect(given.preview.rows.map((r) => [r.status, r.key])).toEqual([['unchanged', '会計-A-1'], ['new', '会計-C-77']]);
    expect(given.preview.notes).toContain('レベルCとする行: 3行目 会計 77「新しい課題」(新しい課題)');
  });

  it('takes a level per row (the dialog’s choice for one row) over the one for all', async () => {
    const csv = utf8(csvText([['局名', '番号', '課題名'], ['会計', 77, '新しい課題'], ['会計', 78, 'もう一つの新しい課題']]));
    const mixed = await previewImport(db, 'x.csv', csv, { roundId, defaultLevel: 'B', rowLevels: { '3': 'C' } });
    expect(mixed.preview.rows.map((r) => [r.status, r.key])).toEqual([['new', '会計-B-77'], ['new', '会計-C-78']]);
    expect(mixed.preview.notes).toEqual([
      '「レベル」の列がないため、局区・番号・課題名が一致した 0 行はその課題のレベル、それ以外の 2 行は指定したレベルとして取り込みます',
      'レベルBとする行: 2行目 会計 77「新しい課題」(新しい課題)',
      'レベルCとする行: 3行目 会計 78「もう一つの新しい課題」(新しい課題)',
    ]);
    // One row given, the other not: that one is still refused, naming it.
    const half = await previewImport(db, 'x.csv', csv, { roundId, rowLevels: { '2': 'A' } });
    expect(half.preview.rows.map((r) => [r.status, r.key])).toEqual([['new', '会計-A-77'], ['rejected', null]]);
    expect(half.preview.rows[1]!.reasons[0]).toContain('3行目 (会計 78「もう一つの新しい課題」): レベルの列がなく');
  });
});
