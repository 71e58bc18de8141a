// The ranking grid: a keyboard-first, virtualized ARIA grid over the issues of the current
// filter. Rows come page by page (useIssueWindow); TanStack Table owns columns and sort state.
import { useTable, type SortingState, type Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { IssueRow } from '../../../../electron/contract/channels';
import { gridColumns, gridFeatures } from './columns';
import type { IssueWindow } from './useIssueWindow';

const ROW_HEIGHT = 30;
/** Height of the sticky header row: the rows start below it and it covers the top of the view. */
const HEADER_HEIGHT = 32;

export interface IssueGridProps {
  data: IssueWindow;
  selectedIndex: number;
  onSelect(index: number): void;
  sorting: SortingState;
  onSortingChange(next: SortingState): void;
  /** A printable key pressed on the grid (rank shortcuts). Return true when handled. */
  onCharKey(key: string): boolean;
  onEnter(): void;
}

function rowDomId(index: number): string {
  return `issue-row-${index}`;
}

export function IssueGrid(props: IssueGridProps) {
  const { data, selectedIndex, onSelect, sorting, onSortingChange } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = data.total ?? 0;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (total > 0) data.ensureRange(firstIndex, lastIndex);
  }, [data, firstIndex, lastIndex, total]);

  // TanStack sees only the rows on screen (a few dozen, cheap to rebuild each render); sorting is
  // done by the database (manualSorting).
  const visibleRows = items.map((it) => data.rowAt(it.index)).filter((r): r is IssueRow => r !== undefined);
  const table = useTable({
    features: gridFeatures,
    columns: gridColumns,
    data: visibleRows,
    getRowId: (row) => String(row.id),
    manualSorting: true,
    enableMultiSort: true,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) =>
      onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
  });
  const headers = table.getHeaderGroups()[0]!.headers;
  const template = headers.map((h) => `${h.getSize()}px`).join(' ');
  const rowsById = new Map(table.getRowModel().rows.map((r) => [r.id, r]));

  useEffect(() => {
    if (selectedIndex >= 0 && selectedIndex < total) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, total, virtualizer]);

  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 2);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.altKey || e.metaKey) return;
    // Keys on a column header's sort button are that button's (Enter / Space sort).
    if (e.target !== e.currentTarget) return;
    const move = (to: number) => {
      e.preventDefault();
      if (total > 0) onSelect(Math.min(total - 1, Math.max(0, to)));
    };
    const cur = selectedIndex < 0 ? -1 : selectedIndex;
    switch (e.key) {
      case 'ArrowDown':
        return move(cur + 1);
      case 'ArrowUp':
        return move(cur - 1);
      case 'PageDown':
        return move(cur + pageRows);
      case 'PageUp':
        return move(cur - pageRows);
      case 'Home':
        return e.ctrlKey ? move(0) : undefined;
      case 'End':
        return e.ctrlKey ? move(total - 1) : undefined;
      case 'Enter':
        e.preventDefault();
        return props.onEnter();
      default:
        if (!e.ctrlKey && e.key.length === 1 && props.onCharKey(e.key)) e.preventDefault();
        if (!e.ctrlKey && (e.key === 'Delete' || e.key === 'Backspace') && props.onCharKey(e.key)) e.preventDefault();
    }
  }

  return (
    <div
      id="issue-grid"
      className="grid"
      role="grid"
      aria-label="変革課題の一覧"
      aria-rowcount={total + 1}
      aria-colcount={headers.length}
      aria-multiselectable="false"
      aria-activedescendant={selectedIndex >= 0 && data.rowAt(selectedIndex) ? rowDomId(selectedIndex) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      ref={scrollRef}
    >
      <div className="grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {headers.map((h) => {
          const dir = h.column.getIsSorted();
          return (
            <div
              key={h.id}
              role="columnheader"
              aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
              className="grid-cell grid-headcell"
            >
              <button type="button" onClick={h.column.getToggleSortingHandler()} title="クリックまたはEnterで並べ替え (Shiftで複数列)">
                <table.FlexRender header={h} />
                <span className="sort-mark" aria-hidden="true">
                  {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                </span>
              </button>
            </div>
          );
        })}
      </div>
      <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((it) => {
          const row = data.rowAt(it.index);
          const trow = row ? rowsById.get(String(row.id)) : undefined;
          const selected = it.index === selectedIndex;
          return (
            <div
              key={it.key}
              id={rowDomId(it.index)}
              role="row"
              aria-rowindex={it.index + 2}
              aria-selected={selected}
              className={`grid-row${selected ? ' selected' : ''}${row?.rank === null ? ' unranked' : ''}`}
              style={{ transform: `translateY(${it.start - HEADER_HEIGHT}px)`, gridTemplateColumns: template }}
              onMouseDown={() => onSelect(it.index)}
            >
              {trow ? (
                trow.getAllCells().map((cell) => (
                  <div key={cell.id} role="gridcell" className={`grid-cell col-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </div>
                ))
              ) : (
                <div role="gridcell" className="grid-cell loading-cell">
                  読み込み中…
                </div>
              )}
            </div>
          );
        })}
      </div>
      {total === 0 && data.total !== null && <p className="grid-empty">条件に合う課題はありません</p>}
    </div>
  );
}
