// Closing the window while the page has unsaved edits (記載ルール) asks first, with the same three
// choices as leaving the screen inside the app: save and close, close without saving, or keep
// editing. The page tells the window what is unsaved whenever that changes (so a close never waits
// on the page to answer, and a hung page cannot keep the window open); saving is the page's own
// save, asked for over IPC and answered with whether it worked.
import { dialog, ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import { randomUUID } from 'node:crypto';
import { SAVE_BEFORE_CLOSE_CHANNEL, SAVED_CHANNEL, UNSAVED_CHANNEL } from './window-options.js';

/** How long a save may take before the window gives up on it and stays open. */
const SAVE_TIMEOUT_MS = 30_000;

export const CLOSE_BUTTONS = ['保存して閉じる', '保存せずに閉じる', '編集を続ける'] as const;

export function guardClose(win: BrowserWindow, isOwnPage: (url: string) => boolean): void {
  let unsaved: string | null = null;
  let asking = false;
  let closing = false;
  const fromPage = (event: IpcMainEvent) => event.sender === win.webContents && isOwnPage(event.senderFrame?.url ?? '');

  ipcMain.on(UNSAVED_CHANNEL, (event, what: unknown) => {
    if (!fromPage(event)) return;
    unsaved = typeof what === 'string' && what.trim() ? what.slice(0, 200) : null;
  });
  // A page that is gone (reloaded, crashed) holds no edits any more; a new page says its own.
  const forget = () => {
    unsaved = null;
  };
  win.webContents.on('did-navigate', forget);
  win.webContents.on('render-process-gone', forget);

  /** Asks the page to save; false when it could not (it says why) or did not answer in time. */
  const save = (): Promise<boolean> =>
    new Promise((resolve) => {
      const requestId = randomUUID();
      const done = (ok: boolean) => {
        clearTimeout(timer);
        ipcMain.removeListener(SAVED_CHANNEL, onSaved);
        resolve(ok);
      };
      const onSaved = (event: IpcMainEvent, id: unknown, ok: unknown) => {
        if (fromPage(event) && id === requestId) done(ok === true);
      };
      const timer = setTimeout(() => done(false), SAVE_TIMEOUT_MS);
      ipcMain.on(SAVED_CHANNEL, onSaved);
      win.webContents.send(SAVE_BEFORE_CLOSE_CHANNEL, requestId);
    });

  win.on('close', (event) => {
    if (closing || unsaved === null) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    const what = unsaved;
    void dialog
      .showMessageBox(win, {
        type: 'warning',
        title: '保存されていない変更があります',
        message: `${what}がまだ保存されていません。ウィンドウを閉じる前に保存しますか。`,
        buttons: [...CLOSE_BUTTONS],
        // As inside the app, the safe choice is the default: Enter or Esc keeps the edits open.
        defaultId: 2,
        cancelId: 2,
        noLink: true,
      })
      .then(async ({ response }) => {
        if (response === 2) return;
        if (response === 0 && !(await save())) return;
        closing = true;
        win.close();
      })
      .finally(() => {
        asking = false;
      });
  });
}
