// Ctrl+Z / Ctrl+Y: a stack of audit ids. Undo reverts an audited change on the server (which
// refuses when someone changed the value since); redo is the undo of that undo.
import { useCallback, useRef } from 'react';
import type { IssueRow } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';

export function useUndo(onApplied: (row: IssueRow) => void, onError: (e: unknown) => void) {
  const undoStack = useRef<number[]>([]);
  const redoStack = useRef<number[]>([]);

  const record = useCallback((auditId: number | null) => {
    if (auditId === null) return;
    undoStack.current.push(auditId);
    redoStack.current = [];
  }, []);

  const step = useCallback(
    async (from: React.RefObject<number[]>, to: React.RefObject<number[]>) => {
      const id = from.current.pop();
      if (id === undefined) return;
      try {
        const res = await invoke('evaluations.undo', { auditId: id });
        if (res.auditId !== null) to.current.push(res.auditId);
        onApplied(res.row);
      } catch (e) {
        onError(e);
      }
    },
    [onApplied, onError],
  );

  const undo = useCallback(() => step(undoStack, redoStack), [step]);
  const redo = useCallback(() => step(redoStack, undoStack), [step]);
  return { record, undo, redo };
}
