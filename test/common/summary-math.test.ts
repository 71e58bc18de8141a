import { describe, expect, it } from 'vitest';
import { moveRank } from '../../renderer/src/app/summary-math';

describe('moving one issue between ranks in the summary', () => {
  const lines = [{ level: 'A' as const, total: 132, byRank: { '3': 13, '2': 118, '1': 1 }, unranked: 0, carried: 0 }];
  it('moves a count from one rank to another, in that level only', () => {
    expect(moveRank(lines, 'A', '2', '3')[0]).toEqual({ level: 'A', total: 132, byRank: { '3': 14, '2': 117, '1': 1 }, unranked: 0, carried: 0 });
    expect(moveRank(lines, 'B', '2', '3')).toEqual(lines);
  });
  it('handles 未評価 on either side', () => {
    expect(moveRank(lines, 'A', '1', null)[0]).toMatchObject({ byRank: { '1': 0 }, unranked: 1 });
    expect(moveRank(moveRank(lines, 'A', '1', null), 'A', null, '1')).toEqual(lines);
  });
  it('counts a confirmed carried-over rank out of 繰越, and back on undo', () => {
    const carried = [{ ...lines[0]!, carried: 5 }];
    expect(moveRank(carried, 'A', '2', '2', -1)[0]).toMatchObject({ byRank: { '2': 118 }, carried: 4 });
    expect(moveRank(moveRank(carried, 'A', '2', '3', -1), 'A', '3', '2', 1)).toEqual(carried);
  });
});
