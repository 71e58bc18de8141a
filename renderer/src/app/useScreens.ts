// Which screen (top tab) is shown, and leaving one with unsaved edits (記載ルール): a screen
// registers a guard while it has them, and the app asks before another tab opens — and before the
// window (or the preview's browser tab) closes (useCloseGuard).
import { useCallback, useRef, useState } from 'react';
import type { LeaveGuard } from './LeaveDialog';
import { reportUnsaved, useCloseGuard } from './useCloseGuard';
import type { View } from './AppHeader';

export function useScreens(onLeft: () => void) {
  const [view, setView] = useState<View>('grid');
  const viewRef = useRef<View>('grid');
  viewRef.current = view;
  const guard = useRef<LeaveGuard | null>(null);
  /** The tab asked for while a guard was up: the leave dialog is open. */
  const [leaving, setLeaving] = useState<View | null>(null);

  const reported = useRef<string | null>(null);
  useCloseGuard(guard);

  const onGuard = useCallback((g: LeaveGuard | null) => {
    guard.current = g;
    reportUnsaved(g, reported);
  }, []);
  const go = (next: View) => {
    guard.current = null;
    reportUnsaved(null, reported);
    setLeaving(null);
    onLeft(); // the last messages were about the screen being left
    setView(next);
  };
  /** Opens another screen; unsaved edits on this one are asked about first. */
  const openView = (next: View) => {
    if (next === view) return;
    if (guard.current) setLeaving(next);
    else go(next);
  };
  return {
    view,
    viewRef,
    openView,
    onGuard,
    guard: guard.current,
    leaving: leaving && guard.current ? leaving : null,
    stay: () => setLeaving(null),
    leave: () => leaving && go(leaving),
  };
}
