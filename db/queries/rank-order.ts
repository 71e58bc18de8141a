// Whether a rank went up or down between two rounds. Within one scale the ranks' order says it;
// across two scales only when every value of the earlier scale exists in the later one (e.g. the
// same values with reworded labels), and then the later scale's order counts. Otherwise the two
// rounds cannot be compared, and callers say so rather than guess.
import type { Round } from './rounds.js';

export type Direction = 'up' | 'down' | 'same';

/** Compares a rank of `from` with a rank of `to`; null when the scales do not correspond. */
export type RankComparer = (fromValue: string, toValue: string) => Direction | null;

export function rankComparer(from: Pick<Round, 'scaleId' | 'ranks'>, to: Pick<Round, 'scaleId' | 'ranks'>): RankComparer | null {
  const order = new Map(to.ranks.map((r) => [r.value, r.sortOrder]));
  if (from.scaleId !== to.scaleId && !from.ranks.every((r) => order.has(r.value))) return null;
  return (a, b) => {
    const x = order.get(a);
    const y = order.get(b);
    if (x === undefined || y === undefined) return null;
    return y > x ? 'up' : y < x ? 'down' : 'same';
  };
}
