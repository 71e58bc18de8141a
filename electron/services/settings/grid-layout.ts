// The ranking grid's layout as each user left it (column widths, order, hidden columns, wrapped
// text, the width of the reading pane), kept in the database's settings so it survives what the
// browser's storage does not: the preview's port, and so its storage origin, changes at every
// start. One setting holds every user's layout, keyed by the actor (display name, else the OS
// user). It is this PC's (THIS_PC_SETTING_KEYS: never synced, dropped when joining a share, out
// of the team's comparison) and not anyone's decision: written without an audit entry.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { readSetting } from '../../../db/queries/settings.js';
import { writeSetting } from '../../../db/write/settings.js';

export const GRID_LAYOUT_KEY = 'layout.grid';

const columnId = z.string().min(1).max(40);

export const gridLayoutSchema = z.strictObject({
  sizing: z.record(columnId, z.number().min(0).max(5000)).refine((s) => Object.keys(s).length <= 50, '列が多すぎます'),
  hidden: z.array(columnId).max(50),
  order: z.array(columnId).max(50),
  wrap: z.boolean(),
  /** Width of the reading pane in px; 0: chosen from the window's width. */
  paneWidth: z.number().int().min(0).max(10_000),
});

export type GridLayout = z.infer<typeof gridLayoutSchema>;

/** How many users' layouts one PC keeps (the most recently saved). */
const MAX_USERS = 50;

function allLayouts(sqlite: Database.Database): Record<string, unknown> {
  const raw = readSetting(sqlite, GRID_LAYOUT_KEY);
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/** The user's layout; null when none is saved (or what is saved no longer validates: never trusted). */
export function readGridLayout(sqlite: Database.Database, user: string): GridLayout | null {
  const parsed = gridLayoutSchema.safeParse(allLayouts(sqlite)[user]);
  return parsed.success ? parsed.data : null;
}

export function saveGridLayout(sqlite: Database.Database, user: string, layout: GridLayout): void {
  const { [user]: _, ...others } = allLayouts(sqlite);
  // The user just saved goes last: the oldest are dropped first when there are too many.
  const kept = Object.entries(others).slice(-(MAX_USERS - 1));
  writeSetting(sqlite, GRID_LAYOUT_KEY, { ...Object.fromEntries(kept), [user]: layout });
}
