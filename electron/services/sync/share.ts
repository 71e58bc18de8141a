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
import { dataVersion } from './engine.js';
import { FolderTransport } from './folder-transport.js';
import { isPostgresUrl, openPgTransport, redactUrl } from './postgres/open-transport.js';
import type { Transport } from './transport.js';

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

export async function putSnapshotOf(sqlite: Database.Database, transport: Transport, createdBy: string): Promise<string> {
  const bytes = await writeSnapshot(sqlite, { appVersion: appVersion(), createdBy });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await transport.putSnapshot({ sha256, dataVersion: dataVersion(), createdAt: new Date().toISOString(), cursor: readSyncState(sqlite, 'cursor') ?? '' }, bytes);
  return sha256;
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

/** The lead's compaction: a new snapshot with everything applied so far (change files stay: clients never delete them). */
export async function compactShare(sqlite: Database.Database, user: string): Promise<string> {
  const location = readSyncState(sqlite, 'location');
  if (!location) throw new Error('このデータベースは共有フォルダに参加していません');
  return putSnapshotOf(sqlite, transportFor(location), user);
}
