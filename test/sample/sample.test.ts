import { describe, expect, it } from 'vitest';
import { listIssues, getIssue, resolveIssueKey } from '../../db/queries/issues';
import { listOrganizations } from '../../db/queries/organizations';
import { latestRound } from '../../db/queries/rounds';
import { summarize } from '../../db/queries/summary';
import { publishedAList, publishedBExample, sourceDocument } from '../helpers/source-document';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const round = latestRound(db.sqlite)!;

describe('the embedded sample', () => {
  it('has the 29 organizations in the order of the document', () => {
    const inDocument = [...new Set(publishedAList().map((r) => r.organization))];
    expect(inDocument).toHaveLength(29);
    expect(listOrganizations(db.sqlite).map((o) => o.shortName)).toEqual(inDocument);
  });

  it('has the 132 A-level issues with their exact titles, numbers and published ranks', () => {
    const rows = listIssues(db.sqlite, { roundId: round.id, levels: ['A'], offset: 0, limit: 1000 }).rows;
    expect(rows.map((r) => [r.organization, r.number, r.title, r.rank])).toEqual(
      publishedAList().map((p) => [p.organization, p.number, p.title, p.rank]),
    );
  });

  it('summarises as published: A 132 / 13 / 118 / 1', () => {
    const a = summarize(db.sqlite, { roundId: round.id }).find((l) => l.level === 'A')!;
    expect([a.total, a.byRank['3'], a.byRank['2'], a.byRank['1']]).toEqual([132, 13, 118, 1]);
    expect(sourceDocument()).toContain('A 現行業務の改善\t132\t13\t118\t1');
  });

  it('has the round R6.11 with the 1–3 scale and its definitions copied exactly', () => {
    expect(round).toMatchObject({ label: 'R6.11', title: '令和6年11月時点', asOf: '2024-11', meetingDate: '2024-12-20' });
    const doc = sourceDocument();
    for (const r of round.ranks) expect(doc).toContain(`【${r.label}】 ${r.definition}`);
    expect(round.ranks.map((r) => r.value)).toEqual(['3', '2', '1']);
  });

  it('has the B example with both versions, every field as printed, under 財変 marked as an assumption', () => {
    const id = resolveIssueKey(db.sqlite, '財変-B-4')!;
    expect(id).toBeTypeOf('number');
    const issue = getIssue(db.sqlite, id, round.id)!;
    expect(issue.dataNote).toContain('仮定');
    const [left, right] = publishedBExample();
    const [v8, v11] = issue.versions;
    expect([v8!.label, v8!.number, v11!.label, v11!.number]).toEqual(['R6.8', 2, 'R6.11', 4]);
    expect(left!.number).toBe('課題B (2)');
    expect(right!.number).toBe('課題B (4)');
    const asPrinted = (v: typeof v8) => ({ '①': v!.title, '②': v!.content, '③': v!.background, '④': v!.actions, ...(v!.progress ? { '⑤': v!.progress } : {}) });
    expect(asPrinted(v8)).toEqual(left!.fields);
    // The document prints 「同左」 (same as left) for the R6.11 title.
    expect(right!.fields['①']).toBe('同左');
    expect(asPrinted(v11)).toEqual({ ...right!.fields, '①': left!.fields['①'] });
    expect(v8!.progress).toBeNull();
    expect(issue.title).toBe('公共施設マネジメント実行計画の見直し');
  });
});
