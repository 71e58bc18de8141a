// The retention rule ("last 10, then one per day for 30 days, never more than the size limit,
// never the newest") and the backup file names it works on.
import { mkdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileName, listBackups, parseBackupName, removeStalePartials } from '../../electron/services/backups/backup-files';
import { planRetention, type Candidate } from '../../electron/services/backups/retention';
import { tempDir } from '../helpers/temp';

const HOUR = 3_600_000;
const now = new Date('2024-12-20T12:00:00.000Z');
const utcDay = (iso: string) => iso.slice(0, 10);
/** One copy every `stepHours` hours going back from `now`, newest first. */
function copies(n: number, stepHours: number, bytes = 100): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({ path: `c${i}`, at: new Date(now.getTime() - i * stepHours * HOUR).toISOString(), bytes }));
}

describe('retention', () => {
  it('keeps the newest N whatever their age', () => {
    const plan = planRetention(copies(15, 1), { keepLast: 10, keepDays: 0, maxTotalBytes: 1e12 }, now, utcDay);
    expect(plan.keep).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    expect(plan.remove.map((r) => r.path)).toEqual(['c10', 'c11', 'c12', 'c13', 'c14']);
    expect(plan.remove.every((r) => r.why === 'age')).toBe(true);
  });

  it('then keeps the newest copy of each day for the given number of days', () => {
    // Four copies a day (every 6 hours) for 60 days.
    const all = copies(240, 6);
    const plan = planRetention(all, { keepLast: 10, keepDays: 30, maxTotalBytes: 1e12 }, now, utcDay);
    const kept = all.filter((c) => plan.keep.includes(c.path));
    const days = new Set(kept.map((c) => utcDay(c.at)));
    // The 10 newest span 3 days (2.5 days of 4 a day); then one per day back to 30×24 hours ago,
    // which touches 31 calendar days (today's noon back to the noon 30 days before).
    expect(kept.slice(0, 10).map((c) => c.path)).toEqual(all.slice(0, 10).map((c) => c.path));
    expect(days.size).toBe(31);
    expect(kept).toHaveLength(10 + 31 - 3);
    for (const day of days) expect(kept.filter((c) => utcDay(c.at) === day && !all.slice(0, 10).includes(c)).length).toBeLessThanOrEqual(1);
    // Each kept older copy is the newest of its day.
    for (const c of kept.slice(10)) expect(all.find((x) => utcDay(x.at) === utcDay(c.at))!.path).toBe(c.path);
    expect(kept.every((c) => now.getTime() - Date.parse(c.at) < 30 * 24 * HOUR)).toBe(true);
    expect(plan.keep.length + plan.remove.length).toBe(240);
  });

  it('never exceeds the size limit: the oldest go first', () => {
    const plan = planRetention(copies(20, 24, 100), { keepLast: 10, keepDays: 30, maxTotalBytes: 550 }, now, utcDay);
    expect(plan.keep).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(plan.remove.filter((r) => r.why === 'size').map((r) => r.path)).toEqual(['c19', 'c18', 'c17', 'c16', 'c15', 'c14', 'c13', 'c12', 'c11', 'c10', 'c9', 'c8', 'c7', 'c6', 'c5']);
  });

  it('never removes the newest copy, even when it alone is over the limit', () => {
    const plan = planRetention(copies(3, 1, 1000), { keepLast: 10, keepDays: 30, maxTotalBytes: 10 }, now, utcDay);
    expect(plan.keep).toEqual(['c0']);
    expect(plan.remove.map((r) => r.path)).toEqual(['c2', 'c1']);
  });

  it('does not depend on the order it is given', () => {
    const all = copies(50, 7);
    const rule = { keepLast: 5, keepDays: 10, maxTotalBytes: 3000 };
    expect(planRetention([...all].reverse(), rule, now, utcDay)).toEqual(planRetention(all, rule, now, utcDay));
  });
});

describe('backup files', () => {
  it('names and parses the copies of takeBackup and of the migration', () => {
    const at = new Date('2024-12-20T09:30:00.123Z');
    expect(backupFileName('import', at)).toBe('xpw-20241220T093000123Z-import.sqlite');
    expect(backupFileName('import', at, 2)).toBe('xpw-20241220T093000123Z-import-2.sqlite');
    expect(parseBackupName('xpw-20241220T093000123Z-import-2.sqlite')).toEqual({ at: at.toISOString(), reason: 'import' });
    expect(parseBackupName('xpw-before-migration-v4-20241220T093000.sqlite')).toEqual({ at: '2024-12-20T09:30:00.000Z', reason: 'migration' });
    expect(parseBackupName('xpw-20241220T093000123Z-unknown.sqlite')).toBeNull();
    expect(parseBackupName('xpw-20241399T093000123Z-daily.sqlite')).toBeNull();
    expect(parseBackupName('report.sqlite')).toBeNull();
  });

  it('lists only our backups, newest first, over several folders without duplicates', () => {
    const a = tempDir();
    const b = join(tempDir(), 'sub');
    mkdirSync(b);
    writeFileSync(join(a, 'xpw-20241219T010000000Z-daily.sqlite'), 'x'.repeat(10));
    writeFileSync(join(a, 'xpw-20241220T010000000Z-start.sqlite'), 'x'.repeat(20));
    writeFileSync(join(b, 'xpw-before-migration-v3-20241219T120000.sqlite'), 'x');
    writeFileSync(join(a, 'notes.txt'), 'not a backup');
    writeFileSync(join(a, 'xpw-20241221T010000000Z-start.sqlite.partial'), 'half');
    const list = listBackups([a, b, a, join(a, 'missing')]);
    expect(list.map((e) => [e.fileName, e.reason, e.bytes])).toEqual([
      ['xpw-20241220T010000000Z-start.sqlite', 'start', 20],
      ['xpw-before-migration-v3-20241219T120000.sqlite', 'migration', 1],
      ['xpw-20241219T010000000Z-daily.sqlite', 'daily', 10],
    ]);
  });

  it('removes copies left half-written by a killed process, but not one being written now', () => {
    const dir = tempDir();
    const old = join(dir, 'xpw-20241220T010000000Z-start.sqlite.partial');
    const oldWal = `${old}-wal`;
    const fresh = join(dir, 'xpw-20241220T020000000Z-start.sqlite.partial');
    const foreign = join(dir, 'mine.partial');
    for (const f of [old, oldWal, fresh, foreign]) writeFileSync(f, 'x');
    const past = (Date.now() - 10 * 60_000) / 1000;
    for (const f of [old, oldWal, foreign]) utimesSync(f, past, past);
    expect(removeStalePartials(dir).sort()).toEqual([old, oldWal].sort());
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
  });
});
