// The comparison sheets' rules (README 「版の比較」): every bullet item on its own line, a bullet
// never matched with a middle dot inside a word, and a sentence (or clause) that mostly changed
// marked as replaced — on the B sample of the source document and on generated texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveIssueKey } from '../../db/queries/issues';
import { compareIssue } from '../../electron/services/compare/compare-issue';
import { bulletLines, diffText, newSide, oldSide, type DiffPart } from '../../electron/services/compare/text-diff';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const sample = compareIssue(db.sqlite, resolveIssueKey(db.sqlite, '財変-B-4')!);
const field = (key: string) => sample.fields.find((f) => f.key === key)!;
const changes = (parts: DiffPart[]) => parts.filter((p) => p.op !== 'equal');

/** A ・ that is a bullet: at a line start. Every other ・ is inside a word. */
const bulletAt = (text: string, i: number) => text[i] === '・' && (i === 0 || text[i - 1] === '\n');

/** Whether some bullet of one side was aligned with a middle dot of the other in an unchanged part. */
function bulletMatchedWithMiddleDot(parts: DiffPart[]): boolean {
  let oldAt = 0;
  let newAt = 0;
  const a = oldSide(parts);
  const b = newSide(parts);
  for (const p of parts) {
    if (p.op === 'equal') {
      for (let k = 0; k < p.text.length; k++) if (p.text[k] === '・' && bulletAt(a, oldAt + k) !== bulletAt(b, newAt + k)) return true;
      oldAt += p.text.length;
      newAt += p.text.length;
    } else if (p.op === 'delete') oldAt += p.text.length;
    else newAt += p.text.length;
  }
  return false;
}

describe('bullets on their own lines', () => {
  it('splits run-together bullet items, never a middle dot inside a word', () => {
    expect(bulletLines('・ 第一の項目。 ・ 第二 ・ 利便性・魅力・質の向上')).toBe('・ 第一の項目。\n・ 第二\n・ 利便性・魅力・質の向上');
    expect(bulletLines('集約・廃止施設のマネジメント')).toBe('集約・廃止施設のマネジメント');
    expect(bulletLines('行う。・ 次の項目')).toBe('行う。\n・ 次の項目');
  });

  it('shows each bullet of the B sample on its own line, on both sides of every field', () => {
    for (const f of sample.fields) {
      for (const text of [oldSide(f.parts), newSide(f.parts)]) {
        for (const line of text.split('\n')) expect(line, f.label).not.toMatch(/\s・\s/);
      }
    }
    expect(newSide(field('background').parts).split('\n')).toContain('・ 利便性・魅力・質の向上といった点から施設のあり方の検討');
  });
});

describe('a bullet is never matched with a middle dot inside a word', () => {
  it('in the B sample (利便性・魅力)', () => {
    for (const f of sample.fields) expect(bulletMatchedWithMiddleDot(f.parts), f.label).toBe(false);
  });

  it('in generated texts', () => {
    const word = fc.constantFrom('公共施設', '利便性', '魅力', '質の向上', '集約', '廃止', '公民連携', '検討する', 'データ');
    const item = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join('・'));
    const list = fc.array(item, { minLength: 1, maxLength: 6 }).map((items) => bulletLines(items.map((x) => `・ ${x}`).join(' ')));
    fc.assert(
      fc.property(list, list, (a, b) => {
        const d = diffText(a, b);
        expect(oldSide(d.parts)).toBe(a);
        expect(newSide(d.parts)).toBe(b);
        expect(bulletMatchedWithMiddleDot(d.parts)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a sentence that mostly changed is marked as replaced', () => {
  it('② of the B sample: one deletion and one insertion, not 「の」 struck beside 「を」', () => {
    const c = changes(field('content').parts);
    expect(c).toHaveLength(2);
    expect(c[0]!.text).toMatch(/^の持続的な運営と財政健全化のため/);
    expect(c[1]!.text).toMatch(/^を持続可能性をもって維持管理し/);
  });

  it('③ of the B sample: the new bullet is inserted whole (取組み{+・ 財政…+}などの), not 「みなどの」 → 「み ・ 財政…などの」', () => {
    const parts = field('background').parts;
    expect(parts).toContainEqual({ op: 'insert', text: '\n・ 財政運営や地域のまちづくりとの整合' });
    expect(changes(parts).some((p) => p.text === 'みなどの')).toBe(false);
  });

  it('keeps small edits small and rewritten sentences whole, in generated texts', () => {
    const words = ['公共施設の', '総量を', '抑制し', '運営方法を', '見直す', '資産を', '有効活用する', '計画を', '改訂する'];
    const sentence = fc.shuffledSubarray(words, { minLength: 4, maxLength: 8 }).map((ws) => `${ws.join('')}。`);
    fc.assert(
      fc.property(sentence, sentence, (a, b) => {
        const d = diffText(a, b);
        const c = changes(d.parts);
        // One sentence each: either the same, a few marks, or one replacement — never more
        // than half of the sentence in alternating fragments.
        const kept = d.parts.filter((p) => p.op === 'equal').reduce((n, p) => n + p.text.length, 0);
        if (c.length > 2) expect(kept * 2, JSON.stringify(d.parts)).toBeGreaterThanOrEqual(Math.max(a.length, b.length) - 1);
      }),
      { numRuns: 300 },
    );
    // A single-word edit stays a single-word mark.
    const small = diffText('公共施設の総量を抑制し、運営方法を見直す。', '公共施設の総量を削減し、運営方法を見直す。');
    expect(changes(small.parts).map((p) => p.text)).toEqual(['抑制', '削減']);
  });
});
