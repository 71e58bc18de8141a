// The chart view's figures against the sample (A 132 / ランク3 13 / ランク2 118 / ランク1 1) and a
// second round with known moves: per 局区 they add up to the summary and to the movers list.
import { describe, expect, it } from 'vitest';
import { chartView, movementByOrganization, rankDistribution } from '../../db/queries/charts';
import { rankMovers } from '../../db/queries/rank-movers';
import { summarize } from '../../db/queries/summary';
import { addSecondRound } from '../helpers/second-round';
import { createRound } from '../../db/write/rounds';
import { sampleDb } from '../helpers/temp';

const db = await sampleDb();
const r611 = db.sqlite.prepare("SELECT id FROM rounds WHERE label = 'R6.11'").pluck().get() as number;
const second = addSecondRound(db);

describe('rank distribution per 局区', () => {
  it('adds up to the published summary, 局区 in the document’s order', () => {
    const d = rankDistribution(db.sqlite, { roundId: r611 });
    expect(d.ranks.map((r) => r.value)).toEqual(['3', '2', '1']);
    const sum = (f: (r: (typeof d.rows)[number]) => number) => d.rows.reduce((s, r) => s + f(r), 0);
    expect(sum((r) => r.total)).toBe(133); // 132 A + the B example (unranked)
    expect(sum((r) => r.byRank['3'] ?? 0)).toBe(13);
    expect(sum((r) => r.byRank['2'] ?? 0)).toBe(118);
    expect(sum((r) => r.byRank['1'] ?? 0)).toBe(1);
    expect(d.rows[0]!.organization).toBe('会計');
    const order = db.sqlite.prepare('SELECT short_name FROM organizations ORDER BY display_order, id').pluck().all() as string[];
    expect(d.rows.map((r) => r.organization)).toEqual(order.filter((o) => d.rows.some((r) => r.organization === o)));
  });

  it('follows the grid’s filter (level, rank, 局区) like the summary does', () => {
    const kaikei = db.sqlite.prepare("SELECT id FROM organizations WHERE short_name = '会計'").pluck().get() as number;
    const filter = { roundId: second.roundId, levels: ['A' as const], ranks: ['3'] };
    const d = rankDistribution(db.sqlite, filter);
    const summary = summarize(db.sqlite, filter);
    expect(d.rows.reduce((s, r) => s + r.total, 0)).toBe(summary.reduce((s, l) => s + l.total, 0));
    expect(d.rows.every((r) => Object.keys(r.byRank).join() === '3' && r.unranked === 0)).toBe(true);
    const one = rankDistribution(db.sqlite, { roundId: r611, organizationIds: [kaikei] });
    expect(one.rows.map((r) => r.organization)).toEqual(['会計']);
  });
});

describe('movement per 局区 between two rounds', () => {
  it('counts the same moves as the ランク変動 list', () => {
    const m = movementByOrganization(db.sqlite, { fromRoundId: r611, toRoundId: second.roundId });
    const movers = rankMovers(db.sqlite, { fromRoundId: r611, toRoundId: second.roundId });
    const total = (k: 'up' | 'down' | 'same' | 'ranked' | 'unranked') => m.rows.reduce((s, r) => s + r.counts[k], 0);
    expect(total('up')).toBe(second.up.length);
    expect(total('down')).toBe(second.down.length);
    expect(total('up')).toBe(movers.counts.up);
    expect(total('down')).toBe(movers.counts.down);
    expect(total('same')).toBe(movers.counts.same);
    // Per 局区: the issues listed as moved, grouped by their 局区.
    for (const row of m.rows) {
      expect(row.counts.up).toBe(movers.rows.filter((x) => x.movement === 'up' && x.organization === row.organization).length);
    }
  });

  it('refuses one round against itself, in Japanese', () => {
    expect(() => movementByOrganization(db.sqlite, { fromRoundId: r611, toRoundId: r611 })).toThrow(/同じ評価回どうしは比べられません/);
  });
});

describe('the chart view in one request', () => {
  const kaikei = () => db.sqlite.prepare("SELECT id FROM organizations WHERE short_name = '会計'").pluck().get() as number;
  it.each([
    ['the full set (one scan for both)', {}],
    ['a level (one scan for both)', { levels: ['A' as const] }],
    ['a 局区 (the bars of the filter, the movement of all)', { organizationIds: [kaikei()] }],
    ['a search', { text: '施設' }],
  ])('gives the same figures as the two separate queries: %s', (_name, extra) => {
    const filter = { roundId: second.roundId, ...extra };
    const movement = { fromRoundId: r611, toRoundId: second.roundId, ...('levels' in extra && { levels: extra.levels }) };
    const view = chartView(db.sqlite, { filter, movement });
    expect(view.distribution).toEqual(rankDistribution(db.sqlite, filter));
    expect(view.movement).toEqual(movementByOrganization(db.sqlite, movement));
    // The summary of the same filter agrees with the bars (and may reuse the view's scan).
    const summary = summarize(db.sqlite, filter);
    expect(view.distribution.rows.reduce((s, r) => s + r.total, 0)).toBe(summary.reduce((s, l) => s + l.total, 0));
  });

  it('says in place why two rounds cannot be compared, and still gives the bars', () => {
    const view = chartView(db.sqlite, { filter: { roundId: r611 }, movement: { fromRoundId: r611, toRoundId: r611 } });
    expect(view.movement).toEqual({ problem: expect.stringMatching(/同じ評価回どうしは比べられません/) });
    expect(view.distribution.rows.reduce((s, r) => s + r.total, 0)).toBe(133);
    expect(chartView(db.sqlite, { filter: { roundId: r611 }, movement: null }).movement).toBeNull();
  });

  it('counts 繰越 in the summary from the same scan', () => {
    const scaleId = db.sqlite.prepare('SELECT scale_id FROM rounds WHERE id = ?').pluck().get(second.roundId) as number;
    const { round } = createRound(db.sqlite, { label: 'R7.11', title: '令和7年11月時点', asOf: '2025-11', meetingDate: null, scaleId, carryFromRoundId: second.roundId }, 'テスト担当');
    const carried = db.sqlite.prepare('SELECT count(*) FROM evaluations WHERE round_id = ? AND carried = 1 AND rank IS NOT NULL').pluck().get(round.id) as number;
    expect(carried).toBeGreaterThan(100);
    const view = chartView(db.sqlite, { filter: { roundId: round.id }, movement: { fromRoundId: second.roundId, toRoundId: round.id } });
    expect(view.movement).toMatchObject({ rows: expect.arrayContaining([expect.objectContaining({ counts: expect.objectContaining({ up: 0, down: 0 }) })]) });
    expect(summarize(db.sqlite, { roundId: round.id }).reduce((s, l) => s + l.carried, 0)).toBe(carried);
  });
});
