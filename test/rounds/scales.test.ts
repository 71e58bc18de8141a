// ランク基準 as data, and other cities' scales (未着手/取組中/完了; S/A/B/C/−) everywhere a rank
// appears: grid keys, grid rows, summaries, 増減, the movers list, rank history, exports, checks.
import { describe, expect, it } from 'vitest';
import { getAudit } from '../../db/queries/audit';
import { setRank } from '../../db/write/evaluations';
import { listIssues, resolveIssueKey } from '../../db/queries/issues';
import { rankHistory } from '../../db/queries/rank-history';
import { rankMovers } from '../../db/queries/rank-movers';
import { createRound, lockRound, updateRound } from '../../db/write/rounds';
import { getRound, latestRound } from '../../db/queries/rounds';
import { listScales } from '../../db/queries/scales';
import { createScale, deleteScale, updateScale } from '../../db/write/scales';
import { summarize } from '../../db/queries/summary';
import { runChecks } from '../../electron/services/check';
import { buildReportModel } from '../../electron/services/export/model/report-model';
import { exportRequestSchema, reportRequestSchema } from '../../electron/services/export/options';
import { buildModel, modelBody, runExport } from '../../electron/services/export/run-export';
import { rankForKey, rankKeysHint } from '../../renderer/src/app/rank-keys';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const { sqlite } = db;
const r611 = latestRound(sqlite)!;
const maxAudit = () => sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
const by = { author: '事務局', now: new Date(2026, 10, 24) };

const STATUS = {
  name: '進捗状況 (3段階)',
  ranks: [
    { value: '完了', label: '完了', definition: '取組みが完了したもの' },
    { value: '取組中', label: '取組中', definition: '取組みを進めているもの' },
    { value: '未着手', label: '未着手', definition: 'まだ着手していないもの' },
  ],
};
const LETTERS = {
  name: 'S/A/B/C/−',
  ranks: ['S', 'A', 'B', 'C', '−'].map((v) => ({ value: v, label: v === '−' ? '評価対象外' : `${v}評価`, definition: '' })),
};

describe('editing scales', () => {
  it('creates a scale, orders it as listed (highest first), and audits it', () => {
    const s = createScale(sqlite, STATUS, '山田');
    expect(s.ranks.map((r) => [r.value, r.sortOrder])).toEqual([
      ['完了', 3],
      ['取組中', 2],
      ['未着手', 1],
    ]);
    expect(getAudit(sqlite, maxAudit())).toMatchObject({ action: 'scale.create', entity: 'scale', entityId: s.id, after: { name: STATUS.name } });
  });

  it('refuses duplicate values (case-insensitively, as the keys are), blank fields and a taken name', () => {
    expect(() => createScale(sqlite, { name: 'x', ranks: [{ value: 'a', label: 'A', definition: '' }, { value: 'A', label: 'A2', definition: '' }] }, '山田')).toThrow(
      /ランク 2 行目: 値「A」が 1 行目と重複しています/,
    );
    expect(() => createScale(sqlite, { name: 'x', ranks: [{ value: ' ', label: 'A', definition: '' }] }, '山田')).toThrow(/ランク 1 行目: 値/);
    expect(() => createScale(sqlite, { name: 'x', ranks: [{ value: 'A', label: '', definition: '' }] }, '山田')).toThrow(/ランク 1 行目: 表示名/);
    expect(() => createScale(sqlite, { name: 'x', ranks: [] }, '山田')).toThrow(/ランクを1つ以上/);
    expect(() => createScale(sqlite, STATUS, '山田')).toThrow(/ランク基準「進捗状況 \(3段階\)」はすでにあります/);
  });

  it('keeps what rounds need: values in use stay, a scale of a locked round does not change', () => {
    const s = createScale(sqlite, { name: '一時', ranks: [{ value: 'X', label: 'X', definition: '' }, { value: 'Y', label: 'Y', definition: '' }] }, '山田');
    const r = createRound(sqlite, { label: 'T1', title: 't', asOf: '2030-01', meetingDate: null, scaleId: s.id }, '山田').round;
    setRank(sqlite, { issueId: resolveIssueKey(sqlite, '会計-A-1')!, roundId: r.id, rank: 'Y', actor: '山田' });
    expect(() => updateScale(sqlite, s.id, { name: '一時', ranks: [{ value: 'X', label: 'X', definition: '' }] }, '山田')).toThrow(
      /ランク 「Y」\(評価回 T1 で 1 件\) は使われているため/,
    );
    // Relabelling and reordering is fine while unlocked.
    const relabelled = updateScale(sqlite, s.id, { name: '一時2', ranks: [{ value: 'Y', label: 'ワイ', definition: '定義' }, { value: 'X', label: 'エックス', definition: '' }] }, '山田');
    expect(relabelled.ranks[0]).toMatchObject({ value: 'Y', label: 'ワイ', sortOrder: 2 });
    expect(getAudit(sqlite, maxAudit())).toMatchObject({ action: 'scale.update', before: { name: '一時' }, after: { name: '一時2' } });
    lockRound(sqlite, r.id, '山田');
    expect(() => updateScale(sqlite, s.id, { name: '一時3', ranks: relabelled.ranks }, '山田')).toThrow(/ロックされた評価回 T1 で使われているため変更できません。「複製」/);
    expect(() => deleteScale(sqlite, s.id, '山田')).toThrow(/評価回 T1 で使われているため削除できません/);
    const unused = createScale(sqlite, { name: '未使用', ranks: [{ value: '1', label: '1', definition: '' }] }, '山田');
    deleteScale(sqlite, unused.id, '山田');
    expect(listScales(sqlite).some((x) => x.id === unused.id)).toBe(false);
    expect(getAudit(sqlite, maxAudit())).toMatchObject({ action: 'scale.delete', before: { name: '未使用' }, after: null });
  });

  it('moves a round to another scale only when that scale has every rank the round uses', () => {
    const status = listScales(sqlite).find((s) => s.name === STATUS.name)!;
    const base = { label: r611.label, title: r611.title, asOf: r611.asOf, meetingDate: r611.meetingDate };
    expect(() => updateRound(sqlite, r611.id, { ...base, scaleId: status.id }, '山田')).toThrow(/ランク 「1」1件、「2」118件、「3」13件 が選んだランク基準にないため/);
  });
});

describe('other cities’ scales everywhere a rank appears', () => {
  const status = () => listScales(sqlite).find((s) => s.name === STATUS.name)!;
  const ids = listIssues(sqlite, { roundId: r611.id, levels: ['A'], offset: 0, limit: 500 }).rows.map((r) => r.id);

  it('grid keys: digits count from the lowest rank, letters and − are typed as themselves', () => {
    const ranks = status().ranks;
    expect([rankForKey(ranks, '1'), rankForKey(ranks, '2'), rankForKey(ranks, '3'), rankForKey(ranks, '4')]).toEqual(['未着手', '取組中', '完了', undefined]);
    expect(rankKeysHint(ranks)).toBe('1/2/3');
    const letters = createScale(sqlite, LETTERS, '山田').ranks;
    expect(['s', 'A', 'c', '-', '－', '1', '5', 'Delete', 'x'].map((k) => rankForKey(letters, k))).toEqual(['S', 'A', 'C', '−', '−', '−', 'S', null, undefined]);
    expect(rankKeysHint(letters)).toBe('S/A/B/C/-');
    expect(rankKeysHint(r611.ranks)).toBe('1/2/3');
  });

  it('rows, summaries, 増減, movers and history use the scale’s values and labels', () => {
    const a = createRound(sqlite, { label: 'C1', title: '他都市 第1回', asOf: '2031-01', meetingDate: '2031-02-01', scaleId: status().id }, '山田').round;
    const values = ['未着手', '取組中', '完了'];
    ids.forEach((id, i) => setRank(sqlite, { issueId: id, roundId: a.id, rank: values[i % 3]!, actor: '山田' }));
    const b = createRound(sqlite, { label: 'C2', title: '他都市 第2回', asOf: '2031-06', meetingDate: null, scaleId: status().id, carryFromRoundId: a.id }, '山田').round;
    // Three issues move: 未着手 → 完了 (up 2), 取組中 → 完了 (up 1), 完了 → 未着手 (down 2); one is unranked.
    setRank(sqlite, { issueId: ids[0]!, roundId: b.id, rank: '完了', actor: '山田' });
    setRank(sqlite, { issueId: ids[1]!, roundId: b.id, rank: '完了', actor: '山田' });
    setRank(sqlite, { issueId: ids[2]!, roundId: b.id, rank: '未着手', actor: '山田' });
    setRank(sqlite, { issueId: ids[3]!, roundId: b.id, rank: null, actor: '山田' });

    const row = listIssues(sqlite, { roundId: b.id, offset: 0, limit: 3, sort: [{ column: 'rank', desc: true }] }).rows[0]!;
    expect(row.rank).toBe('完了'); // sorted by the scale's order, not alphabetically
    const [line] = summarize(sqlite, { roundId: b.id, levels: ['A'] });
    expect(line!.byRank).toEqual({ 完了: 45, 取組中: 43, 未着手: 43 });
    expect(line!.unranked).toBe(1);

    const movers = rankMovers(sqlite, { fromRoundId: a.id, toRoundId: b.id });
    expect(movers.counts).toEqual({ up: 2, down: 1, same: 128, ranked: 0, unranked: 1 });
    expect(movers.rows.map((r) => [r.movement, r.fromLabel, r.toLabel, r.steps])).toEqual([
      ['up', '未着手', '完了', 2],
      ['up', '取組中', '完了', 1],
      ['down', '完了', '未着手', -2],
      ['unranked', '未着手', null, 0],
    ]);
    expect(() => rankMovers(sqlite, { fromRoundId: r611.id, toRoundId: b.id })).toThrow(/ランクの値が対応しないため、上昇・下降を比べられません/);
    expect(() => rankMovers(sqlite, { fromRoundId: b.id, toRoundId: b.id })).toThrow(/同じ評価回どうし/);

    const history = rankHistory(sqlite, ids[0]!);
    const tail = history.slice(-2);
    expect(tail.map((h) => [h.label, h.rank, h.rankLabel, h.change])).toEqual([
      ['C1', '未着手', '未着手', null], // the round before (T1) has another scale
      ['C2', '完了', '完了', 'up'],
    ]);
    expect(history[0]).toMatchObject({ label: 'R6.11', rankLabel: expect.stringMatching(/ランク/) });

    // The progress report: columns in the scale's order with its labels, 増減 against C1.
    const m = buildReportModel(sqlite, reportRequestSchema.parse({ kind: 'report', format: 'docx', roundId: b.id }), by);
    expect(m.ranks.map((r) => r.label)).toEqual(['完了', '取組中', '未着手']);
    expect(m.summary[0]).toMatchObject({ counts: [45, 43, 43], unranked: 1, delta: { counts: [1, -1, -1], unranked: 1 } });
    expect(m.scopeLine).toContain('未着手・取組中・完了');
    const html = modelBody({ kind: 'report', model: m });
    expect(html).toContain('【未着手】 まだ着手していないもの');
    expect(html).toContain('増減 (前回 C1 比)');
    const org = modelBody(buildModel(sqlite, exportRequestSchema.parse({ kind: 'org', format: 'docx', roundId: b.id }), by));
    expect(org).toContain('取組中');
    expect(getRound(sqlite, b.id)!.ranks.map((r) => r.value)).toEqual(['完了', '取組中', '未着手']);
  });

  it('exports the grid of such a round with the values as text', async () => {
    const b = sqlite.prepare("SELECT id FROM rounds WHERE label = 'C2'").pluck().get() as number;
    const file = await runExport(sqlite, exportRequestSchema.parse({ kind: 'grid', format: 'csv', encoding: 'utf8bom', roundId: b, levels: ['A'] }), by);
    const text = Buffer.from(file.bytes).toString('utf8');
    expect(text).toContain(',完了,');
    expect(text).toContain(',未着手,');
  });

  it('passes the database checks (every rank is in its round’s scale)', () => {
    expect(runChecks(sqlite).ok).toBe(true);
  });
});
