// The grid's side of the data: the summary of the filtered set and the selected issue's detail,
// each reloaded when what it depends on changes (an answer that arrives late is dropped).
import { useEffect, useState } from 'react';
import type { IssueDetail, SummaryLine } from '../../../electron/contract/channels';
import { invoke } from '../api/client';
import type { IssueListQuery } from '../features/grid/useIssueWindow';

type IssueFilter = Omit<IssueListQuery, 'sort'>;

export function useSummary(filter: IssueFilter | null, summaryKey: number, onError: (e: unknown) => void) {
  const [summary, setSummary] = useState<SummaryLine[] | null>(null);
  useEffect(() => {
    if (!filter) return;
    let live = true;
    invoke('summary.get', filter)
      .then((s) => live && setSummary(s))
      .catch(onError);
    return () => {
      live = false;
    };
  }, [filter, summaryKey, onError]);
  return [summary, setSummary] as const;
}

/**
 * The selected issue in full; a row not loaded yet (a new sort) keeps the pane as it is, an empty
 * list clears it. Read again when the grid's data is (`dataVersion`: a bulk change, an undo, an
 * import, others' changes), so the pane's rank, 所見 and 変更履歴 follow changes made to many rows.
 */
export function useIssueDetail(selectedId: number | null, roundId: number | null, total: number | null, dataVersion: number, onError: (e: unknown) => void) {
  const [detail, setDetail] = useState<IssueDetail | null>(null);
  useEffect(() => {
    if (selectedId === null || roundId === null) {
      if (total === 0 || roundId === null) setDetail(null);
      return;
    }
    let live = true;
    invoke('issues.get', { issueId: selectedId, roundId })
      .then((d) => live && setDetail(d))
      .catch(onError);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, roundId, dataVersion, onError]);
  return [detail, setDetail] as const;
}
