// Which worker answers which channel. Two connections to the one WAL database: the long lane
// takes whatever may run for seconds (copies, checks, restores, parsing files, building
// documents), the quick lane everything else, so the grid keeps answering while a long job runs.
// The long lane also holds the state that must stay in one place: prepared restores, the queue
// that keeps copies and restores apart, the last backup's result and the running jobs.
import type { Lane } from './protocol.js';

// share.*: joining builds a copy from the share's snapshot and writes it over the database (a job,
// like a restore); reading a share or testing a server's password waits for the share; the
// first-start offer is known to the long lane only (it opened the database); the passwords the
// host unsealed live in the long lane's memory.
const LONG_PREFIXES = ['backups.', 'snapshot.', 'import.', 'inquiry.', 'share.'];

const LONG_CHANNELS = new Set([
  'export.preview',
  'export.start',
  // Publication and the X会議 pack are export jobs: built and followed on the long lane.
  'publish.check',
  'publish.start',
  'pack.start',
  'audit.export',
  'lint.run',
  'versionup.status',
  // Bulk changes take a verified backup first.
  'rounds.create',
  'rounds.delete',
  'rounds.confirmCarried',
  'rounds.undoBulk',
  // It may name a folder by a handle from backups.pick: the path gate that gave it out is this lane's.
  'settings.set',
  // Team sync: creating a share names a folder (a handle from backups.pick, path-gated here) or a
  // server, writes the snapshot and waits for the share; a pass waits for the share too. The
  // background pass runs on this lane as well (sync-loop.ts), so passes never overlap. The
  // header's status, the panel's info (reads) and resolving a 要確認 (one small write) stay quick.
  'sync.create',
  'sync.now',
]);

/** Reads on the long lane's screens that must stay quick. */
const QUICK_EXCEPTIONS = new Set(['import.list', 'inquiry.board']);

export function laneOf(channel: string): Lane {
  if (QUICK_EXCEPTIONS.has(channel)) return 'quick';
  if (LONG_CHANNELS.has(channel)) return 'long';
  return LONG_PREFIXES.some((p) => channel.startsWith(p)) ? 'long' : 'quick';
}

/** Channels the host answers itself from what the long lane reports (it may be busy for seconds). */
export const HOST_CHANNELS = new Set(['export.status', 'jobs.cancel']);
