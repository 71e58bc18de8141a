// The grid's layout as each user left it: column widths, hidden columns, column order, wrapped
// text, and the width of the reading pane. Kept in this PC's per-user browser storage (the
// Electron profile lives in the Windows user's AppData), keyed by the user's name too, so two
// people sharing a login-free kiosk PC still get their own. Layout is not data: not audited.
import { useCallback, useEffect, useState } from 'react';

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

/** The user's layout, loaded once the user's name is known and saved on every change. */
export function useGridPrefs(user: string | null): [GridPrefs, (next: GridPrefs) => void] {
  const [prefs, setPrefs] = useState<GridPrefs>(DEFAULT_PREFS);
  useEffect(() => {
    if (user) setPrefs(loadPrefs(user));
  }, [user]);
  const change = useCallback(
    (next: GridPrefs) => {
      setPrefs(next);
      if (user) savePrefs(user, next);
    },
    [user],
  );
  return [prefs, change];
}
