// The single-file export of everything (.xpws): gzip of JSON lines — a header (what, from which
// schema, when, by whom, a summary for the preview), the canonical dump of every table, and an
// end line with the row count and the SHA-256 of the content lines, so a truncated or altered
// file is refused instead of half-imported.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createGzip, gunzipSync } from 'node:zlib';
import { DbError } from '../../../db/errors.js';
import { summarizeDatabase, type DatabaseSummary } from '../backups/summary.js';
import { dumpLines, type DumpValue } from './canonical-dump.js';
import { sqliteOptions } from '../../../db/sqlite.js';

export const SNAPSHOT_FORMAT = 'xpw-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;
export const SNAPSHOT_EXTENSION = '.xpws';

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  appVersion: string;
  createdAt: string;
  createdBy: string;
  summary: DatabaseSummary;
}

export interface SnapshotTable {
  name: string;
  columns: string[];
  rows: DumpValue[][];
}

export interface ParsedSnapshot {
  header: SnapshotHeader;
  tables: SnapshotTable[];
  /** The content lines exactly as stored (tests compare two exports byte for byte). */
  content: string;
}

interface EndLine {
  end: true;
  tables: number;
  rows: number;
  sha256: string;
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export interface SnapshotMeta {
  appVersion: string;
  createdBy: string;
  now?: Date;
}

/** Rows between two turns of the event loop while a large database is written out. */
const ROWS_PER_TURN = 20_000;

/**
 * Reads the whole database in one read transaction, so the file is one consistent moment.
 * Given a file name it reads through a connection of its own and lets the event loop run
 * between batches of rows (the app stays responsive while 100,000 issues are written out; the
 * compression runs on libuv's thread pool); given a connection, the caller must not use that
 * connection meanwhile.
 */
export async function writeSnapshot(source: string | Database.Database, meta: SnapshotMeta): Promise<Buffer> {
  const sqlite = typeof source === 'string' ? new Database(source, sqliteOptions({ readonly: true, fileMustExist: true })) : source;
  const ownTransaction = !sqlite.inTransaction;
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    gzip.once('end', resolve);
    gzip.once('error', reject);
  });
  try {
    if (ownTransaction) sqlite.exec('BEGIN');
    const summary = summarizeDatabase(sqlite); // the first read: the moment the file shows
    const header: SnapshotHeader = {
      format: SNAPSHOT_FORMAT,
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      schemaVersion: summary.schemaVersion,
      appVersion: meta.appVersion,
      createdAt: (meta.now ?? new Date()).toISOString(),
      createdBy: meta.createdBy,
      summary,
    };
    gzip.write(`${JSON.stringify(header)}\n`);
    const hash = createHash('sha256');
    let tables = 0;
    let rows = 0;
    let batch = '';
    for (const line of dumpLines(sqlite)) {
      if (line.startsWith('{')) tables++;
      else rows++;
      batch += `${line}\n`;
      if ((rows + tables) % ROWS_PER_TURN === 0) {
        hash.update(batch);
        gzip.write(batch);
        batch = '';
        await new Promise((r) => setImmediate(r));
      }
    }
    hash.update(batch);
    gzip.write(batch);
    const end: EndLine = { end: true, tables, rows, sha256: hash.digest('hex') };
    gzip.end(`${JSON.stringify(end)}\n`);
    await done;
    return Buffer.concat(chunks);
  } finally {
    if (ownTransaction && sqlite.inTransaction) sqlite.exec('COMMIT');
    if (typeof source === 'string') sqlite.close();
  }
}

const invalid = (why: string) => new DbError('INVALID', `全データの書き出しファイルとして読めません: ${why}`);

/**
 * The largest content a snapshot may inflate to: the longest string V8 can hold, so nothing
 * larger could be read anyway. A gzip bomb (6 MB that inflates to 6 GiB) stops here instead of
 * being inflated in full first.
 */
export const MAX_SNAPSHOT_INFLATED = 512 * 1024 * 1024 - 64;

export function readSnapshot(bytes: Uint8Array): ParsedSnapshot {
  if (!isGzip(bytes)) throw invalid('形式が違います');
  let text: string;
  try {
    text = gunzipSync(bytes, { maxOutputLength: MAX_SNAPSHOT_INFLATED }).toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw invalid(`展開すると上限 (${Math.round(MAX_SNAPSHOT_INFLATED / 1048576)} MB) を超えます。このアプリの書き出しファイルではないか、改変されています`);
    }
    throw invalid('圧縮データが壊れています (途中で切れている可能性があります)');
  }
  const firstBreak = text.indexOf('\n');
  const lastBreak = text.lastIndexOf('\n', text.length - 2);
  if (firstBreak < 0 || lastBreak < firstBreak) throw invalid('中身がありません');
  let header: SnapshotHeader;
  let end: EndLine;
  try {
    header = JSON.parse(text.slice(0, firstBreak)) as SnapshotHeader;
    end = JSON.parse(text.slice(lastBreak + 1)) as EndLine;
  } catch {
    throw invalid('見出しまたは終端が壊れています');
  }
  if (header?.format !== SNAPSHOT_FORMAT) throw invalid('X方針ワークベンチの書き出しファイルではありません');
  if (header.formatVersion > SNAPSHOT_FORMAT_VERSION) throw new DbError('NEWER_VERSION', 'この書き出しファイルは新しいバージョンのアプリで作られています。アプリを更新してから読み込んでください');
  if (end?.end !== true) throw invalid('終端がありません (途中で切れている可能性があります)');
  const content = text.slice(firstBreak + 1, lastBreak + 1);
  if (createHash('sha256').update(content).digest('hex') !== end.sha256) throw invalid('内容が書き出し時と一致しません (破損または改変されています)');

  const tables: SnapshotTable[] = [];
  let current: SnapshotTable | undefined;
  for (const line of content.split('\n')) {
    if (!line) continue;
    const value = JSON.parse(line) as unknown;
    if (Array.isArray(value)) {
      if (!current || value.length !== current.columns.length) throw invalid('行の形が見出しと合いません');
      current.rows.push(value as DumpValue[]);
    } else {
      const t = value as { table: string; columns: string[] };
      current = { name: t.table, columns: t.columns, rows: [] };
      tables.push(current);
    }
  }
  const rows = tables.reduce((s, t) => s + t.rows.length, 0);
  if (tables.length !== end.tables || rows !== end.rows) throw invalid('表や行の数が終端の記録と合いません');
  return { header, tables, content };
}
