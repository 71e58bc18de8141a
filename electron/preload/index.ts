// The preload exposes to the page: invoke(channel, input) over IPC (the data contract), and the
// window's close guard — what is unsaved (so closing the window asks first) and saving when the
// window is about to close. Channel names as in electron/main/window-options.ts (the sandboxed
// preload cannot load that file).
import { contextBridge, ipcRenderer } from 'electron';

const IPC_CHANNEL = 'xpw:invoke';
const UNSAVED_CHANNEL = 'xpw:unsaved';
const SAVE_BEFORE_CLOSE_CHANNEL = 'xpw:save-before-close';
const SAVED_CHANNEL = 'xpw:saved';

contextBridge.exposeInMainWorld('xpw', {
  invoke: (channel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CHANNEL, channel, input),
  /** What is unsaved, in words (「記載ルールの変更」), or null when nothing is. */
  setUnsaved: (what: string | null): void => ipcRenderer.send(UNSAVED_CHANNEL, typeof what === 'string' && what ? what.slice(0, 200) : null),
  /** The page's save for the window's 「保存して閉じる」: resolves true when saved. Returns the unsubscribe. */
  onSaveBeforeClose: (save: () => Promise<boolean>): (() => void) => {
    const listener = (_event: unknown, requestId: unknown) => {
      void Promise.resolve()
        .then(save)
        .then(
          (ok) => ok === true,
          () => false,
        )
        .then((ok) => ipcRenderer.send(SAVED_CHANNEL, requestId, ok));
    };
    ipcRenderer.on(SAVE_BEFORE_CLOSE_CHANNEL, listener);
    return () => void ipcRenderer.removeListener(SAVE_BEFORE_CLOSE_CHANNEL, listener);
  },
});
