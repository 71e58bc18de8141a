// Defect a: a cached statement shared by the import and the search index was switched to pluck
// mode by one and read as rows by the other, so titles indexed after an import that added a
// version went missing from search. Every title must stay findable, by 2- and 3+-character queries.
import { describe, expect, it } from 'vitest';
import { listIssues, resolveIssueKey } from '../../db/queries/issues';
import { listRounds } from '../../db/queries/rounds';
import { runImport } from '../../electron/services/import/import-file';
import { sampleDb } from '../helpers/temp';
import { csvText, utf8 } from './fixtures';

const HEADER = ['局名', '番号', '課題名', 'ランク', '所見'];

describe('search after imports that add versions (defect a)', () => {
  it('finds the titles of a new issue and of an issue given a new version, and of issues imported later', async () => {
    const db = await sampleDb();
    const roundId = listRounds(db.sqlite)[0]!.id;
    const search = (text: string) => listIssues(db.sqlite, { roundId, text, offset: 0, limit: 1000 }).rows.map((r) => r.key);

    await runImport(db, 'new.csv', utf8(csvText([HEADER, ['会計', 4, '雪灯籠まつりの運営見直し', 2, '']])), { roundId, defaultLevel: 'A' }, '事務局');
    await runImport(
      db,
      'version.csv',
      utf8(csvText([['局名', 'レベル', '番号', '①課題名', '②課題の内容'], ['財変', 'B', 4, '公共施設ポートフォリオ再編計画', '・施設総量の縮減を進める。']])),
      { versionLabel: 'R7.2', versionAsOf: '2025-02' },
      '事務局',
    );
    // After the version import: an issue without versions is indexed again (a new one, and a title change).
    await runImport(
      db,
      'later.csv',
      utf8(csvText([HEADER, ['会計', 5, '氷柱点検の外部委託', 1, ''], ['会計', 4, '雪灯籠まつりの運営改善', 2, '']])),
      { roundId, defaultLevel: 'A' },
      '事務局',
    );

    expect(resolveIssueKey(db.sqlite, '会計-A-5')).toBeDefined();
    for (const [query, key] of [
      ['灯籠', '会計-A-4'],
      ['雪灯籠まつり', '会計-A-4'],
      ['運営改善', '会計-A-4'],
      ['ポー', '財変-B-4'],
      ['ポートフォリオ再編', '財変-B-4'],
      ['氷柱', '会計-A-5'],
      ['氷柱点検の外部', '会計-A-5'],
    ] as const) {
      expect(search(query), query).toContain(key);
    }
    // The published titles are still found as well.
    expect(search('財務会計システム')).toContain('会計-A-1');
    db.close();
  });
});
