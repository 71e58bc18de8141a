// Column definitions of the ranking grid (TanStack Table v9 column helper).
import { columnSizingFeature, createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { IssueRow } from '../../../../electron/contract/channels';
import { formatDateTime } from '../../lib/format';
import { ConflictBadge } from '../sync/ConflictBadge';

export const gridFeatures = tableFeatures({ rowSortingFeature, columnSizingFeature });

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

export const gridColumns = col.columns([
  col.accessor('organization', { header: '局名', size: 72 }),
  col.accessor('number', { header: '番号', size: 56 }),
  col.accessor('level', { header: 'レベル', size: 64 }),
  col.accessor('title', {
    header: '課題名',
    size: 380,
    // Team sync: 要確認 when a text of the issue was changed on two PCs at once.
    cell: (c) => (
      <>
        {c.getValue()}
        <ConflictBadge issueId={c.row.original.id} />
      </>
    ),
  }),
  col.accessor('rank', {
    header: 'ランク',
    size: 84,
    // 繰越: carried over from the previous round, not confirmed yet.
    cell: (c) => (
      <>
        {c.getValue() ?? '—'}
        {c.row.original.carried && (
          <span className="carried-badge" title="前の評価回からの繰越 (未確認)">
            繰越
          </span>
        )}
      </>
    ),
  }),
  col.accessor('comment', { header: '所見', size: 220 }),
  col.accessor('findings', {
    header: '指摘',
    size: 52,
    enableSorting: false,
    cell: (c) => (c.getValue() ? String(c.getValue()) : ''),
  }),
  col.accessor('updatedBy', { header: '更新者', size: 96, cell: (c) => c.getValue() ?? '' }),
  col.accessor('updatedAt', { header: '更新日時', size: 170, cell: (c) => formatDateTime(c.getValue()) }),
]);
