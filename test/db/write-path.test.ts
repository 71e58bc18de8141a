// The one write path (db/write): a change and its record are written in one transaction or not at
// all, and every record carries what a field-level change record for team sync needs.
import { describe, expect, it } from 'vitest';
import { listRules } from '../../db/queries/rules';
import { latestRound } from '../../db/queries/rounds';
import { resolveIssueKey } from '../../db/queries/issues';
import { recordChange, writeTransaction, type ChangeKind } from '../../db/write/change';
import { setComment, setRank } from '../../db/write/evaluations';
import { replaceRules } from '../../db/write/rules';
import { changeSettings } from '../../db/write/settings';
import { runImport } from '../../electron/services/import/import-file';
import { undoImport } from '../../electron/services/import/undo-import';
import { csvText, utf8 } from '../import/fixtures';
import { sampleDb } from '../helpers/temp';

const KINDS: ChangeKind[] = ['evaluation', 'comparison_note', 'writing_rules', 'scale', 'round', 'import', 'inquiry', 'settings', 'database'];

describe('the write layer', () => {
  it('records a change only inside the transaction that makes it', async () => {
    const db = await sampleDb();
    const count = () => db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const before = count();
    expect(() => recordChange(db.sqlite, { actor: 'x', action: 'settings.set', entity: 'settings', after: {} })).toThrow(/同じトランザクション/);
    expect(count()).toBe(before);
    db.close();
  });

  it('rolls a change and its record back together when the transaction fails', async () => {
    const db = await sampleDb();
    const roundId = latestRound(db.sqlite)!.id;
    const issueId = resolveIssueKey(db.sqlite, '会計-A-1')!;
    const state = () => [db.sqlite.prepare('SELECT rank, comment FROM evaluations WHERE issue_id = ? AND round_id = ?').get(issueId, roundId), db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()];
    const before = state();
    expect(() =>
      writeTransaction(db.sqlite, () => {
        setRank(db.sqlite, { issueId, roundId, rank: '3', actor: '事務局' });
        setComment(db.sqlite, { issueId, roundId, comment: '確認済み', actor: '事務局' });
        throw new Error('途中で失敗');
      }),
    ).toThrow('途中で失敗');
    expect(state()).toEqual(before);
    db.close();
  });

  it('gives every record a kind, an actor and a before or after value', async () => {
    const db = await sampleDb();
    const { sqlite } = db;
    const roundId = latestRound(sqlite)!.id;
    setRank(sqlite, { issueId: resolveIssueKey(sqlite, '会計-A-2')!, roundId, rank: '3', actor: '山田' });
    replaceRules(sqlite, listRules(sqlite).slice(1), '佐藤');
    changeSettings(sqlite, [{ key: 'displayName', before: '', after: '事務局 高橋' }], '高橋');
    const { importId } = await runImport(db, 'w.csv', utf8(csvText([['局名', '番号', '課題名', 'ランク'], ['会計', 9, '新しい課題', 2]])), { roundId, defaultLevel: 'A' }, '鈴木');
    await undoImport(db, importId, '鈴木');
    const rows = sqlite.prepare('SELECT entity, action, actor, before, after FROM audit_log ORDER BY id').all() as { entity: string; action: string; actor: string; before: string | null; after: string | null }[];
    expect(rows.map((r) => r.action)).toEqual(['sample.load', 'evaluation.rank', 'rules.replace', 'settings.set', 'import.evaluation', 'import', 'import.undo']);
    for (const r of rows) {
      expect(KINDS).toContain(r.entity);
      expect(r.actor).not.toBe('');
      expect(r.before !== null || r.after !== null).toBe(true);
    }
    db.close();
  });
});
