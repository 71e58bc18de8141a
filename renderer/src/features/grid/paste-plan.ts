// What a paste from Excel will change: a column of ranks or 所見 laid onto the selected rows
// (one value per selected row, or, with one row selected, downwards from it as Excel does; one
// value onto every selected row). Pure, so the confirmation shows exactly what gets written.
import type { IssueRow, ScaleRank } from '../../../../electron/contract/channels';
import { rankForKey } from '../../app/rank-keys';

export type PasteField = 'rank' | 'comment';

export interface PasteChange {
  index: number;
  issueId: number;
  key: string;
  title: string;
  before: string | null;
  after: string | null;
}

export interface PastePlan {
  field: PasteField;
  changes: PasteChange[];
  /** Rows that already hold the pasted value. */
  unchanged: number;
  /** Empty cells: left as they are. */
  empty: number;
  /** Values that cannot be written, by pasted line (1-based), in Japanese. */
  errors: string[];
}

/** The rank a pasted cell names: its value (1/2/3, S/A/…, full-width too), its label (ランク3), or a digit key. */
export function pastedRank(ranks: ScaleRank[], cell: string): string | undefined {
  const text = cell.normalize('NFKC').trim();
  const byValueOrLabel = ranks.find((r) => r.value.normalize('NFKC') === text || r.label.normalize('NFKC') === text);
  if (byValueOrLabel) return byValueOrLabel.value;
  const byKey = text.length === 1 ? rankForKey(ranks, text) : undefined;
  return byKey ?? undefined;
}

/**
 * Ranks when every non-empty cell names a rank of the scale, or when the others are one or two
 * characters (a column of ranks with a typo: the confirmation then says which cell is wrong);
 * else 所見.
 */
export function guessField(ranks: ScaleRank[], values: string[]): PasteField {
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length === 0) return 'comment';
  const isRank = filled.map((v) => pastedRank(ranks, v) !== undefined);
  if (isRank.every(Boolean)) return 'rank';
  return isRank.some(Boolean) && filled.every((v, i) => isRank[i] || [...v.trim()].length <= 2) ? 'rank' : 'comment';
}

/**
 * Which rows get which pasted value: as many values as selected rows → in order; one value →
 * every selected row; one selected row → that row and the rows below it. Otherwise null (a
 * mismatch the caller explains).
 */
export function pasteTargets(selected: number[], values: number, total: number): number[] | null {
  if (values === 0 || selected.length === 0) return null;
  if (values === selected.length || values === 1) return selected;
  if (selected.length === 1) {
    const start = selected[0]!;
    const n = Math.min(values, total - start);
    return Array.from({ length: n }, (_, i) => start + i);
  }
  return null;
}

export function planPaste(field: PasteField, ranks: ScaleRank[], values: string[], rows: { index: number; row: IssueRow }[]): PastePlan {
  const plan: PastePlan = { field, changes: [], unchanged: 0, empty: 0, errors: [] };
  rows.forEach(({ index, row }, i) => {
    const cell = values.length === 1 ? values[0]! : (values[i] ?? '');
    if (cell.trim() === '') {
      plan.empty++;
      return;
    }
    let after: string;
    if (field === 'rank') {
      const rank = pastedRank(ranks, cell);
      if (rank === undefined) {
        plan.errors.push(`${i + 1}行目 (${row.key}): 「${cell.trim()}」はランク基準にありません (使えるのは ${ranks.map((r) => r.value).join(' / ')})`);
        return;
      }
      after = rank;
    } else {
      after = cell.replace(/\r\n?/g, '\n').trim();
      if (after.length > 4000) {
        plan.errors.push(`${i + 1}行目 (${row.key}): 所見が長すぎます (4000文字まで)`);
        return;
      }
    }
    const before = field === 'rank' ? row.rank : row.comment;
    // A carried rank (繰越) pasted as it is gets confirmed: that is a change.
    if (before === after && !(field === 'rank' && row.carried)) {
      plan.unchanged++;
      return;
    }
    plan.changes.push({ index, issueId: row.id, key: row.key, title: row.title, before, after });
  });
  return plan;
}
