// The app's folder and file choosers for the backups screen (a backup to a chosen folder,
// restore from any file). Synchronous dialogs: the contract answers each request at once.
import { BrowserWindow, dialog, type OpenDialogSyncOptions } from 'electron';

export function pickPath(parent: () => BrowserWindow | undefined): (what: 'folder' | 'file') => string | null {
  return (what) => {
    const options: OpenDialogSyncOptions =
      what === 'folder'
        ? { title: 'フォルダを選択', properties: ['openDirectory', 'createDirectory'] }
        : {
            title: '復元するファイルを選択',
            properties: ['openFile'],
            filters: [
              { name: 'バックアップ・全データの書き出し', extensions: ['sqlite', 'xpws'] },
              { name: 'すべてのファイル', extensions: ['*'] },
            ],
          };
    const win = parent();
    const chosen = win ? dialog.showOpenDialogSync(win, options) : dialog.showOpenDialogSync(options);
    return chosen?.[0] ?? null;
  };
}
