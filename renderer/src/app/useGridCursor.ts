// The grid's cursor (the row the pane shows) and its selection of rows. A new sort keeps the
// selected issue selected and in view (found by the database in the new order); a new filter
// starts at the top.
import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '../api/client';
import type { SelectHow } from '../features/grid/IssueGrid';
import { all as selectAll, extendTo, single, toggle, type Selection } from '../features/grid/selection';
import type { IssueListQuery, IssueWindow } from '../features/grid/useIssueWindow';

export function useGridCursor(filter: object | null, query: IssueListQuery | null, data: IssueWindow, onError: (e: unknown) => void) {
  const [selectedIndex, setSelectedIndex] = useState(0);
  const [selection, setSelection] = useState<Selection>(() => single(0));

  /** Moves the cursor (and a one-row selection) to `index`. */
  const select = useCallback((index: number) => {
    setSelectedIndex(index);
    setSelection(single(index));
  }, []);
  const selectedIdRef = useRef<number | null>(null);
  const lastFilter = useRef(filter);
  useEffect(() => {
    const id = selectedIdRef.current;
    const sortOnly = lastFilter.current === filter;
    lastFilter.current = filter;
    if (!sortOnly || id === null || !query) return select(0);
    let live = true;
    invoke('issues.position', { ...query, issueId: id })
      .then(({ index }) => live && select(Math.max(0, index)))
      .catch(onError);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  const selectedRow = data.rowAt(selectedIndex);
  if (selectedRow) selectedIdRef.current = selectedRow.id;

  const onSelect = useCallback((index: number, how: SelectHow) => {
    setSelectedIndex(index);
    setSelection((s) => (how === 'single' ? single(index) : how === 'toggle' ? toggle(s, index) : extendTo(s, index, how === 'extend-keep')));
  }, []);
  const total = data.total ?? 0;
  const onSelectAll = useCallback(() => setSelection(selectAll(total)), [total]);

  return { selectedIndex, selection, selectedRow, select, onSelect, onSelectAll };
}
