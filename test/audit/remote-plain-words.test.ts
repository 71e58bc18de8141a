// Other PCs' changes in this PC's audit log (team sync): an import adding 局区, issue and version,
// a round created and locked, a rank and a setting — read back through describeAudit (the audit
// screen, the panel, the .xlsx) in Japanese, with no record field names or issue uids.
import { describe, expect, it } from 'vitest';
import { describeAudit } from '../../common/audit-text';
import { listAudit } from '../../db/queries/audit-search';
import { emptyChangeSet } from '../../db/write/change-set';
import { setRank } from '../../db/write/evaluations';
import { applyChangeSet } from '../../db/write/imports';
import { createRound, lockRound } from '../../db/write/rounds';
import { syncOnce } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { sharedReplicas } from '../sync/helpers';

const RAW = /\b(row|org|level|number|title|content|background|actions|progress|remarks|pc|value|key|locked|rules|version|createdAt|dataNote|fullName|displayOrder|issue|uid|round)\b|[0-9a-f]{8}-[0-9a-f]{4}-/u;

describe('other PCs’ changes in the audit log', () => {
  it('say what happened in Japanese, naming the PC', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [NonNullable<(typeof dbs)[0]>, NonNullable<(typeof dbs)[0]>];
    const set = emptyChangeSet();
    set.organizations.push({ key: 'o', shortName: '新局', fullName: '新設局', kind: '局' });
    set.issues.push({ key: 'i', organization: { newKey: 'o' }, level: 'A', number: 1, title: '新しい課題' });
    set.versions.push({ issue: { newKey: 'i' }, label: 'R6.11', asOf: '2024-11', number: 1, title: '新しい課題', content: '内容', background: '背景', actions: '取組', progress: '進捗' });
    set.evaluations.push({ issue: { newKey: 'i' }, roundId: 1, rank: '2', comment: '所見です' });
    applyChangeSet(a.sqlite, set, { kind: 'list', fileName: '一覧.xlsx', sha256: 'x'.repeat(64), actor: '佐藤', counts: { new: 1, changed: 0, unchanged: 0, rejected: 0 } }, null);
    const { round } = createRound(a.sqlite, { label: 'R7.5', title: '令和7年5月時点', asOf: '2025-05', meetingDate: null, scaleId: 1, carryFromRoundId: null }, '佐藤');
    setRank(a.sqlite, { issueId: 1, roundId: 1, rank: '3', actor: '佐藤' });
    lockRound(a.sqlite, round.id, '佐藤');
    for (let i = 0; i < 2; i++) for (const db of [a, b]) expect((await syncOnce(db.sqlite, new FolderTransport(folder))).ok).toBe(true);

    const remote = listAudit(b.sqlite, {}, 500).rows.filter((r) => JSON.stringify(r.after ?? '').includes('"pc":"PC-1"'));
    expect(remote.length).toBeGreaterThan(5);
    const texts = remote.map((r) => describeAudit(r, Infinity));
    for (const t of texts) expect(`${t.action} ${t.target} ${t.before} ${t.after}`).not.toMatch(RAW);
    const all = texts.map((t) => `${t.action}|${t.target}|${t.before}|${t.after}`).join('\n');
    expect(all).toContain('局区 新局');
    expect(all).toContain('②課題の内容: 内容');
    expect(all).toContain('PC: PC-1');
    expect(all).toMatch(/ロック/);
    for (const db of dbs) db.close();
  });
});
