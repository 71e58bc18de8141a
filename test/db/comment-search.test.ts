// 所見 and 事務局メモ in the search index (comment_search, issue_search): found after every kind of
// write that can change them — a single edit, a bulk edit, an import, the undo of each — and no
// longer found once the text is gone. 2-character and 1-character queries included.
import { describe, expect, it } from 'vitest';
import { listIssueIds, listIssues, resolveIssueKey } from '../../db/queries/issues';
import { getRound, latestRound } from '../../db/queries/rounds';
import { createRound } from '../../db/write/rounds';
import { countIssues } from '../../db/queries/issues';
import { summarize } from '../../db/queries/summary';
import { rebuildSearchIndex } from '../../db/search-index';
import { emptyChangeSet } from '../../db/write/change-set';
import { setEvaluationsBulk, undoBulk } from '../../db/write/evaluations-bulk';
import { setComment, undoChange } from '../../db/write/evaluations';
import { applyChangeSet, undoImportNow } from '../../db/write/imports';
import { saveNote } from '../../db/write/notes';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const roundId = latestRound(db.sqlite)!.id;
const search = (text: string) => listIssues(db.sqlite, { roundId, text, offset: 0, limit: 1000 }).rows.map((r) => r.id).sort((a, b) => a - b);
const key = (k: string) => resolveIssueKey(db.sqlite, k)!;
const indexed = () => db.sqlite.prepare('SELECT count(*) FROM comment_search').pluck().get() as number;

// Words that occur nowhere in the sample's texts (checked first), so a hit can only come from what
// the test wrote.
const WORD = '鷺沼'; // 2 characters
const LONG = '猫舌蛍光灯';
const OTHER = '雁木';

describe('search over 所見 and 事務局メモ', () => {
  it('starts from words the sample does not contain', () => {
    for (const w of [WORD, LONG, OTHER, '鷺']) expect(search(w)).toEqual([]);
  });

  it('finds a 所見 after an edit, no longer its old text after the next, and the old one again after undo', () => {
    const id = key('会計-A-1');
    const first = setComment(db.sqlite, { issueId: id, roundId, actor: 't', comment: `${WORD}地区で試行した` });
    expect(search(WORD)).toEqual([id]);
    expect(search('鷺')).toEqual([id]); // 1 character: a prefix of the bigrams
    expect(search(`${WORD} 試行`)).toContain(id); // two terms, both required
    const second = setComment(db.sqlite, { issueId: id, roundId, actor: 't', comment: `${LONG}の件` });
    expect(search(WORD)).toEqual([]);
    expect(search(LONG)).toEqual([id]);
    undoChange(db.sqlite, second.auditId!, 't');
    expect(search(WORD)).toEqual([id]);
    expect(search(LONG)).toEqual([]);
    undoChange(db.sqlite, first.auditId!, 't');
    expect(search(WORD)).toEqual([]);
  });

  it('agrees between the list, the count and the summary', () => {
    const id = key('会計-A-1');
    setComment(db.sqlite, { issueId: id, roundId, actor: 't', comment: OTHER });
    expect(countIssues(db.sqlite, { roundId, text: OTHER })).toBe(1);
    expect(summarize(db.sqlite, { roundId, text: OTHER }).reduce((s, l) => s + l.total, 0)).toBe(1);
    setComment(db.sqlite, { issueId: id, roundId, actor: 't', comment: '' });
    expect(search(OTHER)).toEqual([]);
  });

  it('finds 所見 written by a bulk edit, and not after its undo', () => {
    const ids = listIssueIds(db.sqlite, { roundId, levels: ['B'] }).slice(0, 4);
    const res = setEvaluationsBulk(db.sqlite, { roundId, field: 'comment', items: ids.map((issueId) => ({ issueId, value: `${OTHER}を確認` })), actor: 't' });
    expect(search(OTHER)).toEqual([...ids].sort((a, b) => a - b));
    undoBulk(db.sqlite, res.auditId!, 't');
    expect(search(OTHER)).toEqual([]);
  });

  it('finds 所見 of an import, and not after the import is undone', () => {
    const id = key('財変-B-4');
    const set = { ...emptyChangeSet(), evaluations: [{ issue: { id }, roundId, comment: `${LONG}を導入済み` }] };
    const importId = applyChangeSet(db.sqlite, set, { kind: 'list', fileName: 'ranks.xlsx', sha256: 'x', actor: 't', roundId, counts: { new: 0, changed: 1, unchanged: 0, rejected: 0 } }, null);
    expect(search(LONG)).toEqual([id]);
    undoImportNow(db.sqlite, importId, 't', null);
    expect(search(LONG)).toEqual([]);
  });

  it('finds a 事務局メモ after it is saved and not after it is cleared', () => {
    const row = db.sqlite.prepare('SELECT issue_id AS issueId, min(id) AS a, max(id) AS b FROM issue_versions GROUP BY issue_id HAVING count(*) >= 2 LIMIT 1').get() as { issueId: number; a: number; b: number };
    saveNote(db.sqlite, { issueId: row.issueId, fromVersionId: row.a, toVersionId: row.b, note: `${WORD}の記載が増えた`, actor: 't' });
    expect(search(WORD)).toEqual([row.issueId]);
    saveNote(db.sqlite, { issueId: row.issueId, fromVersionId: row.a, toVersionId: row.b, note: '', actor: 't' });
    expect(search(WORD)).toEqual([]);
  });

  it('a 所見 changed outside the write path drops its document (trigger), and a rebuild indexes it again', () => {
    const id = key('会計-A-1');
    setComment(db.sqlite, { issueId: id, roundId, actor: 't', comment: WORD });
    const before = indexed();
    db.sqlite.prepare('UPDATE evaluations SET comment = ? WHERE issue_id = ? AND round_id = ?').run(LONG, id, roundId);
    expect(indexed()).toBe(before - 1);
    expect(search(WORD)).toEqual([]);
    rebuildSearchIndex(db.sqlite, { commentsOnly: true });
    expect(search(LONG)).toEqual([id]);
    setComment(db.sqlite, { issueId: id, roundId, actor: 't', comment: '' });
    expect(search(LONG)).toEqual([]);
  });

  it('searches the 所見 of the round shown only', () => {
    const id = key('会計-A-1');
    setComment(db.sqlite, { issueId: id, roundId, actor: 't', comment: WORD });
    const scaleId = getRound(db.sqlite, roundId)!.scaleId;
    const { round } = createRound(db.sqlite, { label: 'T9', title: 'テスト回', asOf: '2099-01', meetingDate: null, scaleId, carryFromRoundId: roundId }, 't');
    expect(search(WORD)).toEqual([id]);
    expect(listIssues(db.sqlite, { roundId: round.id, text: WORD, offset: 0, limit: 10 }).rows).toEqual([]);
    setComment(db.sqlite, { issueId: id, roundId: round.id, actor: 't', comment: `${WORD}再び` });
    expect(listIssues(db.sqlite, { roundId: round.id, text: WORD, offset: 0, limit: 10 }).rows.map((r) => r.id)).toEqual([id]);
  });
});
