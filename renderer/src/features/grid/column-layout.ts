// Column order as the user arranged it: the saved order, with columns added since (a newer
// version of the app) appended where they stand by default.
import { COLUMN_LABELS } from './columns';

export const ALL_COLUMNS = Object.keys(COLUMN_LABELS);

export function orderedIds(saved: readonly string[]): string[] {
  const known = saved.filter((id) => ALL_COLUMNS.includes(id));
  return [...known, ...ALL_COLUMNS.filter((id) => !known.includes(id))];
}

/** Moves `from` to where `to` stands (drag a header onto another). */
export function moveColumn(ids: readonly string[], from: string, to: string): string[] {
  const out = ids.filter((id) => id !== from);
  const at = out.indexOf(to);
  const fromAt = ids.indexOf(from);
  const toAt = ids.indexOf(to);
  out.splice(fromAt < toAt ? at + 1 : at, 0, from);
  return out;
}

/** One step left (-1) or right (+1), for the keyboard in the column settings. */
export function shiftColumn(ids: readonly string[], id: string, step: -1 | 1): string[] {
  const at = ids.indexOf(id);
  const to = at + step;
  if (at < 0 || to < 0 || to >= ids.length) return [...ids];
  const out = [...ids];
  [out[at], out[to]] = [out[to]!, out[at]!];
  return out;
}
