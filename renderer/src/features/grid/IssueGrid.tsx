// The ranking grid: a keyboard-first, virtualized ARIA grid over the issues of the current
// filter. Rows come page by page (useIssueWindow); TanStack Table owns columns (sizes, order,
// visibility, pinning) and sort state. Selection, clipboard and menus live in the caller.
import { useTable, type ColumnOrderState, type ColumnPinningState, type ColumnSizingState, type SortingState, type Updater, type ColumnVisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { IssueRow } from '../../../../electron/contract/channels';
import { highlight } from '../../lib/highlight';
import { cellText, FLEX_COLUMN, gridColumns, gridFeatures, PINNED, renderCell, SEARCHED } from './columns';
import { ConflictBadge } from '../sync/ConflictBadge';
import { GridHeader } from './GridHeader';
import type { GridPrefs } from './grid-prefs';
import { isSelected, type Selection } from './selection';
import type { IssueWindow } from './useIssueWindow';

const ROW_HEIGHT = 26;
/** Height of the sticky header row: the rows start below it and it covers the top of the view. */
const HEADER_HEIGHT = 28;
/** Room for a horizontal scrollbar at the bottom of the grid. */
const SCROLLBAR = 18;

export type SelectHow = 'single' | 'extend' | 'toggle' | 'extend-keep';

export interface IssueGridProps {
  data: IssueWindow;
  /** The cursor row (the one the reading pane shows). */
  active: number;
  selection: Selection;
  onSelect(index: number, how: SelectHow): void;
  onSelectAll(): void;
  sorting: SortingState;
  onSortingChange(next: SortingState): void;
  prefs: GridPrefs;
  onPrefsChange(next: GridPrefs): void;
  /** The cell cursor's column (←→), or null when whole rows are the unit. */
  activeColumn: string | null;
  onActiveColumn(id: string | null): void;
  /** Search terms to mark in the text columns. */
  marks: RegExp | null;
  /** A printable key pressed on the grid (rank shortcuts). Return true when handled. */
  onCharKey(key: string): boolean;
  onEnter(): void;
  onContextMenu(x: number, y: number): void;
  onCopy(e: ClipboardEvent<HTMLDivElement>): void;
  onPaste(e: ClipboardEvent<HTMLDivElement>): void;
}

function rowDomId(index: number): string {
  return `issue-row-${index}`;
}

/** Memoised: the grid renders again only when its own inputs change, not on every summary or detail update. */
export const IssueGrid = memo(function IssueGrid(props: IssueGridProps) {
  const { data, active, selection, onSelect, sorting, onSortingChange, prefs, onPrefsChange, activeColumn, marks } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = data.total ?? 0;
  const wrap = prefs.wrap;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  useEffect(() => virtualizer.measure(), [wrap, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (total > 0) data.ensureRange(firstIndex, lastIndex);
  }, [data, firstIndex, lastIndex, total]);

  // The user's layout as TanStack state; 局名/番号 are always pinned to the start.
  const state = useMemo(
    () => ({
      sorting,
      columnSizing: prefs.sizing as ColumnSizingState,
      columnVisibility: Object.fromEntries(prefs.hidden.map((id) => [id, false])) as ColumnVisibilityState,
      columnOrder: prefs.order as ColumnOrderState,
      columnPinning: { start: PINNED, end: [] } as ColumnPinningState,
    }),
    [sorting, prefs],
  );

  // TanStack owns the columns (sizes, order, visibility, pinning) and the sort state; the rows on
  // screen are drawn by GridRow from the loaded pages, each memoised, so an edit or a page that
  // arrives re-renders only the rows that changed. Sorting is done by the database (manualSorting).
  // One row for TanStack's first sort direction per column (ascending for text, as before).
  const firstRow = data.rowAt(firstIndex);
  const sample = useMemo(() => (firstRow ? [firstRow] : NO_ROWS), [firstRow]);
  const table = useTable({
    features: gridFeatures,
    columns: gridColumns,
    data: sample,
    getRowId: (row) => String(row.id),
    manualSorting: true,
    enableMultiSort: true,
    state,
    onSortingChange: (updater: Updater<SortingState>) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
  });
  const headers = table.getHeaderGroups()[0]!.headers;
  // 課題名 takes the room left over unless the user has given it a width.
  const template = headers
    .map((h) => (h.column.id === FLEX_COLUMN && prefs.sizing[FLEX_COLUMN] === undefined ? `minmax(${h.getSize()}px, 1fr)` : `${h.getSize()}px`))
    .join(' ');
  // Rows are as wide as the grid, or as the columns need when they need more (then it scrolls
  // sideways with 局名/番号 pinned); a 1fr track inside a max-content row would grow to the
  // longest title.
  const minWidth = headers.reduce((w, h) => w + h.getSize(), 0);
  const stickyStart = (id: string): number | undefined => (PINNED.includes(id) ? table.getColumn(id)?.getStart('start') : undefined);
  // The visible columns and the pinned ones' offsets, as one value that changes only with the layout.
  const cellsKey = headers.map((h) => `${h.column.id}:${stickyStart(h.column.id) ?? ''}`).join('|');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const cells = useMemo<GridCellSpec[]>(() => headers.map((h) => ({ id: h.column.id, left: stickyStart(h.column.id) })), [cellsKey]);

  useEffect(() => {
    if (active < 0 || active >= total) return;
    // Scrolling reads the element's scroll range, which forces a layout of the page: skip it when
    // the row is already wholly in view by the virtualizer's own figures (every filter change
    // selects the first row, which usually is).
    const item = virtualizer.measurementsCache[active];
    const top = virtualizer.scrollOffset;
    const height = virtualizer.scrollRect?.height;
    if (item && top !== null && height !== undefined && item.start >= top + HEADER_HEIGHT && item.end <= top + height - SCROLLBAR) return;
    virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, total, virtualizer]);

  // The cell under the cursor (←→) shows its whole text below it when it is cut off, as hovering does.
  const [peek, setPeek] = useState<{ text: string; left: number; top: number; width: number } | null>(null);
  const activeRowId = data.rowAt(active)?.id;
  useLayoutEffect(() => {
    const grid = scrollRef.current;
    const cell = grid?.querySelector<HTMLElement>('.grid-row.active .grid-cell.cursor');
    if (!grid || !cell || cell.scrollWidth <= cell.clientWidth + 1) {
      setPeek(null);
      return;
    }
    const g = grid.getBoundingClientRect();
    const c = cell.getBoundingClientRect();
    setPeek({ text: cell.getAttribute('title') ?? '', left: c.left - g.left, top: c.bottom - g.top, width: Math.max(c.width, 280) });
  }, [activeColumn, active, activeRowId, prefs]);

  // Read when PageUp/PageDown asks, not during every render: a size read there forces a layout.
  const pageRows = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 2);
  const columnIds = headers.map((h) => h.column.id);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.altKey || e.metaKey) return;
    // Keys on a column header's sort button are that button's (Enter / Space sort).
    if (e.target !== e.currentTarget) return;
    const move = (to: number) => {
      e.preventDefault();
      if (total > 0) onSelect(Math.min(total - 1, Math.max(0, to)), e.shiftKey ? 'extend' : 'single');
    };
    const moveColumn = (step: number) => {
      e.preventDefault();
      const at = activeColumn === null ? (step > 0 ? -1 : columnIds.length) : columnIds.indexOf(activeColumn);
      props.onActiveColumn(columnIds[Math.min(columnIds.length - 1, Math.max(0, at + step))] ?? null);
    };
    const cur = active < 0 ? -1 : active;
    if (e.ctrlKey && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      return props.onSelectAll();
    }
    if ((e.shiftKey && e.key === 'F10') || e.key === 'ContextMenu') {
      e.preventDefault();
      const el = document.getElementById(rowDomId(active));
      const box = (el ?? e.currentTarget).getBoundingClientRect();
      return props.onContextMenu(box.left + 40, box.top + box.height);
    }
    switch (e.key) {
      case 'ArrowDown':
        return move(cur + 1);
      case 'ArrowUp':
        return move(cur - 1);
      case 'ArrowRight':
        return moveColumn(1);
      case 'ArrowLeft':
        return moveColumn(-1);
      case 'PageDown':
        return move(cur + pageRows());
      case 'PageUp':
        return move(cur - pageRows());
      case 'Home':
        return e.ctrlKey ? move(0) : undefined;
      case 'End':
        return e.ctrlKey ? move(total - 1) : undefined;
      case 'Escape':
        if (activeColumn !== null) props.onActiveColumn(null);
        return onSelect(cur, 'single');
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
      className={`grid${wrap ? ' wrap' : ''}`}
      role="grid"
      aria-label="変革課題の一覧"
      aria-rowcount={total + 1}
      aria-colcount={headers.length}
      aria-multiselectable="true"
      aria-activedescendant={active >= 0 && data.rowAt(active) ? rowDomId(active) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onCopy={props.onCopy}
      onPaste={props.onPaste}
      onContextMenu={(e) => {
        e.preventDefault();
        props.onContextMenu(e.clientX, e.clientY);
      }}
      ref={scrollRef}
    >
      <GridHeader headers={headers} template={template} minWidth={minWidth} prefs={prefs} onPrefsChange={onPrefsChange} stickyStart={stickyStart} FlexRender={table.FlexRender} />
      <div className="grid-body" style={{ height: virtualizer.getTotalSize(), minWidth }}>
        {items.map((it) => {
          const isActive = it.index === active;
          return (
            <GridRow
              key={it.key}
              index={it.index}
              top={it.start - HEADER_HEIGHT}
              row={data.rowAt(it.index)}
              selected={isSelected(selection, it.index)}
              active={isActive}
              cursorColumn={isActive ? activeColumn : null}
              cellMode={activeColumn !== null}
              cells={cells}
              template={template}
              minWidth={minWidth}
              marks={marks}
              measure={wrap ? virtualizer.measureElement : undefined}
              onSelect={onSelect}
              onActiveColumn={props.onActiveColumn}
            />
          );
        })}
      </div>
      {total === 0 && data.total !== null && <p className="grid-empty">条件に合う課題はありません</p>}
      {peek && (
        <div className="cell-peek" role="tooltip" style={{ left: peek.left + (scrollRef.current?.scrollLeft ?? 0), top: peek.top + (scrollRef.current?.scrollTop ?? 0), maxWidth: Math.max(peek.width, 360) }}>
          {peek.text}
        </div>
      )}
    </div>
  );
});

const NO_ROWS: IssueRow[] = [];

interface GridCellSpec {
  id: string;
  /** Offset of a pinned column (局名, 番号), undefined for the others. */
  left: number | undefined;
}

interface GridRowProps {
  index: number;
  top: number;
  row: IssueRow | undefined;
  selected: boolean;
  active: boolean;
  /** The cell cursor's column on the active row (null on the others). */
  cursorColumn: string | null;
  /** The cell cursor is on (←→): a click on a cell moves it there. */
  cellMode: boolean;
  cells: GridCellSpec[];
  template: string;
  minWidth: number;
  marks: RegExp | null;
  measure: ((el: Element | null) => void) | undefined;
  onSelect(index: number, how: SelectHow): void;
  onActiveColumn(id: string | null): void;
}

/**
 * One row of the grid. Memoised on its own inputs: a rank key re-renders the one row it changed
 * (the others keep their row objects), a scroll only the rows that came into view.
 */
const GridRow = memo(function GridRow({ index, top, row, selected, active, cursorColumn, cellMode, cells, template, minWidth, marks, measure, onSelect, onActiveColumn }: GridRowProps) {
  const onMouseDown = (e: MouseEvent) => {
    if (e.button === 2 && selected) return; // right-click keeps the selection it acts on
    if (e.shiftKey) e.preventDefault(); // no text selection on Shift+click
    onSelect(index, e.shiftKey && e.ctrlKey ? 'extend-keep' : e.shiftKey ? 'extend' : e.ctrlKey || e.metaKey ? 'toggle' : 'single');
  };
  return (
    <div
      id={rowDomId(index)}
      data-index={index}
      ref={measure}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`grid-row${selected ? ' selected' : ''}${active ? ' active' : ''}${row?.rank === null ? ' unranked' : ''}`}
      style={{ transform: `translateY(${top}px)`, gridTemplateColumns: template, minWidth }}
      onMouseDown={onMouseDown}
    >
      {row ? (
        cells.map(({ id, left }) => {
          const text = cellText(row, id);
          const cursor = cursorColumn === id;
          return (
            <div
              key={id}
              role="gridcell"
              title={text}
              aria-selected={cursor ? true : undefined}
              className={`grid-cell col-${id}${left !== undefined ? ' pinned' : ''}${cursor ? ' cursor' : ''}`}
              style={left !== undefined ? { left } : undefined}
              onMouseDown={(e) => {
                if (e.button === 0 && !e.shiftKey && !e.ctrlKey) onActiveColumn(cellMode ? id : null);
              }}
            >
              {SEARCHED.has(id) && marks ? (
                <>
                  {highlight(text, marks)}
                  {id === 'title' && <ConflictBadge issueId={row.id} />}
                </>
              ) : (
                renderCell(row, id)
              )}
            </div>
          );
        })
      ) : (
        // Not loaded yet: the same cells, empty (課題名 says so), so the row that arrives fills
        // them in place instead of building every cell of the screen anew (a filter change).
        cells.map(({ id, left }) => (
          <div key={id} role="gridcell" className={`grid-cell col-${id} loading-cell${left !== undefined ? ' pinned' : ''}`} style={left !== undefined ? { left } : undefined}>
            {id === FLEX_COLUMN ? '読み込み中…' : ''}
          </div>
        ))
      )}
    </div>
  );
});
