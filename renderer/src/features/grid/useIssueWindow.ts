// Loads the grid's rows page by page from the contract: the grid knows the total and asks only
// for the pages its viewport shows, so 100,000 issues cost what a screenful costs.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Input, IssueRow } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';

export const PAGE_SIZE = 200;

export type IssueListQuery = Omit<Input<'issues.list'>, 'offset' | 'limit'>;

export interface IssueWindow {
  total: number | null;
  loading: boolean;
  rowAt(index: number): IssueRow | undefined;
  ensureRange(start: number, end: number): void;
  replaceRow(row: IssueRow): void;
  /** Index of an issue among the loaded pages, if loaded. */
  indexOf(issueId: number): number;
  /** The rows at these indexes, loading the pages not loaded yet (a copy or paste of many rows). */
  fetchRows(indexes: number[]): Promise<{ index: number; row: IssueRow }[]>;
  /** Changes whenever the loaded rows change. */
  version: number;
}

export function useIssueWindow(query: IssueListQuery | null, refreshKey: number, onError: (e: unknown) => void): IssueWindow {
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const pages = useRef(new Map<number, IssueRow[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const queryKey = query ? JSON.stringify(query) : '';

  const loadPage = useCallback(
    (page: number, gen: number): void => {
      if (!query || pages.current.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      setLoading(true);
      invoke('issues.list', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((res) => {
          if (gen !== generation.current) return;
          pages.current.set(page, res.rows);
          if (res.total !== null) setTotal(res.total);
          setTick((t) => t + 1);
        })
        .catch((e: unknown) => {
          if (gen === generation.current) onError(e);
        })
        .finally(() => {
          pending.current.delete(page);
          if (gen === generation.current) setLoading(pending.current.size > 0);
        });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryKey],
  );

  // The pages on screen, so a data change (a bulk change far down the list) reloads them at once
  // instead of waiting for the first page.
  const shown = useRef<[number, number]>([0, 0]);
  const lastQuery = useRef(queryKey);

  // A new query or a data change: drop the cache and start from the first page (and, for a data
  // change of the same query, the pages on screen).
  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    pending.current = new Set();
    loadPage(0, generation.current);
    if (lastQuery.current === queryKey) for (let p = shown.current[0]; p <= shown.current[1]; p++) loadPage(p, generation.current);
    lastQuery.current = queryKey;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadPage, refreshKey]);

  const ensureRange = useCallback(
    (start: number, end: number) => {
      const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, end) / PAGE_SIZE);
      shown.current = [first, last];
      for (let p = first; p <= last; p++) loadPage(p, generation.current);
    },
    [loadPage],
  );

  const rowAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  const replaceRow = useCallback((row: IssueRow) => {
    for (const rows of pages.current.values()) {
      const i = rows.findIndex((r) => r.id === row.id);
      if (i >= 0) rows[i] = row;
    }
    setTick((t) => t + 1);
  }, []);

  const indexOf = useCallback((issueId: number) => {
    for (const [page, rows] of pages.current) {
      const i = rows.findIndex((r) => r.id === issueId);
      if (i >= 0) return page * PAGE_SIZE + i;
    }
    return -1;
  }, []);

  const fetchRows = useCallback(
    async (indexes: number[]) => {
      const gen = generation.current;
      const missing = [...new Set(indexes.map((i) => Math.floor(i / PAGE_SIZE)))].filter((p) => !pages.current.has(p));
      if (query) {
        // Large pages (the contract allows 2,000 rows) for what the viewport never loaded.
        const BIG = 2000;
        const big = [...new Set(missing.map((p) => Math.floor((p * PAGE_SIZE) / BIG)))];
        for (const b of big) {
          const res = await invoke('issues.list', { ...query, offset: b * BIG, limit: BIG });
          if (gen !== generation.current) break;
          for (let k = 0; k < BIG / PAGE_SIZE; k++) {
            const rows = res.rows.slice(k * PAGE_SIZE, (k + 1) * PAGE_SIZE);
            if (rows.length) pages.current.set((b * BIG) / PAGE_SIZE + k, rows);
          }
        }
      }
      return indexes.flatMap((index) => {
        const row = pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
        return row ? [{ index, row }] : [];
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryKey],
  );

  // A new object only when what it shows changed (a page arrived, a row was replaced), so the
  // grid can skip rendering when other parts of the screen (summary, detail) update.
  return useMemo(
    () => ({ total, loading, rowAt, ensureRange, replaceRow, indexOf, fetchRows, version: tick }),
    [total, loading, rowAt, ensureRange, replaceRow, indexOf, fetchRows, tick],
  );
}
