// The export pipeline on a real database: what the handouts say (増減, other scales, 和暦 with
// 元年 and 西暦, escaping), file names, and clear Japanese errors for exports that cannot be made.
import { describe, expect, it } from 'vitest';
import { setRank } from '../../db/write/evaluations';
import { listIssues, resolveIssueKey } from '../../db/queries/issues';
import { insertIssue } from '../../db/write/issues';
import { listRounds } from '../../db/queries/rounds';
import { insertRound } from '../../db/write/rounds';
import { insertScale } from '../../db/write/scales';
import { exportRequestSchema, reportRequestSchema } from '../../electron/services/export/options';
import { buildModel, modelBody, runExport } from '../../electron/services/export/run-export';
import { printDocument } from '../../electron/services/export/html/document';
import { buildReportModel } from '../../electron/services/export/model/report-model';
import { sampleDb } from '../helpers/temp';

const by = { author: '事務局 太郎', now: new Date(2026, 10, 24) };
const parse = (req: Record<string, unknown>) => exportRequestSchema.parse(req);

describe('the progress report', () => {
  it('adds 増減 against the previous round', async () => {
    const db = await sampleDb();
    const r611 = listRounds(db.sqlite)[0]!;
    const next = insertRound(db.sqlite, { label: 'R7.2', title: '令和7年2月時点', asOf: '2025-02', meetingDate: '2025-03-21', scaleId: r611.scaleId });
    const a = listIssues(db.sqlite, { roundId: r611.id, levels: ['A'], offset: 0, limit: 500 }).rows;
    // Carry the ranks over, then move three issues up to 3 and leave two unranked.
    a.slice(0, 130).forEach((row, i) => setRank(db.sqlite, { issueId: row.id, roundId: next, rank: i < 3 ? '3' : row.rank, actor: 't' }));
    const m = buildReportModel(db.sqlite, reportRequestSchema.parse({ kind: 'report', format: 'docx', roundId: next }), by);
    expect(m.previousRound?.label).toBe('R6.11');
    const line = m.summary[0]!;
    const threesBefore = a.slice(0, 3).filter((r) => r.rank === '3').length;
    expect(line.counts[0]).toBe(13 + 3 - threesBefore - a.slice(130).filter((r) => r.rank === '3').length);
    expect(line.unranked).toBe(2);
    expect(line.delta).toEqual({ total: 0, counts: [line.counts[0]! - 13, line.counts[1]! - 118, line.counts[2]! - 1], unranked: 2 });
    expect(m.showUnranked).toBe(true);
    const html = modelBody({ kind: 'report', model: m });
    expect(html).toContain('増減 (前回 R6.11 比)');
    expect(html).toContain('<th scope="col">未評価</th>');
    expect(m.meta.meetingLine).toBe('令和7年3月21日 X会議');
    // Without a previous round (asked for none), no 増減.
    const none = buildReportModel(db.sqlite, reportRequestSchema.parse({ kind: 'report', format: 'docx', roundId: next, previousRoundId: null }), by);
    expect(none.summary[0]!.delta).toBeNull();
  });

  it('works with another city’s scale, everywhere a rank appears', async () => {
    const db = await sampleDb();
    const scaleId = insertScale(db.sqlite, {
      name: '3段階',
      ranks: [
        { value: '完了', label: '完了', definition: '取組みが完了した', sortOrder: 3 },
        { value: '取組中', label: '取組中', definition: '取組みを進めている', sortOrder: 2 },
        { value: '未着手', label: '未着手', definition: 'まだ始めていない', sortOrder: 1 },
      ],
    });
    const roundId = insertRound(db.sqlite, { label: 'R7.5', title: '令和7年5月時点', asOf: '2025-05', meetingDate: '2019-05-10', scaleId });
    const ids = listIssues(db.sqlite, { roundId, levels: ['A'], offset: 0, limit: 3 }).rows.map((r) => r.id);
    setRank(db.sqlite, { issueId: ids[0]!, roundId, rank: '完了', actor: 't' });
    setRank(db.sqlite, { issueId: ids[1]!, roundId, rank: '未着手', actor: 't' });
    const m = buildReportModel(db.sqlite, reportRequestSchema.parse({ kind: 'report', format: 'pdf', roundId, seireki: true }), by);
    expect(m.scopeLine).toBe('各課題の到達状況を事務局で未着手・取組中・完了にランク付けした。');
    expect(m.summary[0]!.counts).toEqual([1, 0, 1]);
    expect(m.meta.meetingLine).toBe('令和元年5月10日 (2019年) X会議');
    const html = modelBody({ kind: 'report', model: m });
    expect(html).toContain('【未着手】 まだ始めていない');
    expect(html).toContain('<th scope="col">取組中</th>');
    const org = buildModel(db.sqlite, parse({ kind: 'org', format: 'pdf', roundId }), by);
    expect(modelBody(org)).toContain('完了 1件 / 取組中 0件 / 未着手 1件 / 未評価 1件');
  });

  it('escapes what it prints and keeps scripts out of the print document', async () => {
    const db = await sampleDb();
    const orgId = db.sqlite.prepare("SELECT id FROM organizations WHERE short_name = '会計'").pluck().get() as number;
    insertIssue(db.sqlite, { organizationId: orgId, level: 'A', number: 99, title: '<script>alert(1)</script> & "引用"' });
    const roundId = listRounds(db.sqlite)[0]!.id;
    setRank(db.sqlite, { issueId: resolveIssueKey(db.sqlite, '会計-A-99')!, roundId, rank: '2', actor: 't' });
    const m = buildModel(db.sqlite, parse({ kind: 'report', format: 'pdf', roundId }), by);
    if (m.kind !== 'report') throw new Error(m.kind);
    const doc = printDocument(m.model.meta, modelBody(m));
    expect(doc).not.toContain('<script>');
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引用&quot;');
    expect(doc).toContain("default-src 'none'");
  });
});

describe('files and errors', () => {
  it('names files by kind and round, in Japanese', async () => {
    const db = await sampleDb();
    const roundId = listRounds(db.sqlite)[0]!.id;
    const names = await Promise.all([
      runExport(db.sqlite, parse({ kind: 'report', format: 'docx', roundId }), by),
      runExport(db.sqlite, parse({ kind: 'compare', format: 'docx', tracked: true }), by),
      runExport(db.sqlite, parse({ kind: 'org', format: 'docx', roundId }), by),
      runExport(db.sqlite, parse({ kind: 'grid', format: 'csv', roundId }), by),
    ]).then((files) => files.map((f) => f.fileName));
    expect(names).toEqual(['進捗状況報告_R6.11.docx', '比較表_R6.8-R6.11_変更履歴.docx', '局区別評価_R6.11.docx', 'ランク付け一覧_R6.11.csv']);
  });

  it('says why when there is nothing to export', async () => {
    const db = await sampleDb();
    const r611 = listRounds(db.sqlite)[0]!;
    const empty = insertRound(db.sqlite, { label: 'R7.2', title: '', asOf: '2025-02', scaleId: r611.scaleId });
    await expect(runExport(db.sqlite, parse({ kind: 'report', format: 'docx', roundId: empty }), by)).rejects.toThrow(/評価回「R7.2」にはランクが1件もありません/);
    await expect(runExport(db.sqlite, parse({ kind: 'report', format: 'docx', roundId: 9999 }), by)).rejects.toThrow(/評価回 \(id 9999\) がありません/);
    const a1 = resolveIssueKey(db.sqlite, '会計-A-1')!;
    await expect(runExport(db.sqlite, parse({ kind: 'compare', format: 'docx', issueIds: [a1] }), by)).rejects.toThrow(/比較できる版が2つありません/);
    await expect(runExport(db.sqlite, parse({ kind: 'report', format: 'pdf', roundId: r611.id }), by)).rejects.toThrow(/PDFを印刷する仕組みがありません/);
    expect(exportRequestSchema.safeParse({ kind: 'report', format: 'xlsx', roundId: 1 }).success).toBe(false);
    expect(exportRequestSchema.safeParse({ kind: 'compare', format: 'docx', font: 'Comic Sans' }).success).toBe(false);
  });
});
