// Team sync through a shared folder (a Windows file server, \\server\share\…). Every file has one
// writer and is never changed after it is written: written under a temporary name, flushed,
// renamed, read back. Layout:
//   DIR/xpw-dataset.json                 the dataset (id, name, data version)
//   DIR/actors/<actorId>/actor.json      who writes this folder (user, PC)
//   DIR/actors/<actorId>/<seq>.xpwc      one batch of change records, seq = 0000000001 …
//   DIR/snapshots/<stamp>-<sha>.xpwsnap  a full copy for a fast join (+ .json: its SHA-256 and cursor)
//   DIR/xpw-compacted.json               the last compaction: the snapshot's cursor (a PC behind it re-joins)
//   DIR/archive/<stamp>/<actorId>/<seq>.xpwc  change files a compaction moved behind its snapshot (kept)
// SMB caches directory listings and notifications are unreliable, so readers poll, and a file
// that cannot be used (a leftover temporary file, a truncated or foreign file, a newer format) is
// reported and skipped; the cursor never moves past it, so a late or repaired file is read later.
import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  TransportUnavailable,
  type Actor,
  type ActorPresence,
  type ChangeBatch,
  type DatasetMeta,
  type PullResult,
  type SnapshotInfo,
  type Transport,
  type TransportProblem,
} from './transport.js';

const META = 'xpw-dataset.json';
/** Written by a compaction before it moves change files: the cursor its snapshot covers. */
const COMPACTED = 'xpw-compacted.json';
/** The dataset's exclusive lock (a newer app migrating the share). */
const LOCK = 'xpw-migrate.lock';
const BATCH_RE = /^(\d{10})\.xpwc$/;
const FORMAT = 'xpw-changes';
/** A temporary file older than this is a writer that died mid-write: reported, never read. */
const STALE_TEMP_MS = 60_000;

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const seqName = (seq: number) => `${String(seq).padStart(10, '0')}.xpwc`;
const safeId = (id: string) => /^[\w.-]{1,100}$/.test(id);

/** Writes `bytes` as `dir/name` once: temp name, fsync, rename, read back. The same bytes again are a no-op. */
export async function writeImmutable(dir: string, name: string, bytes: Buffer): Promise<void> {
  const final = join(dir, name);
  const existing = await readFile(final).catch(() => null);
  if (existing) {
    if (existing.equals(bytes)) return;
    throw new Error(`共有フォルダの ${name} には既に別の内容があります (上書きしません)`);
  }
  const tmp = join(dir, `.tmp-${randomUUID()}-${name}`);
  const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, final);
  const back = await readFile(final);
  if (!back.equals(bytes)) throw new Error(`共有フォルダの ${name} を書き込み後に読み返すと内容が違います`);
}

export class FolderTransport implements Transport {
  constructor(readonly location: string) {}

  /** The share must be reachable; anything else is "unavailable", not an error in the data. */
  private async reachable(): Promise<void> {
    try {
      const s = await stat(this.location);
      if (!s.isDirectory()) throw new Error('not a folder');
    } catch (e) {
      throw new TransportUnavailable(`共有フォルダに接続できません (${this.location})`, { cause: e });
    }
  }

  /**
   * Runs one operation on the share; when it fails and the share is gone meanwhile (unmounted, the
   * network down mid-pass), that is "unavailable" — the pass keeps everything local and retries —,
   * not an error in the data.
   */
  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      if (e instanceof TransportUnavailable) throw e;
      await this.reachable();
      throw e;
    }
  }

  async readMeta(): Promise<DatasetMeta | null> {
    await this.reachable();
    const text = await readFile(join(this.location, META), 'utf8').catch(() => null);
    return text === null ? null : (JSON.parse(text) as DatasetMeta);
  }

  async createDataset(meta: DatasetMeta): Promise<void> {
    await this.reachable();
    if (await this.readMeta()) throw new Error(`このフォルダには既に共有データがあります: ${this.location}`);
    await mkdir(join(this.location, 'actors'), { recursive: true });
    await mkdir(join(this.location, 'snapshots'), { recursive: true });
    await writeImmutable(this.location, META, Buffer.from(JSON.stringify(meta, null, 1)));
  }

  async writeMeta(meta: DatasetMeta): Promise<void> {
    await this.reachable();
    const tmp = join(this.location, `.tmp-${randomUUID()}-${META}`);
    const fh = await open(tmp, 'wx');
    await fh.writeFile(JSON.stringify(meta, null, 1));
    await fh.sync();
    await fh.close();
    await rename(tmp, join(this.location, META));
  }

  async push(batch: ChangeBatch, actor: Actor): Promise<void> {
    return this.guard(() => this.pushNow(batch, actor));
  }

  private async pushNow(batch: ChangeBatch, actor: Actor): Promise<void> {
    await this.reachable();
    if (!safeId(batch.actorId)) throw new Error(`送信者IDが正しくありません: ${batch.actorId}`);
    const dir = join(this.location, 'actors', batch.actorId);
    await mkdir(dir, { recursive: true });
    await writeImmutable(dir, 'actor.json', Buffer.from(JSON.stringify({ actorId: batch.actorId, ...actor }))).catch(() => undefined);
    const body = JSON.stringify(batch.records);
    const file = { format: FORMAT, formatVersion: 1, dataVersion: batch.dataVersion, actorId: batch.actorId, seq: batch.seq, sha256: sha256(body) };
    // The records go last, on their own: a truncated file fails the parse or the checksum.
    await writeImmutable(dir, seqName(batch.seq), Buffer.from(`${JSON.stringify(file).slice(0, -1)},"records":${body}}\n`));
  }

  private async readBatch(dir: string, actorId: string, seq: number, where: string): Promise<ChangeBatch | TransportProblem> {
    const text = await readFile(join(dir, seqName(seq)), 'utf8');
    let parsed: { format?: string; dataVersion?: number; actorId?: string; seq?: number; sha256?: string; records?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      return { where, message: '途中で切れているか壊れているファイルです (適用しません)' };
    }
    if (parsed.format !== FORMAT || parsed.actorId !== actorId || parsed.seq !== seq || !Array.isArray(parsed.records)) {
      return { where, message: '変更ファイルの形式ではありません (適用しません)' };
    }
    if (sha256(JSON.stringify(parsed.records)) !== parsed.sha256) return { where, message: 'チェックサムが一致しません (適用しません)' };
    return { actorId, seq, dataVersion: Number(parsed.dataVersion), records: parsed.records as ChangeBatch['records'] };
  }

  /** Rewrites a small file of the share root as a whole (temporary name, fsync, rename). */
  private async replaceFile(name: string, text: string): Promise<void> {
    const tmp = join(this.location, `.tmp-${randomUUID()}-${name}`);
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(this.location, name));
  }

  async archiveCovered(info: SnapshotInfo): Promise<number> {
    return this.guard(() => this.archiveCoveredNow(info));
  }

  private async archiveCoveredNow(info: SnapshotInfo): Promise<number> {
    await this.reachable();
    const covered = (info.cursor ? JSON.parse(info.cursor) : {}) as Record<string, number>;
    // The mark first: a PC that finds a file gone also finds why (and re-joins from the snapshot).
    await this.replaceFile(COMPACTED, JSON.stringify({ sha256: info.sha256, cursor: info.cursor, createdAt: info.createdAt }));
    const stamp = info.createdAt.replace(/[^0-9]/g, '');
    let moved = 0;
    for (const [actorId, upto] of Object.entries(covered)) {
      if (!safeId(actorId)) continue;
      const from = join(this.location, 'actors', actorId);
      const to = join(this.location, 'archive', stamp, actorId);
      for (const n of await readdir(from).catch(() => [] as string[])) {
        const m = BATCH_RE.exec(n);
        if (!m || Number(m[1]) > upto) continue;
        await mkdir(to, { recursive: true });
        await rename(join(from, n), join(to, n));
        moved += 1;
      }
    }
    return moved;
  }

  mergeCursors(a: string, b: string): string {
    const x = (a ? JSON.parse(a) : {}) as Record<string, number>;
    const y = (b ? JSON.parse(b) : {}) as Record<string, number>;
    const out: Record<string, number> = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = Math.max(out[k] ?? 0, v);
    return JSON.stringify(out);
  }

  /** Whether a compaction archived files this cursor has not read. */
  private async behind(seen: Record<string, number>): Promise<boolean> {
    const text = await readFile(join(this.location, COMPACTED), 'utf8').catch(() => null);
    if (text === null) return false;
    try {
      const covered = JSON.parse(String((JSON.parse(text) as { cursor?: string }).cursor || '{}')) as Record<string, number>;
      return Object.entries(covered).some(([actor, upto]) => (seen[actor] ?? 0) < upto);
    } catch {
      return false;
    }
  }

  async pull(cursor: string): Promise<PullResult> {
    return this.guard(() => this.pullNow(cursor));
  }

  /** Every batch on the share, those a compaction archived included (`xpw share move` copies them all). */
  async pullAll(): Promise<PullResult> {
    return this.guard(async () => {
      const live = await this.pullNow('', true);
      const batches: ChangeBatch[] = [];
      const problems: TransportProblem[] = [];
      const archive = join(this.location, 'archive');
      for (const stamp of (await readdir(archive).catch(() => [] as string[])).sort()) {
        for (const actorId of (await readdir(join(archive, stamp)).catch(() => [] as string[])).sort()) {
          if (!safeId(actorId)) continue;
          const dir = join(archive, stamp, actorId);
          for (const n of (await readdir(dir).catch(() => [] as string[])).sort()) {
            const m = BATCH_RE.exec(n);
            if (!m) continue;
            const where = `archive/${stamp}/${actorId}/${n}`;
            const got = await this.readBatch(dir, actorId, Number(m[1]), where).catch((e: unknown) => ({ where, message: `読めません: ${(e as Error).message}` }));
            if ('message' in got) problems.push(got);
            else batches.push(got);
          }
        }
      }
      await this.reachable();
      return { batches: [...batches, ...live.batches], cursor: live.cursor, problems: [...problems, ...live.problems] };
    });
  }

  private async pullNow(cursor: string, ignoreCompaction = false): Promise<PullResult> {
    await this.reachable();
    const seen = (cursor ? JSON.parse(cursor) : {}) as Record<string, number>;
    if (!ignoreCompaction && (await this.behind(seen))) return { batches: [], cursor, problems: [], behindSnapshot: true };
    const next = { ...seen };
    const batches: ChangeBatch[] = [];
    const problems: TransportProblem[] = [];
    const actorsDir = join(this.location, 'actors');
    const actors = await readdir(actorsDir, { withFileTypes: true }).catch(() => []);
    const now = Date.now();
    for (const a of actors) {
      if (!a.isDirectory() || !safeId(a.name)) continue;
      const dir = join(actorsDir, a.name);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        continue; // an actor folder removed meanwhile: nothing to read from it
      }
      const seqs: number[] = [];
      for (const n of names) {
        const m = BATCH_RE.exec(n);
        if (m) seqs.push(Number(m[1]));
        else if (n.startsWith('.tmp-')) {
          const age = await stat(join(dir, n)).then((s) => now - s.mtimeMs, () => 0);
          if (age > STALE_TEMP_MS) problems.push({ where: `${a.name}/${n}`, message: '書きかけのまま残った一時ファイルです (無視します)' });
        }
      }
      seqs.sort((x, y) => x - y);
      let contiguous = seen[a.name] ?? 0;
      for (const seq of seqs) {
        if (seq <= (seen[a.name] ?? 0)) continue;
        const where = `${a.name}/${seqName(seq)}`;
        const got = await this.readBatch(dir, a.name, seq, where).catch((e: unknown) => ({ where, message: `読めません: ${(e as Error).message}` }));
        if ('message' in got) {
          problems.push(got);
          continue;
        }
        batches.push(got);
        if (seq === contiguous + 1) contiguous = seq;
      }
      if (contiguous > 0) next[a.name] = contiguous;
    }
    // Reads that failed above (a folder that vanished, a file that could not be read) are the
    // share gone mid-pass when it is unreachable now: nothing of this partial pull is used.
    await this.reachable();
    return { batches, cursor: JSON.stringify(next), problems };
  }

  async putSnapshot(info: SnapshotInfo, bytes: Buffer): Promise<void> {
    return this.guard(() => this.putSnapshotNow(info, bytes));
  }

  private async putSnapshotNow(info: SnapshotInfo, bytes: Buffer): Promise<void> {
    await this.reachable();
    if (sha256(bytes) !== info.sha256) throw new Error('スナップショットのチェックサムが一致しません');
    const dir = join(this.location, 'snapshots');
    await mkdir(dir, { recursive: true });
    const base = `${info.createdAt.replace(/[^0-9]/g, '')}-${info.sha256.slice(0, 16)}`;
    await writeImmutable(dir, `${base}.xpwsnap`, bytes);
    await writeImmutable(dir, `${base}.json`, Buffer.from(JSON.stringify(info)));
  }

  async getSnapshot(): Promise<{ info: SnapshotInfo; bytes: Buffer } | null> {
    return this.guard(() => this.getSnapshotNow());
  }

  private async getSnapshotNow(): Promise<{ info: SnapshotInfo; bytes: Buffer } | null> {
    await this.reachable();
    const dir = join(this.location, 'snapshots');
    const infos = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.json')).sort().reverse();
    for (const n of infos) {
      try {
        const info = JSON.parse(await readFile(join(dir, n), 'utf8')) as SnapshotInfo;
        const bytes = await readFile(join(dir, n.replace(/\.json$/, '.xpwsnap')));
        if (sha256(bytes) === info.sha256) return { info, bytes };
      } catch {
        // an unreadable or half-copied snapshot: try the previous one
      }
    }
    await this.reachable();
    return null;
  }

  async presence(): Promise<ActorPresence[]> {
    return this.guard(() => this.presenceNow());
  }

  private async presenceNow(): Promise<ActorPresence[]> {
    await this.reachable();
    const actorsDir = join(this.location, 'actors');
    const out: ActorPresence[] = [];
    for (const name of await readdir(actorsDir).catch(() => [])) {
      const dir = join(actorsDir, name);
      try {
        const actor = JSON.parse(await readFile(join(dir, 'actor.json'), 'utf8')) as Actor;
        const files = (await readdir(dir)).filter((n) => BATCH_RE.test(n)).sort();
        const last = files.at(-1);
        const when = last ? (await stat(join(dir, last))).mtime : (await stat(join(dir, 'actor.json'))).mtime;
        out.push({ actorId: name, actor: { user: actor.user, pc: actor.pc }, lastSeenAt: when.toISOString() });
      } catch {
        // an actor folder without its actor.json yet
      }
    }
    return out;
  }

  async withLock<T>(holder: string, ttlMs: number, fn: () => Promise<T>): Promise<T | null> {
    await this.reachable();
    const lock = join(this.location, LOCK);
    const take = async () => {
      const fh = await open(lock, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY);
      await fh.writeFile(JSON.stringify({ holder, at: new Date().toISOString(), ttlMs }));
      await fh.sync();
      await fh.close();
    };
    try {
      await take();
    } catch {
      // Held: by a live holder (wait for the next pass) or by one that died (expired: take it over).
      const age = await stat(lock).then((st) => Date.now() - st.mtimeMs, () => 0);
      if (age <= ttlMs) return null;
      await unlink(lock).catch(() => undefined);
      try {
        await take();
      } catch {
        return null;
      }
    }
    try {
      return await fn();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }

  /** Removes this writer's own leftover temporary files (only its own folder: files have one writer), once stale: a second process of the same PC may be mid-write. */
  async cleanOwn(actorId: string): Promise<void> {
    const dir = join(this.location, 'actors', actorId);
    const now = Date.now();
    for (const n of await readdir(dir).catch(() => [])) {
      if (!n.startsWith('.tmp-')) continue;
      const stale = await stat(join(dir, n)).then((s) => now - s.mtimeMs > STALE_TEMP_MS, () => false);
      if (stale) await unlink(join(dir, n)).catch(() => undefined);
    }
  }
}
