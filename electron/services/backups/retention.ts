// Which backups to keep: the newest `keepLast`, then the newest copy of each day for `keepDays`
// days, and never more than `maxTotalBytes` in all — the oldest go first, the newest never.
// Pure, so the rule is tested on its own; pruneBackups applies it to the disk.
import { rmSync } from 'node:fs';

export interface RetentionRule {
  keepLast: number;
  keepDays: number;
  maxTotalBytes: number;
}

export interface Candidate {
  path: string;
  /** ISO 8601 */
  at: string;
  bytes: number;
}

export interface RetentionPlan {
  keep: string[];
  remove: { path: string; why: 'age' | 'size' }[];
}

const DAY_MS = 86_400_000;

/** The calendar day in the PC's time zone: "one per day" means the user's days, not UTC's. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function planRetention(entries: readonly Candidate[], rule: RetentionRule, now: Date, dayOf: (iso: string) => string = localDay): RetentionPlan {
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const kept: Candidate[] = [];
  const remove: RetentionPlan['remove'] = [];
  const days = new Set<string>();
  for (const [i, e] of sorted.entries()) {
    const young = now.getTime() - Date.parse(e.at) < rule.keepDays * DAY_MS;
    if (i < rule.keepLast || (young && !days.has(dayOf(e.at)))) {
      kept.push(e);
      days.add(dayOf(e.at));
    } else remove.push({ path: e.path, why: 'age' });
  }
  let total = kept.reduce((s, e) => s + e.bytes, 0);
  while (total > rule.maxTotalBytes && kept.length > 1) {
    const oldest = kept.pop()!;
    total -= oldest.bytes;
    remove.push({ path: oldest.path, why: 'size' });
  }
  return { keep: kept.map((e) => e.path), remove };
}

/** Deletes what the plan removes; a file that cannot be deleted (open elsewhere) is reported, not fatal. */
export function applyRetention(plan: RetentionPlan): { removed: string[]; failed: { path: string; message: string }[] } {
  const removed: string[] = [];
  const failed: { path: string; message: string }[] = [];
  for (const { path } of plan.remove) {
    try {
      rmSync(path, { force: true });
      removed.push(path);
    } catch (e) {
      failed.push({ path, message: (e as Error).message });
    }
  }
  return { removed, failed };
}
