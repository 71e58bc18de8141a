// Unsaved edits (記載ルール) survive closing too, not only a change of tab. In the desktop app the
// window asks (electron/main/close-guard.ts: save and close / close without saving / keep
// editing), told by the page what is unsaved and asked to save; in the browser preview the tab's
// close or reload asks through the browser's own `beforeunload` question.
import { useEffect, useRef, type RefObject } from 'react';
import type { LeaveGuard } from './LeaveDialog';

/** Tells the window what is unsaved; called whenever a screen's guard is set or cleared. */
export function reportUnsaved(guard: LeaveGuard | null, last: RefObject<string | null>): void {
  const what = guard?.what ?? null;
  if (what === last.current) return;
  last.current = what;
  window.xpw?.setUnsaved?.(what);
}

export function useCloseGuard(guard: RefObject<LeaveGuard | null>): void {
  const saving = useRef(false);
  useEffect(() => {
    const bridge = window.xpw;
    if (bridge) {
      // The desktop window's 「保存して閉じる」 runs the screen's own save (which says why if it fails).
      return bridge.onSaveBeforeClose?.(async () => {
        if (!guard.current || saving.current) return guard.current === null;
        saving.current = true;
        try {
          return await guard.current.save();
        } finally {
          saving.current = false;
        }
      });
    }
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!guard.current) return;
      e.preventDefault();
      e.returnValue = ''; // older browsers ask only when a value is set
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [guard]);
}
