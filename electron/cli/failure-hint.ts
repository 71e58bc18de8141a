// After a failure on a database that cannot be used (not ours, from a newer version, corrupt),
// the CLI's one-line error is followed by the way out: the newest good backup and the command
// that restores it. Looking for it only reads.
import { resolve } from 'node:path';
import { asCorrupt, isRecoverable, recoveryHint } from '../services/backups/recovery.js';

/** The `--db` value of the command line, if any. */
function dbArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db') return argv[i + 1];
    if (argv[i]!.startsWith('--db=')) return argv[i]!.slice('--db='.length);
  }
  return undefined;
}

export function failureHint(e: unknown, argv: readonly string[]): string | null {
  if (isRecoverable(e) && e.file) return recoveryHint(e.file, [], e.code === 'NOT_SQLITE');
  const db = dbArgument(argv);
  // SQLite's own English "malformed" error, met while reading: say it in Japanese first.
  if (db && isRecoverable(asCorrupt(e, resolve(db)))) return [`データベースが破損しています: ${resolve(db)}`, recoveryHint(resolve(db))].join('\n');
  return null;
}
