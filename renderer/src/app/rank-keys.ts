import type { ScaleRank } from '../../../electron/contract/channels';

/**
 * One spelling per key: full-width letters and digits as ASCII (NFKC), upper case, and every
 * dash (−, －, ‐, – …) as the '-' key, so the "−" rank of an S/A/B/C/− scale is typed with '-'.
 */
function keyOf(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/[\u2010-\u2015\u2212\uFF0D]/g, '-');
}

/**
 * The rank a key press on the grid sets: a rank whose value is that key (1/2/3 on the
 * document's scale, S/A/B/C/− on others), else the n-th rank from the lowest for digit n
 * (未着手/取組中/完了 → 1/2/3); Delete/Backspace/0 clears. `undefined`: the key is not a rank key.
 */
export function rankForKey(ranks: ScaleRank[], key: string): string | null | undefined {
  const exact = ranks.find((r) => keyOf(r.value) === keyOf(key));
  if (exact) return exact.value;
  if (key === 'Delete' || key === 'Backspace' || key === '0') return null;
  if (/^[1-9]$/.test(key)) {
    const ascending = [...ranks].sort((a, b) => a.sortOrder - b.sortOrder);
    return ascending[Number(key) - 1]?.value;
  }
  return undefined;
}

/** The keys that set each rank, for the status line: "1/2/3" (digits ascending), "S/A/B/C/-". */
export function rankKeysHint(ranks: ScaleRank[]): string {
  const ascending = [...ranks].sort((a, b) => a.sortOrder - b.sortOrder);
  const keys = ascending.map((r, i) => {
    const k = keyOf(r.value);
    return k.length === 1 ? k : String(i + 1);
  });
  return (keys.every((k) => /^\d$/.test(k)) ? keys : keys.reverse()).join('/');
}
