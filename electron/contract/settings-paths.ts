// The folders in 設定 are paths the page names: a changed data folder or backup folder must come
// through the path gate (a handle from the app's chooser, or a folder under the preview's
// --allow-dir). Unchanged values are sent back with every save and pass as they are.
import { resolve } from 'node:path';
import { isNetworkPath } from '../../db/open.js';
import { readSettingsView, type SettingsInput } from '../services/settings/settings-service.js';
import { ownBackupFolders, pathGate } from './backup-handlers.js';
import type { Context } from './handlers.js';

const same = (a: string | null | undefined, b: string | null | undefined) => (a && b ? resolve(a) === resolve(b) : a === b);

export function gateSettingsPaths(ctx: Context, input: SettingsInput): SettingsInput {
  const gate = pathGate(ctx);
  const current = readSettingsView(ctx.db);
  const out = { ...input };
  // A network folder is refused for the data by the settings service itself, with its reason.
  if (typeof input.dataDir === 'string' && !isNetworkPath(input.dataDir) && !same(input.dataDir, current.data.configured) && !same(input.dataDir, current.data.defaultDir)) {
    out.dataDir = gate.resolve(input.dataDir, 'データの保存場所');
  }
  const folder = input.backups?.folder;
  if (input.backups && typeof folder === 'string' && !same(folder, current.backups.folder) && !same(folder, current.backups.defaultFolder)) {
    out.backups = { ...input.backups, folder: gate.resolve(folder, 'バックアップの保存先', ownBackupFolders(ctx)) };
  }
  return out;
}
