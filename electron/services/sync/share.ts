// Creating a shared dataset from this database, and joining one from its snapshot (設定 → 共有,
// `xpw share create|join`). The share never holds a SQLite file (its locking is unreliable over
// SMB): it holds change files and snapshots; each PC keeps its own local copy.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../../db/open.js';
import { readSyncState } from '../../../db/queries/sync.js';
import { joinAsActor, writeSyncStates } from '../../../db/write/sync-records.js';
import { appVersion } from '../snapshot/export-snapshot.js';
import { importSnapshot } from '../snapshot/import-snapshot.js';
import { writeSnapshot } from '../snapshot/snapshot-file.js';
import { dataVersion, MIGRATION_LOCK_TTL_MS, syncOnce } from './engine.js';
import { FolderTransport } from './folder-transport.js';
import { isPostgresUrl, openPgTransport, redactUrl } from './postgres/open-transport.js';
import type { SnapshotInfo, Transport } from './transport.js';

const safe = (s: string) => s.normalize('NFKC').replace(/[^\w.-]+/g, '_').slice(0, 40) || 'pc';

/**
 * This PC's name as the team sees it: the host name, or XPW_PC_NAME where the host name says
 * nothing (a terminal server several people share, two test previews on one machine).
 */
export const pcName = (): string => process.env.XPW_PC_NAME?.trim() || hostname();

/** A new writer id: this PC's name and a random part (two people on one PC, or a re-join, get their own). */
export const newActorId = (pc = pcName()): string => `${safe(pc)}-${randomUUID().slice(0, 8)}`;

/** A folder, or a PostgreSQL server (postgresql://…; the password never travels in `location`). */
export function transportFor(location: string): Transport {
  return isPostgresUrl(location) ? openPgTransport(location) : new FolderTransport(location);
}

export async function putSnapshotOf(sqlite: Database.Database, transport: Transport, createdBy: string): Promise<SnapshotInfo> {
  // The cursor is read before the copy is made: a pass may move it meanwhile, but the copy then
  // holds at least what the cursor says (a pull stores its records and its cursor together).
  const cursor = readSyncState(sqlite, 'cursor') ?? '';
  const bytes = await writeSnapshot(sqlite, { appVersion: appVersion(), createdBy });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const info: SnapshotInfo = { sha256, dataVersion: dataVersion(), createdAt: new Date().toISOString(), cursor };
  await transport.putSnapshot(info, bytes);
  return info;
}

/** Turns this database into the shared dataset in `location` (which must not hold one yet). */
export async function createShare(sqlite: Database.Database, location: string, o: { name: string; user: string; pc?: string }): Promise<{ datasetId: string }> {
  const transport = transportFor(location);
  const pc = o.pc ?? pcName();
  const datasetId = randomUUID();
  await transport.createDataset({ datasetId, name: o.name, dataVersion: dataVersion(), createdAt: new Date().toISOString(), createdBy: { user: o.user, pc } });
  joinAsActor(sqlite, { actorId: newActorId(pc), pc, location: redactUrl(location), datasetId, cursor: '' });
  // The name is shown on this PC (the restore dialog names the share it would leave).
  writeSyncStates(sqlite, { datasetName: o.name });
  await putSnapshotOf(sqlite, transport, o.user);
  return { datasetId };
}

/** Builds a new local database `dbFile` from the share's newest verified snapshot and joins as a new writer. */
export async function joinShare(location: string, dbFile: string, o: { pc?: string } = {}): Promise<{ snapshotSha256: string }> {
  const transport = transportFor(location);
  const meta = await transport.readMeta();
  if (!meta) throw new Error(`このフォルダには共有データがありません: ${location}`);
  const snap = await transport.getSnapshot();
  if (!snap) throw new Error(`共有フォルダに使えるスナップショットがありません (チェックサムの合うものがありません): ${location}`);
  const scratch = mkdtempSync(join(tmpdir(), 'xpw-join-'));
  try {
    const file = join(scratch, 'snapshot.xpws');
    writeFileSync(file, snap.bytes);
    await importSnapshot(file, dbFile);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const db = await openDatabase(dbFile);
  try {
    const pc = o.pc ?? pcName();
    joinAsActor(db.sqlite, { actorId: newActorId(pc), pc, location: redactUrl(location), datasetId: meta.datasetId, cursor: snap.info.cursor });
    writeSyncStates(db.sqlite, { datasetName: meta.name });
  } finally {
    db.close();
  }
  return { snapshotSha256: snap.info.sha256 };
}

export interface CompactResult {
  sha256: string;
  /** Change files moved into the share's archive (never deleted); 0 where the transport keeps them (PostgreSQL). */
  archived: number;
}

/**
 * The lead's compaction (`xpw share compact`): a sync pass (this PC's changes sent, everyone's
 * taken), a new snapshot of this copy put on the share and read back (SHA-256), then the change
 * files it covers moved into the share's archive — never deleted. Under the dataset's lock, so two
 * compactions (or a migration) never interleave. Clients keep working: a new PC joins from the
 * snapshot, and a PC whose cursor is behind it takes the snapshot's records on its next pass.
 */
export async function compactShare(sqlite: Database.Database, user: string, transport?: Transport): Promise<CompactResult> {
  const location = readSyncState(sqlite, 'location');
  if (!location) throw new Error('このデータベースは共有フォルダに参加していません');
  const t = transport ?? transportFor(location);
  const pass = await syncOnce(sqlite, t);
  if (!pass.ok) throw new Error(`${pass.message ?? '共有フォルダに接続できません'} — 整理しませんでした`);
  if (pass.readOnly) throw new Error('共有データは新しい版のアプリで更新されています。アプリを更新してから整理してください');
  if (pass.pending > 0) throw new Error(`未送信の変更が ${pass.pending} 件あります。送信できてから整理してください`);
  const actorId = readSyncState(sqlite, 'actorId') ?? user;
  const done = await t.withLock(actorId, MIGRATION_LOCK_TTL_MS, async () => {
    const info = await putSnapshotOf(sqlite, t, user);
    const back = await t.getSnapshot();
    if (!back || back.info.sha256 !== info.sha256) throw new Error('置いたスナップショットを読み返せません (変更ファイルは動かしていません)');
    const archived = t.archiveCovered ? await t.archiveCovered(info) : 0;
    return { sha256: info.sha256, archived };
  });
  if (!done) throw new Error('別のPCが共有データを更新中です。しばらくしてからもう一度実行してください');
  return done;
}
