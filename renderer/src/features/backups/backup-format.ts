// Display helpers of the backups screen. Pure.
import type { DatabaseSummary } from '../../../../electron/contract/channels';
import { formatDateTime } from '../../lib/format';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** The rows of the "what it holds" table: label, then the value. */
export function summaryRows(s: DatabaseSummary): [string, string][] {
  return [
    ['評価回', s.rounds.length ? s.rounds.map((r) => `${r.label} (評価済 ${r.ranked.toLocaleString()} / ${r.evaluations.toLocaleString()})`).join('、') : 'なし'],
    ['局区', `${s.organizations.toLocaleString()} 件`],
    ['変革課題', `${s.issues.toLocaleString()} 件`],
    ['版', `${s.versions.toLocaleString()} 件`],
    ['評価', `${s.evaluations.toLocaleString()} 件`],
    ['監査ログ', `${s.auditEntries.toLocaleString()} 件`],
    ['最終更新', s.lastChange ? `${formatDateTime(s.lastChange.at)} ${s.lastChange.actor}` : 'なし'],
  ];
}

/** The file name without its folder (Windows or POSIX separators). */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** The folder a file is in (Windows or POSIX separators). */
export const folderOf = (path: string): string => path.slice(0, Math.max(0, path.length - baseName(path).length - 1)) || path;
