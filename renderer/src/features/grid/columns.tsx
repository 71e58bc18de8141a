// Column definitions of the ranking grid (TanStack Table v9 column helper), and how each column
// reads as text (copying to Excel, the full text shown on hover and focus).
import {
  columnOrderingFeature,
  columnPinningFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { IssueRow } from '../../../../electron/contract/channels';
import { formatDateTime, formatShortDateTime } from '../../lib/format';
import { ConflictBadge } from '../sync/ConflictBadge';

export const gridFeatures = tableFeatures({ rowSortingFeature, columnSizingFeature, columnVisibilityFeature, columnOrderingFeature, columnPinningFeature });

const col = createColumnHelper<typeof gridFeatures, IssueRow>();

/** Column id → the contract's sort column. */
export const SORT_COLUMN: Record<string, 'org' | 'number' | 'level' | 'title' | 'rank' | 'comment' | 'updatedBy' | 'updatedAt'> = {
  organization: 'org',
  number: 'number',
  level: 'level',
  title: 'title',
  rank: 'rank',
  comment: 'comment',
  updatedBy: 'updatedBy',
  updatedAt: 'updatedAt',
};

/** 局名 and 番号 stay in view when the grid scrolls sideways. */
export const PINNED = ['organization', 'number'];
/** The column that takes the width left over (unless the user has sized it). */
export const FLEX_COLUMN = 'title';
/** Columns whose text a search marks. */
export const SEARCHED = new Set(['title', 'comment', 'organization']);

export const COLUMN_LABELS: Record<string, string> = {
  organization: '局名',
  number: '番号',
  level: 'レベル',
  title: '課題名',
  rank: 'ランク',
  comment: '所見',
  findings: '指摘',
  updatedBy: '更新者',
  updatedAt: '更新日時',
};

/** A cell as text: what Ctrl+C copies and what the hover/focus text shows. */
export function cellText(row: IssueRow, columnId: string): string {
  switch (columnId) {
    case 'rank':
      return `${row.rank ?? ''}${row.carried ? ' (繰越)' : ''}`;
    case 'findings':
      return row.findings ? String(row.findings) : '';
    case 'updatedAt':
      return formatDateTime(row.updatedAt);
    case 'updatedBy':
      return row.updatedBy ?? '';
    default: {
      const v = row[columnId as keyof IssueRow];
      return v === null || v === undefined ? '' : String(v);
    }
  }
}

/**
 * A cell's content. The grid draws its rows with this directly (memoised rows, no table row
 * objects per render); the column definitions below use it too, so both always agree.
 */
export function renderCell(row: IssueRow, columnId: string): ReactNode {
  switch (columnId) {
    // Team sync: 要確認 when a text of the issue was changed on two PCs at once (also when a search
    // marks the title: IssueGrid adds the badge there).
    case 'title':
      return (
        <>
          {row.title}
          <ConflictBadge issueId={row.id} />
        </>
      );
    // 繰越: carried over from the previous round, not confirmed yet.
    case 'rank':
      return (
        <>
          {row.rank ?? '—'}
          {row.carried && (
            <span className="carried-badge" title="前の評価回からの繰越 (未確認)">
              繰越
            </span>
          )}
        </>
      );
    case 'findings':
      return row.findings ? String(row.findings) : '';
    case 'updatedBy':
      return row.updatedBy ?? '';
    case 'updatedAt':
      return formatShortDateTime(row.updatedAt);
    default: {
      const v = row[columnId as keyof IssueRow];
      return v === null || v === undefined ? '' : String(v);
    }
  }
}

// Sizes fit the useful columns beside the reading pane at 1366×768: narrow 番号/レベル/ランク,
// a short 更新日時; 課題名 takes what is left.
export const gridColumns = col.columns([
  col.accessor('organization', { header: '局名', size: 58, minSize: 40 }),
  col.accessor('number', { header: '番号', size: 42, minSize: 32 }),
  col.accessor('level', { header: 'レベル', size: 58, minSize: 36 }),
  col.accessor('title', { header: '課題名', size: 220, minSize: 80, cell: (c) => renderCell(c.row.original, 'title') }),
  col.accessor('rank', { header: 'ランク', size: 60, minSize: 40, cell: (c) => renderCell(c.row.original, 'rank') }),
  col.accessor('comment', { header: '所見', size: 140, minSize: 60 }),
  col.accessor('findings', { header: '指摘', size: 42, minSize: 32, enableSorting: false, cell: (c) => renderCell(c.row.original, 'findings') }),
  col.accessor('updatedBy', { header: '更新者', size: 66, minSize: 40, cell: (c) => renderCell(c.row.original, 'updatedBy') }),
  col.accessor('updatedAt', { header: '更新日時', size: 124, minSize: 60, cell: (c) => renderCell(c.row.original, 'updatedAt') }),
]);
