// The comparison dialog's state: opened from the grid it follows the selected row (◀ / ▶ move the
// grid's selection); opened from a list (バージョンアップ状況) it steps through that list. D on an
// issue without two versions opens nothing and says why in the status bar.
import { useState } from 'react';
import type { IssueDetail, IssueRow } from '../../../electron/contract/channels';
import type { ComparisonNav } from '../features/compare/ComparisonView';

type Comparing = { from: 'grid' } | { from: 'list'; ids: number[]; index: number } | null;

export interface GridPosition {
  selectedRow: IssueRow | undefined;
  detail: IssueDetail | null;
  selectedIndex: number;
  total: number | null;
  select(index: number): void;
  say(message: string): void;
}

export function useComparison(grid: GridPosition) {
  const [comparing, setComparing] = useState<Comparing>(null);
  const { selectedRow, detail, selectedIndex, total } = grid;

  const openFromGrid = () => {
    if (!selectedRow) return;
    const versions = detail?.id === selectedRow.id ? detail.versions : null;
    if (versions && versions.length < 2) {
      grid.say(`${selectedRow.key} は版が${versions.length === 0 ? 'まだありません' : '1つだけ'}のため、版の比較はできません (比べるには2つの版が必要です)`);
      return;
    }
    setComparing({ from: 'grid' });
  };
  const openFromList = (issueId: number, ids: number[]) => setComparing({ from: 'list', ids, index: Math.max(0, ids.indexOf(issueId)) });

  const issueId = comparing?.from === 'list' ? comparing.ids[comparing.index]! : comparing ? (selectedRow?.id ?? null) : null;
  const nav: ComparisonNav | undefined =
    comparing?.from === 'list'
      ? {
          position: `${comparing.index + 1} / ${comparing.ids.length} 件目`,
          prev: comparing.index > 0 ? () => setComparing({ ...comparing, index: comparing.index - 1 }) : null,
          next: comparing.index < comparing.ids.length - 1 ? () => setComparing({ ...comparing, index: comparing.index + 1 }) : null,
        }
      : comparing && total !== null
        ? {
            position: `一覧の ${selectedIndex + 1} / ${total} 件目`,
            prev: selectedIndex > 0 ? () => grid.select(selectedIndex - 1) : null,
            next: selectedIndex < total - 1 ? () => grid.select(selectedIndex + 1) : null,
          }
        : undefined;

  return { issueId, nav, openFromGrid, openFromList, close: () => setComparing(null) };
}
