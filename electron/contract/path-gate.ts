// Which file paths the page may name (backups to a folder, verify, restore from a file, the
// backup and data folders in 設定). The page is not trusted with the file system: a script in it
// must not make the app read, copy or write anywhere, nor learn whether some file exists.
// - In the app, a path comes from the main process's own dialog: the page gets an opaque
//   handle for it (`handle:<uuid>`) and sends that back; a typed path is not accepted.
// - The browser preview has no dialogs: it accepts typed paths only under the folders given on
//   its command line (`--allow-dir`).
// - Both accept the folders the app itself keeps backups in (the list's 検証 and 復元).
// A refused path gets the same answer whether or not it exists.
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { DbError } from '../../db/errors.js';

const HANDLE = /^handle:([0-9a-f-]{36})$/;

export interface PathGate {
  /** The handle the page gets for a path the main process's dialog returned. */
  handleFor(path: string): string;
  /**
   * The real path for what the page sent: a handle, or a path inside an allowed folder or one of
   * `ownFolders` (the app's backup folders). `what` names the field in messages (例: 復元元のファイル).
   */
  resolve(value: string, what: string, ownFolders?: readonly string[]): string;
  /** The folders typed paths may be in (the preview's --allow-dir); empty in the app. */
  readonly allowedDirs: readonly string[];
}

/** The real location: symbolic links and junctions resolved, for the part of the path that exists. */
function realLocation(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(existing.slice(parent.length).replace(/^[\\/]/, ''));
    existing = parent;
  }
  let real: string;
  try {
    real = realpathSync.native(existing);
  } catch {
    real = existing;
  }
  return resolve(real, ...rest);
}

const caseFold = process.platform === 'win32' || process.platform === 'darwin';
const norm = (p: string) => (caseFold ? p.toLowerCase() : p);

export function isInside(path: string, folder: string): boolean {
  const rel = relative(norm(realLocation(folder)), norm(realLocation(path)));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function createPathGate(allowedDirs: readonly string[] = []): PathGate {
  const handles = new Map<string, string>();
  const allowed = allowedDirs.map((d) => resolve(d));
  return {
    allowedDirs: allowed,
    handleFor(path) {
      const handle = `handle:${randomUUID()}`;
      handles.set(handle, path);
      return handle;
    },
    resolve(value, what, ownFolders = []) {
      const text = value.trim();
      if (HANDLE.test(text)) {
        const path = handles.get(text);
        if (!path) throw new DbError('INVALID', `${what}をもう一度選んでください (選んだ場所の有効期限が切れました)`);
        return path;
      }
      if (!isAbsolute(text)) throw new DbError('INVALID', `${what}は絶対パスで指定してください: ${text}`);
      const path = resolve(text);
      if ([...allowed, ...ownFolders].some((folder) => isInside(path, folder))) return path;
      const how =
        allowed.length > 0
          ? `起動時に --allow-dir で指定したフォルダ (${allowed.join('、')}) の中だけ使えます`
          : '「選択…」ボタンで選んでください (ブラウザプレビューでは、起動時に --allow-dir で指定したフォルダの中だけ使えます)';
      throw new DbError('INVALID', `${what}に、画面から入力した場所は使えません: ${text} — ${how}`);
    },
  };
}
