// What the UI shows of team sync: the header status, who else is active, the panel's "who changed
// the rank / 所見 last, on which PC", and the issue's 要確認 conflicts.
import type Database from 'better-sqlite3';
import type { ChangeRecord } from '../../../common/sync-record.js';
import { conflictIssueIds, heldRecords, lastEvaluationChange, listConflicts, readSyncState, recentActors, remoteRecordCount, stableKeys, type SyncConflict } from '../../../db/queries/sync.js';
import { hlcIso } from '../../../db/write/sync-clock.js';
import { syncStatus, type SyncStatus } from './engine.js';

export interface SyncView extends SyncStatus {
  /** Issue ids (local) marked 要確認. */
  conflictIssueIds: number[];
  held: ChangeRecord[];
  /** Other people (user, PC) and when they last changed something, newest first. */
  active: { user: string; pc: string; at: string }[];
  /** Grows when other PCs' changes arrive: the UI reloads the grid then. */
  revision: number;
}

export function syncView(sqlite: Database.Database): SyncView {
  // This PC's writer (PC + user), not its name: two people on one terminal server share the name.
  const me = readSyncState(sqlite, 'actorId');
  return {
    ...syncStatus(sqlite),
    conflictIssueIds: conflictIssueIds(sqlite),
    held: heldRecords(sqlite),
    active: recentActors(sqlite)
      .filter((a) => a.node !== me)
      // One line per person and PC (a copy joined again writes under a new id): the newest.
      .filter((a, i, all) => all.findIndex((b) => b.user === a.user && b.pc === a.pc) === i)
      .slice(0, 20)
      .map((a) => ({ user: a.user, pc: a.pc, at: hlcIso(a.hlc) })),
    revision: remoteRecordCount(sqlite, me),
  };
}

export interface IssueSyncInfo {
  last: { field: 'rank' | 'comment'; user: string; pc: string; at: string }[];
  conflicts: SyncConflict[];
}

export function issueSyncInfo(sqlite: Database.Database, issueId: number, roundId: number): IssueSyncInfo {
  const keys = stableKeys(sqlite, issueId, roundId);
  if (!keys) return { last: [], conflicts: [] };
  return {
    last: lastEvaluationChange(sqlite, keys.uid, keys.label).map((l) => ({ field: l.field as 'rank' | 'comment', user: l.user, pc: l.pc, at: hlcIso(l.hlc) })),
    conflicts: listConflicts(sqlite, keys.uid),
  };
}
