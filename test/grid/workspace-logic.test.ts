// The grid's pure parts: selections as ranges, Excel's clipboard formats, what a paste will
// change, bullets in the reading pane and the search marks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTsv, toHtmlTable, toTsv } from '../../renderer/src/features/grid/clipboard';
import { guessField, pasteTargets, planPaste } from '../../renderer/src/features/grid/paste-plan';
import { all, count, extendTo, indexes, isSelected, single, toggle } from '../../renderer/src/features/grid/selection';
import { splitBullets } from '../../renderer/src/features/issue-panel/bullets';
import { searchPattern } from '../../renderer/src/lib/highlight';
import type { IssueRow, ScaleRank } from '../../electron/contract/channels';

const RANKS: ScaleRank[] = [3, 2, 1].map((n, i) => ({ value: String(n), label: `ランク${n}`, definition: '', sortOrder: 3 - i })) as ScaleRank[];
const row = (id: number, rank: string | null, comment = '', carried = false): IssueRow =>
  ({ id, key: `会計-A-${id}`, title: `課題${id}`, rank, comment, carried, organizationId: 1, organization: '会計', level: 'A', number: id, updatedBy: null, updatedAt: null }) as IssueRow;

describe('selection', () => {
  it('extends, toggles and counts as a set of indexes would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('extend', 'toggle', 'single'), fc.integer({ min: 0, max: 40 })), { maxLength: 30 }), (ops) => {
        let s = single(0);
        let model = new Set([0]);
        let anchor = 0;
        for (const [op, i] of ops) {
          if (op === 'single') {
            s = single(i);
            model = new Set([i]);
            anchor = i;
          } else if (op === 'toggle') {
            s = toggle(s, i);
            if (model.has(i)) model.delete(i);
            else model.add(i);
            anchor = i;
          } else {
            s = extendTo(s, i);
            model = new Set(Array.from({ length: Math.abs(i - anchor) + 1 }, (_, k) => Math.min(i, anchor) + k));
          }
        }
        expect(indexes(s)).toEqual([...model].sort((a, b) => a - b));
        expect(count(s)).toBe(model.size);
        for (let i = 0; i <= 41; i++) expect(isSelected(s, i)).toBe(model.has(i));
      }),
    );
    expect(all(100_000).ranges).toEqual([[0, 99_999]]);
  });
});

describe('clipboard', () => {
  it('writes TSV as Excel does and reads it back, line breaks, tabs and quotes included', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        expect(parseTsv(toTsv(rows))).toEqual(rows);
      }),
    );
    expect(parseTsv('3\r\n2\r\n"所見\r\n二行目"\r\n')).toEqual([['3'], ['2'], ['所見\r\n二行目']]);
    expect(toHtmlTable([['<会計>', 'a\nb']])).toContain('&lt;会計&gt;</td><td');
  });
});

describe('paste plan', () => {
  it('lays values on the selected rows, one value on all of them, or downwards from one row', () => {
    expect(pasteTargets([4, 5, 9], 3, 100)).toEqual([4, 5, 9]);
    expect(pasteTargets([4, 5, 9], 1, 100)).toEqual([4, 5, 9]);
    expect(pasteTargets([98], 5, 100)).toEqual([98, 99]);
    expect(pasteTargets([1, 2], 3, 100)).toBeNull();
  });

  it('guesses ranks (full-width and labels too), and says which value is not a rank', () => {
    expect(guessField(RANKS, ['3', '１', 'ランク2'])).toBe('rank');
    expect(guessField(RANKS, ['3', '5'])).toBe('rank');
    expect(guessField(RANKS, ['確認済み', '3'])).toBe('comment');
    const rows = [row(1, '2'), row(2, '1'), row(3, '3', '', true), row(4, '2')].map((r, index) => ({ index, row: r }));
    const plan = planPaste('rank', RANKS, ['３', '1', '3', '5'], rows);
    expect(plan.changes.map((c) => [c.key, c.before, c.after])).toEqual([
      ['会計-A-1', '2', '3'],
      ['会計-A-3', '3', '3'], // a carried rank pasted as it is gets confirmed
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.errors).toEqual(['4行目 (会計-A-4): 「5」はランク基準にありません (使えるのは 3 / 2 / 1)']);
    const comments = planPaste('comment', RANKS, ['一行目\r\n二行目', ''], rows.slice(0, 2));
    expect(comments.changes.map((c) => c.after)).toEqual(['一行目\n二行目']);
    expect(comments.empty).toBe(1);
  });
});

describe('reading pane', () => {
  it('shows run-together bullets as items, but not a middle dot inside a word', () => {
    expect(splitBullets('このため、 ・ 現状を踏まえた総量の見直し ・ 統廃合時期の前倒し')).toEqual({ lead: 'このため、', items: ['現状を踏まえた総量の見直し', '統廃合時期の前倒し'] });
    expect(splitBullets('・ 公共施設の集約・廃止\n・ AI・RPAの活用')).toEqual({ lead: '', items: ['公共施設の集約・廃止', 'AI・RPAの活用'] });
    expect(splitBullets('AI・RPA・ローコードツール')).toEqual({ lead: 'AI・RPA・ローコードツール', items: [] });
  });

  it('marks every search term, half-width and full-width alike', () => {
    const p = searchPattern('dx 窓口')!;
    expect('ＤＸの推進による窓口改革'.match(p)).toEqual(['ＤＸ', '窓口']);
    expect(searchPattern('   ')).toBeNull();
    expect('a.b'.match(searchPattern('.')!)).toEqual(['.']);
  });
});
