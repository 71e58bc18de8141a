import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffText, newSide, oldSide, tokenize } from '../../electron/services/compare/text-diff';
import { compareIssue } from '../../electron/services/compare/compare-issue';
import { resolveIssueKey } from '../../db/queries/issues';
import { sampleDb } from '../helpers/temp';

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });
const boundaries = (s: string) => new Set([...graphemes.segment(s)].map((g) => g.index).concat(s.length));

/** Japanese-looking text: kana, kanji, punctuation, bullets, line breaks, digits, combining marks, astral characters. */
const jaChar = fc.constantFrom(
  ...'あいうえおかきくけこさしすせそ公共施設計画見直運営財政市民連携取組アイウエオマネジメント、。・「」（）0123456789%'.split(''),
  '\n', ' ', '・ ', 'が', 'か\u3099', 'e\u0301', '𠮷', '😀', '👩‍💻', '🇯🇵', '葛\u{E0100}',
);
const jaText = fc.array(jaChar, { maxLength: 80 }).map((a) => a.join(''));
const edit = fc.tuple(jaText, fc.array(fc.tuple(fc.nat(80), fc.nat(10), jaText), { maxLength: 4 })).map(([base, edits]) => {
  let t = base;
  for (const [at, del, ins] of edits) {
    const chars = [...t];
    const i = Math.min(at, chars.length);
    chars.splice(i, del, ins);
    t = chars.join('');
  }
  return [base, t] as const;
});

describe('Japanese text diff', () => {
  it('reconstructs both versions exactly from the marks', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(jaText, jaText), edit), ([a, b]) => {
        const d = diffText(a, b);
        expect(oldSide(d.parts)).toBe(a);
        expect(newSide(d.parts)).toBe(b);
      }),
      { numRuns: 500 },
    );
  });

  it('never puts a mark inside a surrogate pair or a combining sequence', () => {
    fc.assert(
      fc.property(edit, ([a, b]) => {
        const d = diffText(a, b);
        for (const [side, text, skip] of [['old', a, 'insert'], ['new', b, 'delete']] as const) {
          const ok = boundaries(text);
          let at = 0;
          for (const p of d.parts) {
            if (p.op === skip) continue;
            expect(ok.has(at), `${side} boundary at ${at} in ${JSON.stringify(text)}`).toBe(true);
            at += p.text.length;
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('marks words and phrases, not single characters', () => {
    expect(tokenize('公共施設マネジメント実行計画の見直し')).toEqual(['公共', '施設', 'マネジメント', '実行', '計画', 'の', '見直', 'し']);
    const d = diffText('市民センターの使用要件の緩和', '市民センターの利用要件の見直し');
    expect(d.parts.filter((p) => p.op !== 'equal').map((p) => p.text)).toEqual(['使用', '利用', '緩和', '見直し']);
  });

  it('places an insertion at a phrase edge', () => {
    const d = diffText('施設老朽化などの状況', '施設老朽化、市民ニーズの多様化などの状況');
    expect(d.parts).toEqual([
      { op: 'equal', text: '施設老朽化' },
      { op: 'insert', text: '、市民ニーズの多様化' },
      { op: 'equal', text: 'などの状況' },
    ]);
  });

  it('keeps bullets and line breaks', () => {
    const d = diffText('・ 第一\n・ 第二', '・ 第一\n・ 第二改\n・ 第三');
    expect(newSide(d.parts)).toBe('・ 第一\n・ 第二改\n・ 第三');
    expect(d.parts[0]).toEqual({ op: 'equal', text: '・ 第一\n・ 第二' });
  });

  it('reads a rewritten sentence as one change (semantic cleanup)', () => {
    const d = diffText('施設の集約に時間を要し、進捗が遅れている。', '施設の削減時期を耐用年限に設定しているため、削減が進んでいない。');
    const changes = d.parts.filter((p) => p.op !== 'equal');
    expect(changes.length).toBeLessThanOrEqual(2);
  });

  it('measures the share of changed characters', () => {
    expect(diffText('同じ文章', '同じ文章').changedShare).toBe(0);
    expect(diffText('', '新しい').changedShare).toBe(1);
    expect(diffText(null, null).parts).toEqual([]);
  });
});

describe('the B sample comparison (R6.8 → R6.11)', async () => {
  const db = await sampleDb();
  const cmp = compareIssue(db.sqlite, resolveIssueKey(db.sqlite, '財変-B-4')!);
  const field = (k: string) => cmp.fields.find((f) => f.key === k)!;

  it('compares the two latest versions by default, with the changed issue number', () => {
    expect([cmp.from.label, cmp.to.label]).toEqual(['R6.8', 'R6.11']);
    expect([cmp.from.printedNumber, cmp.to.printedNumber]).toEqual(['課題B (2)', '課題B (4)']);
    expect(cmp.numberChanged).toBe(true);
  });

  it('shows 削減量は計画目標の20%に対し1%に留まっている as inserted in ③', () => {
    const inserted = field('background').parts.filter((p) => p.op === 'insert').map((p) => p.text).join('\n');
    expect(inserted).toContain('削減量は計画目標の20%に対し1%に留まっている');
  });

  it('shows ⑤ as wholly new and ① as unchanged', () => {
    expect(field('progress').status).toBe('new');
    expect(field('progress').parts).toEqual([{ op: 'insert', text: field('progress').to }]);
    expect(field('title').status).toBe('same');
  });

  it('keeps unchanged sentences unmarked', () => {
    const equal = field('background').parts.filter((p) => p.op === 'equal').map((p) => p.text).join('');
    expect(equal).toContain('建築費の高騰や施設の老朽化の進行等により、将来必要となる経費が増加する。');
  });

  it('carries the secretariat’s note from the document', () => {
    expect(cmp.note?.note).toContain('「何を解決すべきなのか」が不明確なものがある');
  });
});
