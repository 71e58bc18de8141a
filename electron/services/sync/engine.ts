// The one sync engine (issue 12; issue 13 adds a transport, not an engine): one pass pushes this
// PC's unsent records, pulls everyone else's and merges them (db/write/sync-apply.ts). It never
// holds a database transaction across an await, so the app keeps writing while a pass waits on a
// slow share; everything it must remember (cursor, next batch number, last result) is in sync_state
// and survives a kill at any point: a batch is numbered before it is sent and re-sent identically.
import type Database from 'better-sqlite3';
import { schemaVersion } from '../../../db/open.js';
import { outboxBatchSeqs, outboxCount, outboxRecords, readSyncState } from '../../../db/queries/sync.js';
import { applyPulled, beginOutboxBatch, finishOutboxBatch, writeSyncStates } from '../../../db/write/sync-records.js';
import { recordsOfSnapshot } from './snapshot-records.js';
import { TransportUnavailable, type PullResult, type Transport, type TransportProblem } from './transport.js';

/** A migrating app that dies leaves its lock; after this long another may take it over. */
export const MIGRATION_LOCK_TTL_MS = 10 * 60 * 1000;

export interface SyncPassResult {
  ok: boolean;
  pushed: number;
  applied: number;
  pending: number;
  readOnly: boolean;
  message: string | null;
  problems: TransportProblem[];
}

/** Records and batches written by this app carry this data version (the schema's migration count). */
export const dataVersion = (): number => schemaVersion();

function pcUser(sqlite: Database.Database) {
  const actorId = readSyncState(sqlite, 'actorId');
  if (!actorId) throw new Error('このデータベースは共有フォルダに参加していません (xpw share create / join)');
  return { actorId, pc: readSyncState(sqlite, 'pc') ?? actorId, user: readSyncState(sqlite, 'user') ?? actorId };
}

/** One pass: push, pull, merge. Unreachable share → ok false with the message, changes kept. */
export async function syncOnce(sqlite: Database.Database, transport: Transport, now = () => Date.now()): Promise<SyncPassResult> {
  const me = pcUser(sqlite);
  let pushed = 0;
  let applied = 0;
  const problems: TransportProblem[] = [];
  try {
    const meta = await transport.readMeta();
    if (!meta) throw new TransportUnavailable(`共有フォルダに共有データがありません (${transport.location})`);
    const readOnly = meta.dataVersion > dataVersion();
    if (meta.dataVersion < dataVersion()) {
      // The first newer app migrates the share (the record format is unchanged so far: the
      // version is raised, so older apps stop writing and ask to be updated), under the lock.
      await transport.withLock(me.actorId, MIGRATION_LOCK_TTL_MS, async () => {
        const current = await transport.readMeta();
        if (current && current.dataVersion < dataVersion()) await transport.writeMeta({ ...current, dataVersion: dataVersion() });
      });
    }
    if (!readOnly) {
      // A kill mid-write leaves this PC's own temporary file behind: only its writer may remove it.
      await transport.cleanOwn?.(me.actorId);
      beginOutboxBatch(sqlite);
      for (const seq of outboxBatchSeqs(sqlite)) {
        const records = outboxRecords(sqlite, seq);
        await transport.push({ actorId: me.actorId, seq, dataVersion: dataVersion(), records }, { user: records[0]?.actor.user ?? me.user, pc: me.pc });
        finishOutboxBatch(sqlite, seq);
        pushed += records.length;
      }
    }
    let pulled: PullResult = await transport.pull(readSyncState(sqlite, 'cursor') ?? '');
    if (pulled.behindSnapshot) {
      // Files this PC had not read were archived behind a snapshot (xpw share compact): re-join
      // from it — its records merged into this copy, nothing of this PC's own work replaced.
      const snap = await transport.getSnapshot();
      if (snap) {
        const own = readSyncState(sqlite, 'cursor') ?? '';
        const cursor = transport.mergeCursors ? transport.mergeCursors(own, snap.info.cursor) : snap.info.cursor;
        applied += applyPulled(sqlite, await recordsOfSnapshot(snap.bytes), cursor, now()).applied;
        pulled = await transport.pull(cursor);
      }
      if (pulled.behindSnapshot) {
        problems.push({ where: 'snapshots', message: '整理済みの変更を含むスナップショットが読めません (共有フォルダの管理者に連絡してください)' });
        pulled = { ...pulled, batches: [] };
      }
    }
    problems.push(...pulled.problems);
    const usable = pulled.batches.filter((b) => {
      if (b.dataVersion <= dataVersion()) return true;
      problems.push({ where: `${b.actorId}/${b.seq}`, message: '新しい版のアプリで書かれた変更です。アプリを更新すると取り込めます' });
      return false;
    });
    // A newer batch holds the cursor back (it is read again after the update): keep the old cursor then.
    const cursor = usable.length === pulled.batches.length ? pulled.cursor : (readSyncState(sqlite, 'cursor') ?? '');
    const result = applyPulled(sqlite, usable.flatMap((b) => b.records), cursor, now());
    applied += result.applied;
    const message = readOnly
      ? '共有データは新しい版のアプリで更新されています。このPCは読み取りのみです — アプリを更新してください'
      : null;
    writeSyncStates(sqlite, {
      lastSyncAt: new Date(now()).toISOString(),
      lastError: message,
      problems: JSON.stringify(problems),
      ...(result.skew ? { skewWarning: JSON.stringify({ ...result.skew, at: new Date(now()).toISOString() }) } : {}),
    });
    return { ok: true, pushed, applied, pending: outboxCount(sqlite), readOnly, message, problems };
  } catch (e) {
    if (!(e instanceof TransportUnavailable)) throw e;
    writeSyncStates(sqlite, { lastError: e.message, lastFailAt: new Date(now()).toISOString() });
    return { ok: false, pushed, applied, pending: outboxCount(sqlite), readOnly: false, message: e.message, problems };
  }
}

export interface SyncStatus {
  joined: boolean;
  location: string | null;
  pending: number;
  lastSyncAt: string | null;
  /** Set when the last pass could not reach the share (or the share is newer): shown instead of 同期済み. */
  error: string | null;
  problems: TransportProblem[];
  skewWarning: { ms: number; actor: string; at: string } | null;
}

export function syncStatus(sqlite: Database.Database): SyncStatus {
  const parse = <T>(k: string, d: T): T => {
    const v = readSyncState(sqlite, k);
    return v ? (JSON.parse(v) as T) : d;
  };
  return {
    joined: readSyncState(sqlite, 'actorId') !== null,
    location: readSyncState(sqlite, 'location'),
    pending: outboxCount(sqlite),
    lastSyncAt: readSyncState(sqlite, 'lastSyncAt'),
    error: readSyncState(sqlite, 'lastError'),
    problems: parse<TransportProblem[]>('problems', []),
    skewWarning: parse<SyncStatus['skewWarning']>('skewWarning', null),
  };
}
