import { describe, expect, it } from 'vitest';
import { listAuditForIssue } from '../../db/queries/audit';
import { setComment, setRank, undoChange } from '../../db/write/evaluations';
import { getIssueRow, resolveIssueKey } from '../../db/queries/issues';
import { insertIssue } from '../../db/write/issues';
import { insertOrganization } from '../../db/write/organizations';
import { latestRound } from '../../db/queries/rounds';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const roundId = latestRound(db.sqlite)!.id;
const issueId = resolveIssueKey(db.sqlite, '会計-A-1')!;
const rowCount = (table: string) => db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('ranks, comments and their audit', () => {
  it('sets a rank, records who and when, and audits before and after', () => {
    const res = setRank(db.sqlite, { issueId, roundId, rank: '3', actor: '山田' });
    expect(res.row).toMatchObject({ rank: '3', updatedBy: '山田' });
    const [entry] = listAuditForIssue(db.sqlite, issueId);
    expect(entry).toMatchObject({ id: res.auditId, actor: '山田', action: 'evaluation.rank', before: { rank: '2' }, after: { rank: '3' } });
  });

  it('does not audit a change that changes nothing', () => {
    const before = rowCount('audit_log');
    expect(setRank(db.sqlite, { issueId, roundId, rank: '3', actor: '山田' }).auditId).toBeNull();
    expect(rowCount('audit_log')).toBe(before);
  });

  it('refuses a rank outside the round’s scale, writing nothing', () => {
    const before = rowCount('audit_log');
    expect(() => setRank(db.sqlite, { issueId, roundId, rank: '4', actor: '山田' })).toThrow(/ランク「4」は評価回 R6.11 のランク基準にありません/);
    expect(getIssueRow(db.sqlite, issueId, roundId)!.rank).toBe('3');
    expect(rowCount('audit_log')).toBe(before);
  });

  it('saves a comment (multi-line Japanese) and audits it', () => {
    const res = setComment(db.sqlite, { issueId, roundId, comment: 'システム改修の仕様書を確認。\n次回は稼働状況を確認する', actor: '佐藤' });
    expect(res.row.comment).toBe('システム改修の仕様書を確認。\n次回は稼働状況を確認する');
    expect(listAuditForIssue(db.sqlite, issueId)[0]).toMatchObject({ action: 'evaluation.comment', before: { comment: '' } });
  });

  it('undoes and redoes a change, auditing both', () => {
    const change = setRank(db.sqlite, { issueId, roundId, rank: '1', actor: '山田' });
    const undo = undoChange(db.sqlite, change.auditId!, '山田');
    expect(undo.row.rank).toBe('3');
    expect(listAuditForIssue(db.sqlite, issueId)[0]).toMatchObject({ action: 'undo', revertsId: change.auditId });
    const redo = undoChange(db.sqlite, undo.auditId!, '山田');
    expect(redo.row.rank).toBe('1');
  });

  it('refuses to undo when the value was changed since', () => {
    const change = setRank(db.sqlite, { issueId, roundId, rank: '2', actor: '山田' });
    setRank(db.sqlite, { issueId, roundId, rank: '3', actor: '佐藤' });
    expect(() => undoChange(db.sqlite, change.auditId!, '山田')).toThrow(/取り消せません/);
    expect(getIssueRow(db.sqlite, issueId, roundId)!.rank).toBe('3');
  });

  it('refuses changes to a locked round', () => {
    db.sqlite.prepare("UPDATE rounds SET locked_at = '2024-12-20T00:00:00Z' WHERE id = ?").run(roundId);
    try {
      expect(() => setRank(db.sqlite, { issueId, roundId, rank: '1', actor: '山田' })).toThrow(/ロック/);
    } finally {
      db.sqlite.prepare('UPDATE rounds SET locked_at = NULL WHERE id = ?').run(roundId);
    }
  });
});

describe('constraints', () => {
  it('rejects an unknown level, a duplicate key and a non-positive number', () => {
    const org = db.sqlite.prepare("SELECT id FROM organizations WHERE short_name = '会計'").pluck().get() as number;
    expect(() => db.sqlite.prepare("UPDATE issues SET level = 'D' WHERE id = ?").run(issueId)).toThrow(/CHECK/);
    expect(() => insertIssue(db.sqlite, { organizationId: org, level: 'A', number: 1, title: '重複' })).toThrow(/UNIQUE/);
    expect(() => insertIssue(db.sqlite, { organizationId: org, level: 'A', number: 0, title: 'ゼロ' })).toThrow(/CHECK/);
  });

  it('keeps child rows: an organization with issues cannot be deleted', () => {
    expect(() => db.sqlite.prepare("DELETE FROM organizations WHERE short_name = '会計'").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.sqlite.prepare('DELETE FROM issues WHERE id = ?').run(issueId)).toThrow(/FOREIGN KEY/);
  });

  it('rejects an organization kind outside 局/区/委員会等 and a duplicate short name', () => {
    expect(() => insertOrganization(db.sqlite, { shortName: '新局', fullName: '新局', kind: '課' as '局', displayOrder: 99 })).toThrow(/CHECK/);
    expect(() => insertOrganization(db.sqlite, { shortName: '会計', fullName: '会計室', kind: '局', displayOrder: 99 })).toThrow(/UNIQUE/);
  });
});

describe('readable keys', () => {
  it('resolve 局区-level-number, tolerating full-width digits and spaces, and #id', () => {
    expect(resolveIssueKey(db.sqlite, '財変-B-4')).toBeTypeOf('number');
    expect(resolveIssueKey(db.sqlite, '会計－Ａ－１')).toBe(issueId);
    expect(resolveIssueKey(db.sqlite, ' 会計-a-１ ')).toBe(issueId);
    expect(resolveIssueKey(db.sqlite, `#${issueId}`)).toBe(issueId);
    expect(resolveIssueKey(db.sqlite, '会計-A-99')).toBeUndefined();
    expect(resolveIssueKey(db.sqlite, 'nonsense')).toBeUndefined();
  });
});
