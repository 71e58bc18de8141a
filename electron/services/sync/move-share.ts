// `xpw share move --db F --to postgresql://…`: the dataset leaves the shared folder for a
// PostgreSQL server (or another folder) without losing a change. Run by the lead first, then by
// each colleague on their own PC (the same command: it follows when the server already holds the
// dataset). Every step is idempotent, so a move interrupted anywhere is simply run again:
//   1. a last pass with the old share: this PC's unsent changes go there first (colleagues still on
//      the folder see them, and they travel with everything else below);
//   2. every batch of every PC found in the folder is copied to the new place (a batch already
//      there is skipped, the same number with other contents is refused); a folder with unreadable
//      files is not moved (they would be lost) — the report says which;
//   3. this PC switches to the new place and pulls from its start (applying twice is harmless);
//   4. the first mover leaves a snapshot there, so new colleagues join fast.
// The folder itself is left as it is (clients never delete change files).
import type Database from 'better-sqlite3';
import { readSyncState } from '../../../db/queries/sync.js';
import { writeSyncStates } from '../../../db/write/sync-records.js';
import { syncOnce } from './engine.js';
import { PgTransport } from './postgres/pg-transport.js';
import { redactUrl } from './postgres/connection-options.js';
import { putSnapshotOf, transportFor } from './share.js';
import type { ChangeBatch, Transport } from './transport.js';

export interface MoveResult {
  from: string;
  to: string;
  /** Batches / records found in the old place (all now in the new one). */
  batches: number;
  records: number;
  /** This PC created the dataset in the new place (the lead); false: it followed. */
  first: boolean;
}

async function copyBatches(target: Transport, batches: ChangeBatch[]): Promise<void> {
  const byActor = new Map<string, ChangeBatch[]>();
  for (const b of batches) byActor.set(b.actorId, [...(byActor.get(b.actorId) ?? []), b]);
  for (const list of byActor.values()) {
    list.sort((x, y) => x.seq - y.seq);
    const who = list[0]!.records[0]?.actor ?? { user: list[0]!.actorId, pc: list[0]!.actorId };
    if (target instanceof PgTransport) {
      for (let i = 0; i < list.length; i += 500) await target.pushMany(list.slice(i, i + 500), who);
    } else {
      for (const b of list) await target.push(b, b.records[0]?.actor ?? who);
    }
  }
}

export async function moveShare(sqlite: Database.Database, to: string, o: { user: string }): Promise<MoveResult> {
  const from = readSyncState(sqlite, 'location');
  if (!from) throw new Error('このデータベースは共有に参加していません (xpw share create / join)');
  const toStored = redactUrl(to);
  if (from === toStored) throw new Error(`既に ${toStored} と同期しています`);
  const source = transportFor(from);
  const target = transportFor(to);

  const last = await syncOnce(sqlite, source);
  if (!last.ok) throw new Error(`移す前に今の共有先と同期できません (変更はこのPCに残っています): ${last.message ?? ''}`);
  if (last.pending > 0) throw new Error(`未送信の変更が ${last.pending} 件あります。今の共有先に送れるようになってから移してください。`);

  const meta = await source.readMeta();
  if (!meta) throw new Error(`${from} に共有データがありません`);
  // Everything, the change files a compaction archived included (they are no longer in the pull).
  const all = source.pullAll ? await source.pullAll() : await source.pull('');
  if (all.problems.length) {
    const list = all.problems.map((p) => `  ${p.where}: ${p.message}`).join('\n');
    throw new Error(`今の共有先に読めない記録があります。移すとその変更が失われるため、移しません:\n${list}`);
  }

  let first = false;
  const there = await target.readMeta();
  if (!there) {
    try {
      await target.createDataset(meta);
      first = true;
    } catch (e) {
      // A colleague moved at the same moment: follow theirs if it is the same dataset.
      const now = await target.readMeta();
      if (!now) throw e;
      if (now.datasetId !== meta.datasetId) throw new Error(`${toStored} には別の共有データ「${now.name}」があります`);
    }
  } else if (there.datasetId !== meta.datasetId) {
    throw new Error(`${toStored} には別の共有データ「${there.name}」があります (移す先を確かめてください)`);
  }

  await copyBatches(target, all.batches);
  writeSyncStates(sqlite, { location: toStored, cursor: '', lastError: null });
  const pass = await syncOnce(sqlite, target);
  if (!pass.ok) throw new Error(`移した先と同期できません (もう一度 share move を実行してください): ${pass.message ?? ''}`);
  if (first) await putSnapshotOf(sqlite, target, o.user);
  return { from, to: toStored, batches: all.batches.length, records: all.batches.reduce((n, b) => n + b.records.length, 0), first };
}
