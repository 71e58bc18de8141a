import type { ScaleRank } from '../../../electron/contract/channels';

/**
 * The rank a key press on the grid sets: a rank whose value is that key (1/2/3 on the
 * document's scale, S/A/B/C on others), else the n-th rank from the lowest for digit n;
 * Delete/Backspace/0 clears. `undefined`: the key is not a rank key.
 */
export function rankForKey(ranks: ScaleRank[], key: string): string | null | undefined {
  const exact = ranks.find((r) => r.value.toUpperCase() === key.toUpperCase());
  if (exact) return exact.value;
  if (key === 'Delete' || key === 'Backspace' || key === '0') return null;
  if (/^[1-9]$/.test(key)) {
    const ascending = [...ranks].sort((a, b) => a.sortOrder - b.sortOrder);
    return ascending[Number(key) - 1]?.value;
  }
  return undefined;
}
