// What a rank key, a 所見, a paste or a selection does to the data: saved at once through the
// contract, shown in the grid, pane and summary, made undoable (one Ctrl+Z per change, a bulk
// change included), and described on the status line. Undo and redo say what they changed and
// bring that issue into view.
import { startTransition, useCallback, useMemo, useRef, type Dispatch, type SetStateAction } from 'react';
import type { BulkResult, ChangeResult, IssueDetail, IssueRow, SummaryLine } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { moveRank } from '../../app/summary-math';
import type { IssueListQuery, IssueWindow } from '../grid/useIssueWindow';
import { count, type Selection } from '../grid/selection';
import { describeUndo, useUndo, type UndoOutcome } from '../undo/useUndo';

export interface RankActionDeps {
  data: IssueWindow;
  query: IssueListQuery | null;
  roundId: number | null;
  selection: Selection;
  selectedRow: IssueRow | undefined;
  detail: IssueDetail | null;
  setDetail: Dispatch<SetStateAction<IssueDetail | null>>;
  setSummary: Dispatch<SetStateAction<SummaryLine[] | null>>;
  setSummaryKey: Dispatch<SetStateAction<number>>;
  reloadData(): void;
  select(index: number): void;
  setStatus(message: string): void;
  setError(message: string | null): void;
  onError(e: unknown): void;
}

export function useRankActions(d: RankActionDeps) {
  const { data, query, roundId, selection, selectedRow, detail, setDetail, setSummary, setSummaryKey, reloadData, select, setStatus, setError, onError } = d;

  const applyRow = useCallback(
    (saved: IssueRow, pane = true) => {
      const before = data.rowAt(data.indexOf(saved.id));
      // A saved row comes without the 指摘 count (the list adds it): keep the one shown.
      const row = saved.findings === undefined && before?.findings !== undefined ? { ...saved, findings: before.findings } : saved;
      data.replaceRow(row);
      if (pane) setDetail((x) => (x && x.id === row.id ? { ...x, ...row } : x));
      // The row is in the current filter, so its rank change moves one count of the summary;
      // no need to ask the database to count everything again after each key press.
      if (!before) setSummaryKey((k) => k + 1);
      else if (before.rank !== row.rank || before.carried !== row.carried) {
        setSummary((s) => s && moveRank(s, row.level, before.rank, row.rank, Number(row.carried) - Number(before.carried)));
      }
    },
    [data, setDetail, setSummary, setSummaryKey],
  );

  /** After an undo or redo: say what changed and bring that issue into view. */
  const undone = useCallback(
    (row: IssueRow | null, outcome: UndoOutcome) => {
      if (row) applyRow(row);
      else reloadData();
      const text = describeUndo(outcome);
      setStatus(text);
      setError(null);
      if (!query) return;
      invoke('issues.position', { ...query, issueId: outcome.entry.issueId })
        .then(({ index }) => {
          if (index >= 0) select(index);
          else setStatus(`${text} (今の絞り込みでは表示されていません)`);
        })
        .catch(onError);
    },
    [applyRow, reloadData, query, select, setStatus, setError, onError],
  );
  const undo = useUndo(undone, setStatus, onError);
  const { record, track } = undo;

  /** Applies a saved change to the grid, panel and summary, and makes it undoable. */
  const saved = useCallback(
    (change: Promise<ChangeResult>, field: 'rank' | 'comment', before: string | null, describe: (key: string) => string) => {
      change
        .then((res) => {
          applyRow(res.row);
          const after = field === 'rank' ? res.row.rank : res.row.comment;
          record({ auditId: res.auditId, kind: 'one', field, issueId: res.row.id, key: res.row.key, before, after, count: 1 });
          setStatus(describe(res.row.key));
          setError(null);
        })
        .catch(onError);
    },
    [applyRow, record, setStatus, setError, onError],
  );

  /** After a bulk change (paste, or the selected rows): one audited change, one Ctrl+Z. */
  const bulkDone = useCallback(
    (field: 'rank' | 'comment', res: BulkResult, first: { id: number; key: string }) => {
      record({ auditId: res.auditId, kind: 'many', field, issueId: first.id, key: first.key, before: null, after: null, count: res.changed });
      reloadData();
      const label = field === 'rank' ? 'ランク' : '所見';
      const same = res.unchanged ? ` (${res.unchanged.toLocaleString('ja-JP')} 件は同じ値のため変更なし)` : '';
      setStatus(`${res.changed.toLocaleString('ja-JP')} 件の${label}を変更しました${same}。Ctrl+Zで元に戻せます`);
      setError(null);
    },
    [record, reloadData, setStatus, setError],
  );

  /** A paste: its own value per issue. */
  const applyPaste = useCallback(
    (field: 'rank' | 'comment', items: { issueId: number; value: string | null }[]) => {
      if (roundId === null || items.length === 0) return;
      invoke('evaluations.setMany', { roundId, field, items })
        .then((res) => bulkDone(field, res, selectedRow ? { id: selectedRow.id, key: selectedRow.key } : { id: items[0]!.issueId, key: '' }))
        .catch(onError);
    },
    [roundId, selectedRow, bulkDone, onError],
  );

  /** One value for every selected row: the server resolves the rows from their places in the grid. */
  const applyToSelection = useCallback(
    (field: 'rank' | 'comment', value: string | null) => {
      if (!query || !selectedRow) return;
      invoke('evaluations.setSelected', { query, ranges: selection.ranges.map(([a, b]) => [a, b] as [number, number]), field, value })
        .then((res) => bulkDone(field, res, { id: selectedRow.id, key: selectedRow.key }))
        .catch(onError);
    },
    [query, selection, selectedRow, bulkDone, onError],
  );

  /** The latest rank request per issue: an earlier answer arriving late neither shows nor rolls back. */
  const rankRequests = useRef(new Map<number, number>());
  const setRank = useCallback(
    (rank: string | null) => {
      if (!selectedRow || roundId === null) return;
      if (count(selection) > 1) return applyToSelection('rank', rank);
      // Shown at once (a rank key must feel like typing into Excel): the grid, pane and summary
      // take the new rank before the write answers; the saved row (更新者, 更新日時) replaces it,
      // and a refused write (a round locked meanwhile, another PC…) puts the row back and says why.
      const before = selectedRow;
      const seq = (rankRequests.current.get(before.id) ?? 0) + 1;
      rankRequests.current.set(before.id, seq);
      const latest = () => rankRequests.current.get(before.id) === seq;
      // The pane (its rank buttons, histories, sync info) follows the saved row: it reloads its
      // histories once per change, not once for the shown and again for the saved row.
      applyRow({ ...before, rank, carried: false }, false);
      const write = invoke('evaluations.setRank', { issueId: before.id, roundId, rank })
        .then((res) => {
          // Not urgent (the rank is on screen already): rendered as a transition, so that the
          // pane and its histories never hold up the frame that shows the next key press.
          if (latest()) startTransition(() => applyRow(res.row));
          record({ auditId: res.auditId, kind: 'one', field: 'rank', issueId: res.row.id, key: res.row.key, before: before.rank, after: res.row.rank, count: 1 });
          setStatus(`${res.row.key} のランクを ${rank ?? '未評価'} にしました`);
          setError(null);
        })
        .catch((e: unknown) => {
          if (latest()) applyRow(before, false);
          onError(e);
        });
      track(write);
    },
    [selectedRow, roundId, selection, applyToSelection, applyRow, record, track, setStatus, setError, onError],
  );

  const setComment = useCallback(
    (comment: string) => {
      if (!detail || roundId === null) return;
      saved(invoke('evaluations.setComment', { issueId: detail.id, roundId, comment }), 'comment', detail.comment, (key) => `${key} の所見を保存しました`);
    },
    [detail, roundId, saved],
  );

  const bulkComment = useCallback((comment: string) => applyToSelection('comment', comment), [applyToSelection]);

  return useMemo(() => ({ setRank, setComment, bulkComment, applyPaste, undo }), [setRank, setComment, bulkComment, applyPaste, undo]);
}
