// Input edges (issue 11 item 10), each with a clear result: a NUL in the search text searches
// as a separator instead of failing with "INTERNAL: unterminated string"; NUL and other control
// characters never reach a CSV (removed, and the removal is reported by row and column); a
// cell that starts with blanks (space, NBSP, ideographic space) before = + - @ is neutralised.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/contract/dispatch';
import type { Reply } from '../../electron/contract/channels';
import { GRID_COLUMNS, type GridModel } from '../../electron/services/export/model/grid-model';
import { renderGridCsv } from '../../electron/services/export/sheet/grid-csv';
import { neutralise } from '../../electron/services/export/sheet/neutralise';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();

function gridOf(rows: (string | number | null)[][]): GridModel {
  return { round: {} as GridModel['round'], columns: GRID_COLUMNS, rows, filterLine: '', carried: 0 };
}

const row = (title: string, comment: string) => ['会計', 'A', 1, title, '2', comment, '事務局', '令和6年11月1日'];

describe('search text with NUL', () => {
  it('searches as if the NUL were a space', async () => {
    const list = async (text: string) => (await dispatch({ db }, 'issues.list', { roundId: 1, text, offset: 0, limit: 100 })) as Reply<'issues.list'>;
    const plain = await list('施設 見直し');
    const withNul = await list('施設\u0000見直し');
    expect(plain.ok).toBe(true);
    expect(withNul).toMatchObject({ ok: true });
    if (!withNul.ok || !plain.ok) throw new Error('search failed');
    expect(withNul.data.rows.map((r) => r.id)).toEqual(plain.data.rows.map((r) => r.id));
    expect(((await list('\u0000')) as { ok: boolean }).ok).toBe(true);
  });
});

describe('CSV exports', () => {
  it('removes NUL and other control characters (not tab or line breaks) and says where', () => {
    const model = gridOf([row('題名\u0000です', '所見\u0007と\u001b改行\r\nタブ\t')]);
    for (const encoding of ['cp932', 'utf8bom'] as const) {
      const { bytes, warnings } = renderGridCsv(model, encoding);
      const buf = Buffer.from(bytes);
      expect(buf.includes(0)).toBe(false);
      const text = encoding === 'cp932' ? iconv.decode(buf, 'cp932') : buf.toString('utf8');
      expect(text).toContain('題名です');
      expect(text).toContain('"所見と改行\r\nタブ\t"');
      expect(warnings).toEqual(['2行目「課題名」: 制御文字 (NUL など) 1 個を削除しました', '2行目「所見」: 制御文字 (NUL など) 2 個を削除しました']);
    }
  });

  it('neutralises = + - @ after leading spaces, NBSP or ideographic spaces', () => {
    for (const text of [' =1+1', '\u00a0=HYPERLINK("http://x")', '\u3000+1', '  @SUM(A1)', '\u200b=1', ' \u00a0-2+3']) {
      expect(neutralise(text)).toBe(`'${text}`);
    }
    for (const text of ['課題 = 施設', 'A-1', ' 施設']) expect(neutralise(text)).toBe(text);
    const { bytes } = renderGridCsv(gridOf([row('\u00a0=HYPERLINK("http://x","押す")', ' =1+1')]), 'utf8bom');
    const csv = Buffer.from(bytes).toString('utf8');
    expect(csv).toContain(`"'\u00a0=HYPERLINK(""http://x"",""押す"")"`);
    expect(csv).toContain(`' =1+1`);
  });
});
