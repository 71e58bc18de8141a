// How change records travel between PCs (issue 12: a shared folder; issue 13: PostgreSQL). The
// sync engine (./engine.ts) owns everything about merging; a transport only stores and returns
// what it is given, so a new transport is a small file beside folder-transport.ts.
//
// Contract every transport keeps:
// - A batch is pushed whole or not at all, and pushing the same batch (same actorId + seq) twice
//   stores it once: the engine re-pushes after a crash without knowing whether the first try landed.
// - Nothing pushed is ever changed or deleted by a client (compaction is an explicit lead command).
// - pull(cursor) returns batches not yet returned for that cursor, in any order, each at most once
//   per cursor advance; the engine applies records idempotently, so a transport may repeat itself.
// - Anything unreadable (a leftover temporary file, a truncated file, a newer format) is returned in
//   `problems`, never thrown and never applied.
// - Errors meaning "the share/server is unreachable" are thrown as TransportUnavailable so the
//   engine can report 共有先に接続できません and keep the changes locally.

import type { Actor, ChangeRecord } from '../../../common/sync-record.js';

export type { Actor, ChangeRecord, RecordKind } from '../../../common/sync-record.js';

/** The id of one PC+user writer on the share: a folder name / a row key. Stable, filename-safe. */
export type ActorId = string;

/** What one actor pushes at once: its records in order, numbered per actor (1, 2, 3 …). */
export interface ChangeBatch {
  actorId: ActorId;
  seq: number;
  /** The data version (schema of the records) of the app that wrote the batch. */
  dataVersion: number;
  records: ChangeRecord[];
}

/** The dataset as a whole: written once at `share create`, updated only by a migrating newer app. */
export interface DatasetMeta {
  datasetId: string;
  name: string;
  dataVersion: number;
  createdAt: string;
  createdBy: Actor;
}

/** A full copy of the data for a fast join: the canonical dump plus the set of record ids it contains. */
export interface SnapshotInfo {
  /** SHA-256 of the bytes, hex. A snapshot whose bytes do not match is refused. */
  sha256: string;
  dataVersion: number;
  createdAt: string;
  /** Per actor, the last batch seq included: a joining PC pulls from there. */
  cursor: string;
}

/** Something on the share that could not be used, reported (status, log) and never applied. */
export interface TransportProblem {
  where: string;
  message: string;
}

export interface PullResult {
  batches: ChangeBatch[];
  /** Opaque: the engine stores it and passes it back. '' means "from the start". */
  cursor: string;
  problems: TransportProblem[];
  /**
   * Set when change files this cursor has not read yet were archived behind a snapshot (`xpw share
   * compact`): the engine takes the snapshot's records (a re-join that keeps this PC's own work).
   */
  behindSnapshot?: boolean;
}

/** When each actor last wrote (who else is active). */
export interface ActorPresence {
  actorId: ActorId;
  actor: Actor;
  lastSeenAt: string;
}

export interface Transport {
  /** For messages: the folder path or the server (no password). */
  readonly location: string;
  readMeta(): Promise<DatasetMeta | null>;
  /** Creates the dataset; refuses if one already exists there. */
  createDataset(meta: DatasetMeta): Promise<void>;
  /** Rewrites meta (a newer app migrating the share; holds the lock). */
  writeMeta(meta: DatasetMeta): Promise<void>;
  push(batch: ChangeBatch, actor: Actor): Promise<void>;
  pull(cursor: string): Promise<PullResult>;
  putSnapshot(info: SnapshotInfo, bytes: Buffer): Promise<void>;
  /** The newest verified snapshot, or null. */
  getSnapshot(): Promise<{ info: SnapshotInfo; bytes: Buffer } | null>;
  presence(): Promise<ActorPresence[]>;
  /**
   * Runs `fn` holding the dataset's exclusive lock (a newer app migrating the share). The lock
   * expires after `ttlMs` if its holder dies. Resolves to null, without running `fn`, when another
   * live holder has it.
   */
  withLock<T>(holder: string, ttlMs: number, fn: () => Promise<T>): Promise<T | null>;
  /** Optional: removes what this writer itself left half-written (a folder's temporary files). Only its own. */
  cleanOwn?(actorId: ActorId): Promise<void>;
  /**
   * Optional (a folder): the lead's compaction. Moves the change files the verified snapshot `info`
   * covers into an archive on the share — never deletes them — after marking the share so that a
   * PC whose cursor is behind re-joins from the snapshot. Returns how many files were moved.
   */
  archiveCovered?(info: SnapshotInfo): Promise<number>;
  /** Optional (a folder): every batch, those archived by a compaction included — what `share move` copies. */
  pullAll?(): Promise<PullResult>;
  /** Optional: the cursor after taking a snapshot's records: what this PC had read and what the snapshot covers. */
  mergeCursors?(a: string, b: string): string;
}

/** The share/server cannot be reached now; changes stay local and are sent later. */
export class TransportUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportUnavailable';
  }
}
