// Ctrl+C / Ctrl+V on the grid, Excel's way: copy the selected rows (or, with the cell cursor on
// a column, that column's cells) as TSV and an HTML table; paste a column of ranks or 所見 into
// the selected rows after a confirmation (PasteDialog).
import { useCallback, useState, type ClipboardEvent } from 'react';
import type { Round } from '../../../../electron/contract/channels';
import { cellText } from '../grid/columns';
import { orderedIds } from '../grid/column-layout';
import { parseTsv, toHtmlTable, toTsv } from '../grid/clipboard';
import type { GridPrefs } from '../grid/grid-prefs';
import { guessField, pasteTargets, planPaste, type PasteField, type PastePlan } from '../grid/paste-plan';
import { count, indexes, type Selection } from '../grid/selection';
import type { IssueWindow } from '../grid/useIssueWindow';

/** Copies of more rows than this are refused (the clipboard of an office PC is no place for 100,000 rows). */
const MAX_COPY = 20_000;

export interface PasteState {
  values: string[];
  rows: { index: number; row: import('../../../../electron/contract/channels').IssueRow }[];
  plan: PastePlan;
}

export interface ClipboardDeps {
  data: IssueWindow;
  selection: Selection;
  activeColumn: string | null;
  prefs: GridPrefs;
  round: Round | null;
  onStatus(message: string): void;
  onError(e: unknown): void;
}

export function useGridClipboard({ data, selection, activeColumn, prefs, round, onStatus, onError }: ClipboardDeps) {
  const [paste, setPaste] = useState<PasteState | null>(null);

  /** The cells to copy: the visible columns in the user's order, or the cursor's column. */
  const copyColumns = useCallback(
    () => (activeColumn ? [activeColumn] : orderedIds(prefs.order).filter((id) => !prefs.hidden.includes(id))),
    [activeColumn, prefs],
  );

  const table = useCallback(
    (rows: { row: import('../../../../electron/contract/channels').IssueRow }[]) => {
      const cols = copyColumns();
      const cells = rows.map(({ row }) => cols.map((c) => cellText(row, c)));
      return { tsv: toTsv(cells), html: toHtmlTable(cells), n: rows.length };
    },
    [copyColumns],
  );

  const said = useCallback((n: number) => onStatus(`${n.toLocaleString('ja-JP')} 行をコピーしました (Excelに貼り付けられます)`), [onStatus]);

  /** The copy for the menu (no clipboard event): the asynchronous clipboard API. */
  const copyAsync = useCallback(async () => {
    const n = count(selection);
    if (n === 0) return;
    if (n > MAX_COPY) return onStatus(`コピーできるのは ${MAX_COPY.toLocaleString('ja-JP')} 行までです (選択 ${n.toLocaleString('ja-JP')} 行)`);
    try {
      const t = table(await data.fetchRows(indexes(selection)));
      await navigator.clipboard.write([
        new ClipboardItem({ 'text/plain': new Blob([t.tsv], { type: 'text/plain' }), 'text/html': new Blob([t.html], { type: 'text/html' }) }),
      ]);
      said(t.n);
    } catch (e) {
      onError(e);
    }
  }, [selection, data, table, said, onStatus, onError]);

  /** Ctrl+C: the loaded rows go straight into the event; rows not loaded yet are fetched first. */
  const onCopy = useCallback(
    (e: ClipboardEvent<HTMLDivElement>) => {
      const list = indexes(selection);
      if (list.length === 0) return;
      e.preventDefault();
      const loaded = list.map((index) => ({ index, row: data.rowAt(index) }));
      if (loaded.every((r) => r.row)) {
        const t = table(loaded as { index: number; row: NonNullable<(typeof loaded)[0]['row']> }[]);
        e.clipboardData.setData('text/plain', t.tsv);
        e.clipboardData.setData('text/html', t.html);
        said(t.n);
      } else void copyAsync();
    },
    [selection, data, table, said, copyAsync],
  );

  const plan = useCallback(
    (field: PasteField, values: string[], rows: PasteState['rows']): PastePlan => planPaste(field, round?.ranks ?? [], values, rows),
    [round],
  );

  /** Lays pasted text onto the selected rows and asks for confirmation. */
  const startPaste = useCallback(
    async (text: string) => {
      if (!round) return;
      if (round.lockedAt) return onStatus(`評価回 ${round.label} はロックされているため貼り付けられません`);
      // The first column of what was copied (a column of ranks or 所見 from Excel).
      const values = parseTsv(text).map((r) => r[0] ?? '');
      while (values.length > 1 && values.at(-1)!.trim() === '') values.pop();
      const selected = indexes(selection);
      const targets = pasteTargets(selected, values.length, data.total ?? 0);
      if (!targets) {
        return onStatus(
          values.length === 0
            ? '貼り付ける値がありません'
            : `貼り付ける値は ${values.length} 行、選択している行は ${selected.length} 行です。同じ数の行を選ぶか、先頭の1行だけを選んで貼り付けてください`,
        );
      }
      try {
        const rows = await data.fetchRows(targets);
        const field: PasteField = activeColumn === 'rank' || activeColumn === 'comment' ? activeColumn : guessField(round.ranks, values);
        setPaste({ values, rows, plan: plan(field, values, rows) });
      } catch (e) {
        onError(e);
      }
    },
    [round, selection, data, activeColumn, plan, onStatus, onError],
  );

  const onPaste = useCallback(
    (e: ClipboardEvent<HTMLDivElement>) => {
      const text = e.clipboardData.getData('text/plain');
      e.preventDefault();
      void startPaste(text);
    },
    [startPaste],
  );

  const pasteFromMenu = useCallback(async () => {
    try {
      await startPaste(await navigator.clipboard.readText());
    } catch (e) {
      onError(e);
    }
  }, [startPaste, onError]);

  const switchField = useCallback((field: PasteField) => setPaste((p) => p && { ...p, plan: plan(field, p.values, p.rows) }), [plan]);

  return { onCopy, onPaste, copyAsync, pasteFromMenu, paste, switchField, closePaste: useCallback(() => setPaste(null), []) };
}
