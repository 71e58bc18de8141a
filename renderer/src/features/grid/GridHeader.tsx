// The grid's header row: sort on click (Shift for several columns), widen or narrow a column by
// dragging its right edge (double-click: back to its default width), reorder by dragging a
// header onto another. 局名/番号 stay pinned at the start.
import type { Header } from '@tanstack/react-table';
import type { ComponentType, PointerEvent as ReactPointerEvent } from 'react';
import type { IssueRow } from '../../../../electron/contract/channels';
import type { gridFeatures } from './columns';
import { PINNED } from './columns';
import type { GridPrefs } from './grid-prefs';
import { moveColumn, orderedIds } from './column-layout';

type GridHeaderCell = Header<typeof gridFeatures, IssueRow, unknown>;

export interface GridHeaderProps {
  headers: GridHeaderCell[];
  template: string;
  minWidth: number;
  prefs: GridPrefs;
  onPrefsChange(next: GridPrefs): void;
  stickyStart(id: string): number | undefined;
  FlexRender: ComponentType<{ header: GridHeaderCell }>;
}

export function GridHeader({ headers, template, minWidth, prefs, onPrefsChange, stickyStart, FlexRender }: GridHeaderProps) {
  const startResize = (h: GridHeaderCell) => (e: ReactPointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startSize = h.getSize();
    const min = h.column.columnDef.minSize ?? 30;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    let latest = prefs;
    const onMove = (ev: PointerEvent) => {
      latest = { ...prefs, sizing: { ...prefs.sizing, [h.column.id]: Math.max(min, Math.round(startSize + ev.clientX - startX)) } };
      onPrefsChange(latest);
    };
    const onUp = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerup', onUp);
      onPrefsChange(latest);
    };
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerup', onUp);
  };

  return (
    <div className="grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, minWidth }}>
      {headers.map((h) => {
        const id = h.column.id;
        const dir = h.column.getIsSorted();
        const left = stickyStart(id);
        const pinned = PINNED.includes(id);
        return (
          <div
            key={h.id}
            role="columnheader"
            aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
            className={`grid-cell grid-headcell${left !== undefined ? ' pinned' : ''}`}
            style={left !== undefined ? { left } : undefined}
            draggable={!pinned}
            onDragStart={(e) => {
              e.dataTransfer.setData('application/x-xpw-column', id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (!pinned && e.dataTransfer.types.includes('application/x-xpw-column')) e.preventDefault();
            }}
            onDrop={(e) => {
              const from = e.dataTransfer.getData('application/x-xpw-column');
              if (!from || from === id || pinned) return;
              e.preventDefault();
              e.stopPropagation();
              onPrefsChange({ ...prefs, order: moveColumn(orderedIds(prefs.order), from, id) });
            }}
          >
            <button type="button" onClick={h.column.getToggleSortingHandler()} title="クリックまたはEnterで並べ替え (Shiftで複数列)。ドラッグで列の順序を変更">
              <FlexRender header={h} />
              <span className="sort-mark" aria-hidden="true">
                {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
              </span>
            </button>
            <span
              className="col-resizer"
              aria-hidden="true"
              title="ドラッグで列の幅を変更 (ダブルクリックで元の幅)"
              onPointerDown={startResize(h)}
              onDoubleClick={() => {
                const sizing = { ...prefs.sizing };
                delete sizing[id];
                onPrefsChange({ ...prefs, sizing });
              }}
            />
          </div>
        );
      })}
    </div>
  );
}
