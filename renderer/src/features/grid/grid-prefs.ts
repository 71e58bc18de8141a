// The grid's layout as each user left it: column widths, hidden columns, column order, wrapped
// text, and the width of the reading pane. Kept per user in the database's settings on this PC
// (layout.get / layout.set: never synced, not audited — layout is not data), because the browser
// preview's storage is per origin and its port changes at every start. The browser's storage,
// keyed by the user's name too, is only a fast cache: the layout shows at once, the database's
// copy replaces it when it arrives.
import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '../../api/client';

export interface GridPrefs {
  sizing: Record<string, number>;
  hidden: string[];
  order: string[];
  wrap: boolean;
  /** Width of the reading pane in px; 0: chosen from the window's width (autoPaneWidth). */
  paneWidth: number;
}

export const DEFAULT_PREFS: GridPrefs = { sizing: {}, hidden: [], order: [], wrap: false, paneWidth: 0 };

/** The pane's width until the user drags it: 460 px on a laptop, about a third of a wide screen. */
export const autoPaneWidth = (windowWidth: number): number => (windowWidth < 1600 ? 460 : Math.round(windowWidth * 0.36));

const keyFor = (user: string): string => `xpw.grid-layout.v1.${user}`;

export function loadPrefs(user: string): GridPrefs {
  try {
    const raw = localStorage.getItem(keyFor(user));
    if (!raw) return DEFAULT_PREFS;
    const p = JSON.parse(raw) as Partial<GridPrefs>;
    return {
      sizing: typeof p.sizing === 'object' && p.sizing ? p.sizing : {},
      hidden: Array.isArray(p.hidden) ? p.hidden.filter((x) => typeof x === 'string') : [],
      order: Array.isArray(p.order) ? p.order.filter((x) => typeof x === 'string') : [],
      wrap: p.wrap === true,
      paneWidth: typeof p.paneWidth === 'number' && p.paneWidth >= 0 ? p.paneWidth : DEFAULT_PREFS.paneWidth,
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePrefs(user: string, prefs: GridPrefs): void {
  try {
    localStorage.setItem(keyFor(user), JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: the layout is simply not remembered.
  }
}

/** How long a layout must stay unchanged before it is written (a drag changes it at every move). */
const SAVE_DELAY_MS = 300;

/**
 * The user's layout, shown from the cache once the user's name is known, then from the database;
 * every change is cached at once and written to the database when the drag or typing pauses (and
 * when the page is hidden or left).
 */
export function useGridPrefs(user: string | null): [GridPrefs, (next: GridPrefs) => void] {
  const [prefs, setPrefs] = useState<GridPrefs>(DEFAULT_PREFS);
  const pending = useRef<GridPrefs | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Changed here since the database was asked: its (older) answer must not undo the change. */
  const changed = useRef(false);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const layout = pending.current;
    pending.current = null;
    // Not being remembered is no reason to interrupt the work: the cache still has it.
    if (layout) invoke('layout.set', { layout }).catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!user) return;
    changed.current = false;
    const cached = loadPrefs(user);
    setPrefs(cached);
    let live = true;
    invoke('layout.get', {})
      .then((stored) => {
        if (!live || changed.current) return;
        if (stored) {
          setPrefs(stored);
          savePrefs(user, stored);
        } else if (cached !== DEFAULT_PREFS) {
          // A layout only the browser remembers (kept there before): the database keeps it from now on.
          pending.current = cached;
          flush();
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [user, flush]);

  useEffect(() => {
    const onHide = () => document.visibilityState === 'hidden' && flush();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const change = useCallback(
    (next: GridPrefs) => {
      setPrefs(next);
      changed.current = true;
      if (!user) return;
      savePrefs(user, next);
      pending.current = next;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [user, flush],
  );
  return [prefs, change];
}
