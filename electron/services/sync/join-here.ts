// Joining a shared dataset from the app (first start, 設定 → 共有) and rebuilding this PC's copy
// from the share (the restore dialog's other choice on a joined PC). `xpw share join` builds a
// new file; the app has its database open, so here the copy built from the share's verified
// snapshot is written over the open database the way a restore is (backups/restore.ts
// writeCopyOver): a verified safety copy of the current data first (理由「共有から参加前」),
// then one write transaction on the live file — nothing of the local data is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { DbError } from '../../../db/errors.js';
import type { Db } from '../../../db/open.js';
import { readSetting } from '../../../db/queries/settings.js';
import { outboxCount, readSyncState } from '../../../db/queries/sync.js';
import { recordChange } from '../../../db/write/change.js';
import { writeSetting } from '../../../db/write/settings.js';
import { writeSyncState } from '../../../db/write/sync-records.js';
import { SHARED_SETTING_FIELDS } from '../../../common/sync-record.js';
import { afterCopiesAndRestores } from '../backups/backup-service.js';
import { writeCopyOver } from '../backups/restore.js';
import type { Progress } from '../export/run-export.js';
import { dataVersion, syncOnce } from './engine.js';
import { isPostgresUrl, redactUrl } from './postgres/open-transport.js';
import { joinShare, transportFor } from './share.js';
import { holdSyncLoop } from './sync-loop.js';
import { TransportUnavailable, type DatasetMeta } from './transport.js';

/** What a share holds, shown before joining it. */
export interface ShareSummary {
  /** The folder, or the server's URL without password. */
  location: string;
  server: boolean;
  name: string;
  datasetId: string;
  /** The share's data version and this app's. */
  dataVersion: number;
  appDataVersion: number;
  /** From the newest verified snapshot's header (null when the share has none yet). */
  issues: number | null;
  organizations: number | null;
  snapshotAt: string | null;
  /** PCs that have written to the share (its creator included), and who was active last. */
  pcs: number;
  people: { user: string; pc: string; at: string }[];
  lastActivity: string | null;
  /** Why this app cannot join it now (in Japanese), or null. */
  problem: string | null;
}

const where = (location: string) => (isPostgresUrl(location) ? `サーバー ${redactUrl(location)}` : `フォルダ ${location}`);

/** The snapshot's header line (its summary), inflating only the start of the file. */
function snapshotHeader(bytes: Buffer): { summary?: { issues?: number; organizations?: number } } | null {
  try {
    // A partial inflate of the first 64 KB holds the header line (the dump's rows follow it).
    let text = gunzipSync(bytes.subarray(0, 65_536), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
    if (!text.includes('\n')) text = gunzipSync(bytes).toString('utf8');
    const end = text.indexOf('\n');
    return JSON.parse(end < 0 ? text : text.slice(0, end)) as { summary?: { issues?: number; organizations?: number } };
  } catch {
    return null;
  }
}

/** Reads what the share at `location` holds. Throws (in Japanese, naming the place) when it cannot be read at all. */
export async function inspectShare(location: string): Promise<ShareSummary> {
  try {
    return await inspect(location);
  } catch (e) {
    if (e instanceof TransportUnavailable) throw new DbError('UNAVAILABLE', `${e.message} — 場所と接続を確かめてください`);
    if (e instanceof SyntaxError) throw new DbError('INVALID', `共有データの説明 (xpw-dataset.json) が読めません: ${where(location)}`);
    throw e;
  }
}

async function inspect(location: string): Promise<ShareSummary> {
  const transport = transportFor(location);
  const meta: DatasetMeta | null = await transport.readMeta();
  if (!meta) {
    throw new DbError(
      'NOT_FOUND',
      isPostgresUrl(location)
        ? `サーバーにはまだ共有データがありません: ${where(location)} (先に共有データを作成してください)`
        : `このフォルダは共有フォルダではありません (共有データの説明 xpw-dataset.json がありません): ${location}`,
    );
  }
  const snap = await transport.getSnapshot();
  const header = snap ? snapshotHeader(snap.bytes) : null;
  const presence = await transport.presence().catch(() => []);
  const people = presence
    .map((p) => ({ user: p.actor.user, pc: p.actor.pc, at: p.lastSeenAt }))
    .sort((a, b) => b.at.localeCompare(a.at));
  const pcs = new Set([meta.createdBy.pc, ...people.map((p) => p.pc)]);
  const times = [meta.createdAt, snap?.info.createdAt, ...people.map((p) => p.at)].filter((t): t is string => Boolean(t)).sort();
  const app = dataVersion();
  let problem: string | null = null;
  if (meta.dataVersion > app || (snap && snap.info.dataVersion > app)) {
    problem = `共有データは新しい版のアプリで更新されています (データの版 ${Math.max(meta.dataVersion, snap?.info.dataVersion ?? 0)}、このアプリは ${app} まで)。アプリを更新してから参加してください`;
  } else if (!snap) {
    problem = `共有データに使えるスナップショットがありません (チェックサムの合うものがありません): ${where(location)}。作成したPCで xpw share compact を実行してもらってください`;
  }
  return {
    location: redactUrl(location),
    server: isPostgresUrl(location),
    name: meta.name,
    datasetId: meta.datasetId,
    dataVersion: meta.dataVersion,
    appDataVersion: app,
    issues: header?.summary?.issues ?? null,
    organizations: header?.summary?.organizations ?? null,
    snapshotAt: snap?.info.createdAt ?? null,
    pcs: pcs.size,
    people: people.slice(0, 10),
    lastActivity: times.at(-1) ?? null,
    problem,
  };
}

export interface JoinHereResult {
  share: ShareSummary;
  /** The verified copy of the data this PC had before (理由「共有から参加前」). */
  safetyCopy: string;
  snapshotSha256: string;
  /** Something the user should know although the join is done (a password that could not be sealed). */
  warning?: string;
}

/**
 * Makes the open database this PC's copy of the share at `location`: built from its verified
 * snapshot as a new writer, this PC's own settings (表示名, backup folder and policy, its export
 * defaults less the team's fields) kept, the current data kept as a verified backup.
 */
export async function joinHere(db: Db, location: string, o: { actor: string; pc?: string; onProgress?: (p: Progress) => void }): Promise<JoinHereResult> {
  const step = (phase: string, done: number) => o.onProgress?.({ phase, done, total: 5 });
  step('共有データを確かめています', 0);
  const share = await inspectShare(location);
  if (share.problem) throw new DbError('INVALID', share.problem);
  // Rebuilding from the share this PC is joined to: its unsent changes go to the share first, so
  // the new copy gets them back (they are also in the safety copy).
  if (readSyncState(db.sqlite, 'actorId') !== null && readSyncState(db.sqlite, 'location') === redactUrl(location) && outboxCount(db.sqlite) > 0) {
    step('未送信の変更を共有に送っています', 0);
    const pass = await holdSyncLoop(() => syncOnce(db.sqlite, transportFor(location)));
    if (!pass.ok) throw new DbError('UNAVAILABLE', `未送信の変更 ${pass.pending}件を共有に送れませんでした (${pass.message ?? ''})。接続を確かめてからやり直してください`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'xpw-join-here-'));
  try {
    step('共有データのスナップショットからこのPCの複製を作っています', 1);
    const file = join(scratch, 'joined.sqlite');
    const { snapshotSha256 } = await joinShare(location, file, { pc: o.pc });
    // No background pass may run while the file is replaced (it would carry the old copy's
    // cursor into the new one), and no copy or restore either.
    const safetyCopy = await holdSyncLoop(() =>
      afterCopiesAndRestores(() =>
        writeCopyOver(db, file, {
          reason: 'join',
          onProgress: (p) => step(p.phase, 2 + p.done),
          keepSetting: (src, key, local) => {
            const fields = SHARED_SETTING_FIELDS[key];
            if (!fields) return writeSetting(src, key, local);
            // A partly shared setting: this PC's fields from here, the team's from the share.
            const team = (readSetting(src, key) ?? {}) as Record<string, unknown>;
            const mine = Object.fromEntries(Object.entries((local ?? {}) as Record<string, unknown>).filter(([f]) => !fields.includes(f)));
            writeSetting(src, key, { ...mine, ...Object.fromEntries(fields.filter((f) => f in team).map((f) => [f, team[f]])) });
          },
          inCopy: (src, safety) => {
            writeSyncState(src, 'datasetName', share.name);
            recordChange(src, {
              actor: o.actor,
              action: 'share.join',
              entity: 'database',
              after: { location: share.location, name: share.name, snapshot: snapshotSha256, backupPath: safety },
            });
          },
        }),
      ),
    );
    return { share, safetyCopy, snapshotSha256 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
