// Ctrl+Z / Ctrl+Y: a stack of audited changes. Undo reverts one on the server (which refuses
// when someone changed the value since); redo is the undo of that undo. Each entry remembers
// what it changed, so the status line can say what was undone (課題, 項目, before → after) and
// the grid can bring that issue into view.
import { useCallback, useMemo, useRef } from 'react';
import type { IssueRow } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';

export type UndoField = 'rank' | 'comment';

export interface UndoEntry {
  auditId: number;
  /** One issue's change, or a bulk change (paste, rank for the selected rows). */
  kind: 'one' | 'many';
  field: UndoField;
  /** The issue to bring into view (the first of a bulk change). */
  issueId: number;
  key: string;
  before: string | null;
  after: string | null;
  /** Rows a bulk change wrote. */
  count: number;
}

export interface UndoOutcome {
  direction: 'undo' | 'redo';
  entry: UndoEntry;
  /** Rows of a bulk change that were changed by someone since and left as they are. */
  skipped: number;
}

const FIELD = { rank: 'ランク', comment: '所見' } as const;
const shown = (field: UndoField, v: string | null): string => {
  if (field === 'rank') return v ?? '未評価';
  if (!v) return '(空)';
  return v.length > 20 ? `「${v.slice(0, 19)}…」` : `「${v}」`;
};

/** "元に戻しました: 会計-A-1 のランク 1 → 3" (what the value was → what it is again). */
export function describeUndo({ direction, entry, skipped }: UndoOutcome): string {
  const verb = direction === 'undo' ? '元に戻しました' : 'やり直しました';
  const [from, to] = direction === 'undo' ? [entry.after, entry.before] : [entry.before, entry.after];
  const what =
    entry.kind === 'one'
      ? `${entry.key} の${FIELD[entry.field]} ${shown(entry.field, from)} → ${shown(entry.field, to)}`
      : `${entry.count.toLocaleString('ja-JP')} 件の${FIELD[entry.field]} (一括変更、${entry.key} ほか)`;
  return `${verb}: ${what}${skipped ? `。その後に変更された ${skipped} 件はそのままです` : ''}`;
}

export function useUndo(onApplied: (row: IssueRow | null, outcome: UndoOutcome) => void, onNothing: (message: string) => void, onError: (e: unknown) => void) {
  const undoStack = useRef<UndoEntry[]>([]);
  const redoStack = useRef<UndoEntry[]>([]);

  const record = useCallback((entry: Omit<UndoEntry, 'auditId'> & { auditId: number | null }) => {
    if (entry.auditId === null) return;
    undoStack.current.push(entry as UndoEntry);
    redoStack.current = [];
  }, []);

  // Changes shown before their write answered (a rank key): Ctrl+Z right after one waits for it,
  // so it undoes that change and not the one before.
  const pending = useRef(new Set<Promise<unknown>>());
  const track = useCallback((change: Promise<unknown>) => {
    const settled: Promise<unknown> = change.catch(() => undefined).finally(() => pending.current.delete(settled));
    pending.current.add(settled);
  }, []);

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      if (pending.current.size > 0) await Promise.all([...pending.current]);
      const [from, to] = direction === 'undo' ? [undoStack, redoStack] : [redoStack, undoStack];
      const entry = from.current.pop();
      if (entry === undefined) {
        onNothing(direction === 'undo' ? '元に戻す操作はありません' : 'やり直す操作はありません');
        return;
      }
      try {
        if (entry.kind === 'one') {
          const res = await invoke('evaluations.undo', { auditId: entry.auditId });
          if (res.auditId !== null) to.current.push({ ...entry, auditId: res.auditId });
          onApplied(res.row, { direction, entry, skipped: 0 });
        } else {
          const res = await invoke('evaluations.undoMany', { auditId: entry.auditId });
          if (res.auditId !== null) to.current.push({ ...entry, auditId: res.auditId, count: res.changed });
          onApplied(null, { direction, entry, skipped: res.skipped });
        }
      } catch (e) {
        onError(e);
      }
    },
    [onApplied, onNothing, onError],
  );

  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);
  return useMemo(() => ({ record, track, undo, redo }), [record, track, undo, redo]);
}
