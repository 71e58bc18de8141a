// Hybrid logical clock for team sync: a wall-clock time in ms, a counter and the node (actor id),
// written as one string that sorts in clock order ("000001764583200000.000003.pc-sato-ab12").
// Every record this PC makes is stamped after every record it has seen, so "later" is consistent
// with cause and effect even when PC clocks disagree; a remote clock far from ours is remembered
// as a warning (the ordering stays correct, but last-writer-wins then favours the fast clock).
import type Database from 'better-sqlite3';
import { statement } from '../statements.js';

/** A remote stamp further than this from our clock is warned about (5 minutes). */
export const MAX_SKEW_MS = 5 * 60 * 1000;

export interface Hlc {
  wall: number;
  count: number;
  node: string;
}

export const formatHlc = (h: Hlc): string => `${String(h.wall).padStart(15, '0')}.${String(h.count).padStart(6, '0')}.${h.node}`;

export function parseHlc(s: string): Hlc {
  const m = /^(\d{15})\.(\d{6})\.(.+)$/.exec(s);
  if (!m) throw new Error(`時刻印の形式が正しくありません: ${s}`);
  return { wall: Number(m[1]), count: Number(m[2]), node: m[3]! };
}

/** Milliseconds since the epoch of a stamp, as ISO text (updated_at of merged rows, the audit log). */
export const hlcIso = (s: string): string => new Date(parseHlc(s).wall).toISOString();

const readClock = (sqlite: Database.Database): Hlc | null => {
  const v = statement(sqlite, "SELECT value FROM sync_state WHERE key = 'hlc'", 'pluck').get() as string | undefined;
  return v ? parseHlc(v) : null;
};

const writeClock = (sqlite: Database.Database, h: Hlc): void => {
  statement(sqlite, "INSERT INTO sync_state (key, value) VALUES ('hlc', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(formatHlc(h));
};

/** The next stamp for a change made here (the caller is inside the write transaction). */
export function tickClock(sqlite: Database.Database, node: string, now = Date.now()): string {
  const last = readClock(sqlite);
  const wall = Math.max(now, last?.wall ?? 0);
  const count = last && wall === last.wall ? last.count + 1 : 0;
  const next = { wall, count, node };
  writeClock(sqlite, next);
  return formatHlc(next);
}

/** Takes a remote stamp into our clock; returns how far (ms) its wall time is ahead of ours when beyond MAX_SKEW_MS (a PC behind sees ours ahead and warns itself), else 0. */
export function receiveClock(sqlite: Database.Database, node: string, remote: string, now = Date.now()): number {
  const r = parseHlc(remote);
  const last = readClock(sqlite) ?? { wall: 0, count: 0, node };
  const wall = Math.max(now, last.wall, r.wall);
  let count = 0;
  if (wall === last.wall && wall === r.wall) count = Math.max(last.count, r.count) + 1;
  else if (wall === last.wall) count = last.count + 1;
  else if (wall === r.wall) count = r.count + 1;
  writeClock(sqlite, { wall, count, node });
  const skew = r.wall - now;
  return skew > MAX_SKEW_MS ? skew : 0;
}
