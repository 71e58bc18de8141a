// Which rows of the grid are selected: sorted, disjoint ranges of row indexes, so selecting all
// 100,000 rows of a filter (Ctrl+A, Shift+click far down) costs one range, not 100,000 entries.
// Immutable: every change returns a new selection.

export type Range = readonly [number, number];

export interface Selection {
  /** Sorted, disjoint, non-adjacent inclusive ranges. */
  ranges: readonly Range[];
  /** Where Shift+click / Shift+↑↓ extends from. */
  anchor: number;
}

export const single = (index: number): Selection => ({ ranges: index >= 0 ? [[index, index]] : [], anchor: index });

function normalise(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Shift+click / Shift+↑↓: the rows from the anchor to `index` (other ranges kept when `keep`, as Ctrl+Shift+click does). */
export function extendTo(s: Selection, index: number, keep = false): Selection {
  const range: Range = [Math.min(s.anchor, index), Math.max(s.anchor, index)];
  return { ranges: normalise(keep ? [...s.ranges, range] : [range]), anchor: s.anchor };
}

/** Ctrl+click: adds or removes one row; it becomes the anchor. */
export function toggle(s: Selection, index: number): Selection {
  if (!isSelected(s, index)) return { ranges: normalise([...s.ranges, [index, index]]), anchor: index };
  const ranges: Range[] = [];
  for (const [a, b] of s.ranges) {
    if (index < a || index > b) ranges.push([a, b]);
    else {
      if (a < index) ranges.push([a, index - 1]);
      if (index < b) ranges.push([index + 1, b]);
    }
  }
  return { ranges, anchor: index };
}

export const all = (total: number): Selection => ({ ranges: total > 0 ? [[0, total - 1]] : [], anchor: 0 });

export function isSelected(s: Selection, index: number): boolean {
  // Binary search: the grid asks for every visible row on each render.
  let lo = 0;
  let hi = s.ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = s.ranges[mid]!;
    if (index < a) hi = mid - 1;
    else if (index > b) lo = mid + 1;
    else return true;
  }
  return false;
}

export const count = (s: Selection): number => s.ranges.reduce((n, [a, b]) => n + b - a + 1, 0);

/** Every selected index in order (for a bulk action: at most the filter's size). */
export function indexes(s: Selection): number[] {
  const out: number[] = [];
  for (const [a, b] of s.ranges) for (let i = a; i <= b; i++) out.push(i);
  return out;
}
