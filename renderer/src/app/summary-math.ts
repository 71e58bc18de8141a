import type { SummaryLine } from '../../../electron/contract/channels';

/**
 * The summary after one issue of `level` moved from rank `from` to rank `to` (null = 未評価);
 * `carriedDelta` −1 when that also confirmed a carried-over rank (繰越), +1 when undo put it back.
 */
export function moveRank(lines: SummaryLine[], level: string, from: string | null, to: string | null, carriedDelta = 0): SummaryLine[] {
  return lines.map((l) => {
    if (l.level !== level) return l;
    const byRank = { ...l.byRank };
    let unranked = l.unranked;
    if (from === null) unranked -= 1;
    else byRank[from] = (byRank[from] ?? 0) - 1;
    if (to === null) unranked += 1;
    else byRank[to] = (byRank[to] ?? 0) + 1;
    return { ...l, byRank, unranked, carried: l.carried + carriedDelta };
  });
}
