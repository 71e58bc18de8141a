import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getIssue, listIssues } from '../../db/queries/issues';
import { insertVersion } from '../../db/write/issues';
import { latestRound } from '../../db/queries/rounds';
import { bigrams, matchExpression } from '../../db/search-index';
import { jaSortKey } from '../../db/sort-key';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const roundId = latestRound(db.sqlite)!.id;
const search = (text: string) => listIssues(db.sqlite, { roundId, text, offset: 0, limit: 1000 }).rows;

/** The truth to compare with: a plain substring scan over titles and all version texts. */
function scan(text: string): number[] {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase();
  const terms = norm(text).split(/\s+/).filter(Boolean);
  const all = listIssues(db.sqlite, { roundId, offset: 0, limit: 1000 }).rows;
  return all
    .filter((r) => {
      const issue = getIssue(db.sqlite, r.id, roundId)!;
      const hay = norm([issue.title, ...issue.versions.flatMap((v) => [v.title, v.content, v.background, v.actions, v.progress])].filter(Boolean).join('\n'));
      return terms.every((t) => hay.includes(t));
    })
    .map((r) => r.id);
}

describe('full-text search', () => {
  it.each(['施設', '窓口', 'DX', '区役', '公共施設', 'カスタマーハラスメント', '区役所 窓口', '防'])('finds exactly what a substring scan finds for 「%s」', (q) => {
    const ids = search(q).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.sort((a, b) => a - b)).toEqual(scan(q).sort((a, b) => a - b));
  });

  it('matches 2-character queries (the trigram tokenizer would find nothing)', () => {
    expect(search('窓口').length).toBe(scan('窓口').length);
    expect(search('窓口').length).toBeGreaterThanOrEqual(5);
  });

  it('folds full-width and half-width forms', () => {
    expect(search('ＤＸ').map((r) => r.id)).toEqual(search('dx').map((r) => r.id));
  });

  it('searches the texts of versions, not only titles', () => {
    const hits = search('耐用年限');
    expect(hits.map((r) => r.key)).toEqual(['財変-B-4']);
  });

  it('keeps the index up to date when a version is added', () => {
    const id = search('公共施設マネジメント')[0]!.id;
    expect(search('ゼロカーボン')).toEqual([]);
    db.sqlite.transaction(() =>
      insertVersion(db.sqlite, id, { label: 'R7.3', asOf: '2025-03', number: 4, title: '公共施設マネジメント実行計画の見直し', content: 'ゼロカーボンの視点を追加', background: null, actions: null, progress: null, remarks: null }),
    )();
    expect(search('ゼロカーボン').map((r) => r.id)).toEqual([id]);
    expect(search('カー').map((r) => r.id)).toContain(id);
  });

  it('never builds an invalid MATCH expression from user input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (q) => {
        const rows = search(q);
        expect(Array.isArray(rows)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(matchExpression('   ')).toBeNull();
    expect(search('"')).toEqual(scan('"'));
  });

  it('tokenises by code point, so surrogate pairs stay whole', () => {
    expect(bigrams('𠮷野家')).toBe('𠮷野 野家 家\u0003');
  });
});

describe('Japanese sort keys', () => {
  it('order the sample titles exactly as Intl.Collator("ja")', () => {
    const titles = listIssues(db.sqlite, { roundId, offset: 0, limit: 1000 }).rows.map((r) => r.title);
    const collator = new Intl.Collator('ja');
    const byKey = [...titles].sort((a, b) => (jaSortKey(a) < jaSortKey(b) ? -1 : jaSortKey(a) > jaSortKey(b) ? 1 : 0));
    expect(byKey).toEqual([...titles].sort(collator.compare));
  });

  it('treat hiragana and katakana alike and put kana before kanji', () => {
    const words = ['ひまわり', 'カスタマー', 'あさがお', 'アイス', '窓口', '公園', 'かき'];
    const byKey = [...words].sort((a, b) => (jaSortKey(a) < jaSortKey(b) ? -1 : 1));
    expect(byKey).toEqual([...words].sort(new Intl.Collator('ja').compare));
  });

  it('sorts the grid by title through SQL', () => {
    const rows = listIssues(db.sqlite, { roundId, sort: [{ column: 'title', desc: false }], offset: 0, limit: 1000 }).rows;
    expect(rows.map((r) => r.title)).toEqual(rows.map((r) => r.title).sort(new Intl.Collator('ja').compare));
  });
});
