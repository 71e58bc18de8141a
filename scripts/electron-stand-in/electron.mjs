// A stand-in for the `electron` module, so the built main process (out/main/index.js) runs under
// plain Node: it records what the app asks of Electron — lifecycle, single-instance lock,
// windows and their webPreferences, session handlers, IPC handlers, dialogs, printToPDF,
// safeStorage, menus — and lets a driver (run-main.ts) play Electron's part: answer dialogs,
// navigate, ask for permissions, make requests, start a second instance, invoke IPC, close
// windows, send page messages (ipcRenderer.send). Every record goes to the parent process over the
// fork IPC channel.
//
// Settings come from XPW_STAND_IN (JSON): isPackaged, singleInstanceLock, messageBoxResponse,
// saveDir (where the Save dialog "saves"), openPaths (what the Open dialog returns), userData.
// Behaviour follows Electron's documented semantics where the app depends on it (app.quit emits
// before-quit → will-quit → quit and then the process ends; loadFile fails for a missing file;
// closing the last window emits window-all-closed).
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { clearInterval, setImmediate, setInterval } from 'node:timers';
import { pathToFileURL } from 'node:url';

const settings = JSON.parse(process.env.XPW_STAND_IN ?? '{}');

/** JSON-safe copy of what the app passed (functions named, buffers sized). */
function plain(value, depth = 0) {
  if (depth > 6) return '[deep]';
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (value instanceof Uint8Array) return `[bytes ${value.length}]`;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  if (value && typeof value === 'object') {
    if (value instanceof BrowserWindow) return `[BrowserWindow ${value.id}]`;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]));
  }
  return value;
}

let pending = Promise.resolve();
function record(kind, data = {}) {
  const entry = { kind, at: Date.now(), ...plain(data) };
  if (process.send) {
    pending = new Promise((resolve) => process.send({ record: entry }, () => resolve()));
  }
  return entry;
}

/** An event the app may cancel, like Electron's. */
function cancellable() {
  const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
}

// ---------------------------------------------------------------------------------------- app
class App extends EventEmitter {
  name = 'Electron';
  isPackaged = settings.isPackaged ?? false;
  #ready = false;
  #readyPromise;
  #quitting = false;

  constructor() {
    super();
    // Electron is ready once the main script's first turn has run.
    this.#readyPromise = new Promise((resolve) =>
      setImmediate(() => {
        this.#ready = true;
        record('app.ready');
        this.emit('ready', {});
        resolve();
      }),
    );
  }
  setName(name) {
    record('app.setName', { name });
    this.name = name;
  }
  getName() {
    return this.name;
  }
  getVersion() {
    // Electron reads the app's package.json: the one above the main script.
    let dir = dirname(process.argv[1] ?? process.cwd());
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  }
  getPath(name) {
    record('app.getPath', { name });
    if (name === 'documents' || name === 'downloads' || name === 'desktop') return settings.saveDir ?? process.cwd();
    if (name === 'userData' || name === 'appData') return settings.userData ?? process.env.XPW_DATA_DIR ?? process.cwd();
    return settings.saveDir ?? process.cwd();
  }
  isReady() {
    return this.#ready;
  }
  whenReady() {
    return this.#readyPromise;
  }
  requestSingleInstanceLock() {
    const granted = settings.singleInstanceLock ?? true;
    record('app.requestSingleInstanceLock', { granted });
    return granted;
  }
  quit() {
    record('app.quit');
    if (this.#quitting) return;
    this.#quitting = true;
    setImmediate(() => {
      const before = cancellable();
      this.emit('before-quit', before);
      if (before.defaultPrevented) return void (this.#quitting = false);
      const will = cancellable();
      this.emit('will-quit', will);
      if (will.defaultPrevented) return void (this.#quitting = false);
      this.emit('quit', {}, 0);
      this.exit(0);
    });
  }
  exit(code = 0) {
    record('app.exit', { code });
    // Like Electron, the process ends now: work still pending in the app is cut off.
    void pending.then(() => process.exit(code));
  }
  focus() {
    record('app.focus');
  }
}
export const app = new App();

// ------------------------------------------------------------------------------- Menu, session
export const Menu = {
  current: undefined,
  setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', { menu: menu === null ? null : '[menu]' });
    this.current = menu;
  },
  getApplicationMenu() {
    return this.current ?? null;
  },
  buildFromTemplate(template) {
    record('Menu.buildFromTemplate', { template });
    return { template };
  },
};

class Session {
  beforeRequest;
  permissionRequest;
  permissionCheck;
  webRequest = {
    onBeforeRequest: (filterOrListener, maybeListener) => {
      const listener = typeof filterOrListener === 'function' ? filterOrListener : maybeListener;
      record('session.webRequest.onBeforeRequest', { filter: typeof filterOrListener === 'function' ? null : filterOrListener });
      this.beforeRequest = listener;
    },
    onBeforeSendHeaders: () => record('session.webRequest.onBeforeSendHeaders'),
    onHeadersReceived: () => record('session.webRequest.onHeadersReceived'),
  };
  setPermissionRequestHandler(handler) {
    record('session.setPermissionRequestHandler');
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler) {
    record('session.setPermissionCheckHandler');
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler() {
    record('session.setDevicePermissionHandler');
  }
  setProxy(config) {
    record('session.setProxy', { config });
    return Promise.resolve();
  }
  setSpellCheckerEnabled(enabled) {
    record('session.setSpellCheckerEnabled', { enabled });
  }
}
export const session = { defaultSession: new Session() };

// ------------------------------------------------------------------------ windows, webContents
let nextId = 1;
const windows = new Set();

class WebContents extends EventEmitter {
  url = '';
  windowOpenHandler;
  constructor(win) {
    super();
    this.id = nextId++;
    this.window = win;
  }
  setWindowOpenHandler(handler) {
    record('webContents.setWindowOpenHandler', { window: this.window.id });
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  async printToPDF(options) {
    record('webContents.printToPDF', { window: this.window.id, options, url: this.url.slice(0, 60), length: this.url.length });
    // Not a rendering: a fixed, valid one-page PDF marks what the stand-in printed.
    return Buffer.from(STAND_IN_PDF, 'latin1');
  }
  openDevTools() {
    record('webContents.openDevTools', { window: this.window.id });
  }
  send(channel, ...args) {
    record('webContents.send', { channel, args });
  }
}

const STAND_IN_PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [...windows];
  }
  static getFocusedWindow() {
    return [...windows].find((w) => w.focused) ?? null;
  }
  constructor(options = {}) {
    super();
    this.id = nextId++;
    this.options = options;
    this.minimized = false;
    this.focused = false;
    this.visible = false;
    this.destroyed = false;
    this.webContents = new WebContents(this);
    windows.add(this);
    record('BrowserWindow.new', { id: this.id, options });
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(path) {
    record('BrowserWindow.loadFile', { id: this.id, path, exists: existsSync(path) });
    if (!existsSync(path)) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${pathToFileURL(path).href}'`);
    this.webContents.url = pathToFileURL(path).href;
    setImmediate(() => this.emit('ready-to-show'));
  }
  async loadURL(url) {
    record('BrowserWindow.loadURL', { id: this.id, url: url.slice(0, 60), length: url.length });
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
  }
  show() {
    record('BrowserWindow.show', { id: this.id });
    this.visible = true;
    this.focused = true;
  }
  focus() {
    record('BrowserWindow.focus', { id: this.id });
    this.focused = true;
  }
  restore() {
    record('BrowserWindow.restore', { id: this.id });
    this.minimized = false;
  }
  minimize() {
    this.minimized = true;
    this.focused = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setMenu(menu) {
    record('BrowserWindow.setMenu', { id: this.id, menu: menu === null ? null : '[menu]' });
  }
  removeMenu() {
    record('BrowserWindow.removeMenu', { id: this.id });
  }
  destroy() {
    if (this.destroyed) return;
    record('BrowserWindow.destroy', { id: this.id });
    this.#gone();
  }
  close() {
    if (this.destroyed) return;
    record('BrowserWindow.close', { id: this.id });
    const event = cancellable();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.#gone();
  }
  #gone() {
    this.destroyed = true;
    windows.delete(this);
    this.emit('closed');
    if (windows.size === 0) app.emit('window-all-closed');
  }
}

// ------------------------------------------------------------------------------- IPC, dialogs
class IpcMain extends EventEmitter {
  handlers = new Map();
  handle(channel, handler) {
    record('ipcMain.handle', { channel });
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  handleOnce(channel, handler) {
    record('ipcMain.handleOnce', { channel });
    this.handlers.set(channel, handler);
  }
  removeHandler(channel) {
    record('ipcMain.removeHandler', { channel });
    this.handlers.delete(channel);
  }
}
export const ipcMain = new IpcMain();

const withoutWindow = (args) => (args[0] instanceof BrowserWindow ? args.slice(1) : args);

export const dialog = {
  async showMessageBox(...args) {
    const [options] = withoutWindow(args);
    const response = settings.messageBoxResponse ?? options.cancelId ?? 0;
    record('dialog.showMessageBox', { options, response });
    return { response, checkboxChecked: false };
  },
  showMessageBoxSync(...args) {
    const [options] = withoutWindow(args);
    const response = settings.messageBoxResponse ?? options.cancelId ?? 0;
    record('dialog.showMessageBoxSync', { options, response });
    return response;
  },
  showErrorBox(title, content) {
    record('dialog.showErrorBox', { title, content });
  },
  async showSaveDialog(...args) {
    const [options] = withoutWindow(args);
    const filePath = settings.saveDir ? join(settings.saveDir, basename(options.defaultPath ?? 'file')) : undefined;
    record('dialog.showSaveDialog', { options, filePath: filePath ?? null });
    return filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' };
  },
  showSaveDialogSync(...args) {
    const [options] = withoutWindow(args);
    const filePath = settings.saveDir ? join(settings.saveDir, basename(options.defaultPath ?? 'file')) : undefined;
    record('dialog.showSaveDialogSync', { options, filePath: filePath ?? null });
    return filePath;
  },
  async showOpenDialog(...args) {
    const [options] = withoutWindow(args);
    const filePaths = settings.openPaths ?? [];
    record('dialog.showOpenDialog', { options, filePaths });
    return { canceled: filePaths.length === 0, filePaths };
  },
  showOpenDialogSync(...args) {
    const [options] = withoutWindow(args);
    const filePaths = settings.openPaths ?? [];
    record('dialog.showOpenDialogSync', { options, filePaths });
    return filePaths.length ? filePaths : undefined;
  },
};

// ------------------------------------------------------------- safeStorage and what must stay unused
export const safeStorage = {
  isEncryptionAvailable() {
    record('safeStorage.isEncryptionAvailable');
    return true;
  },
  encryptString(text) {
    record('safeStorage.encryptString', { length: text.length });
    return Buffer.concat([Buffer.from('stand-in:'), Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)]);
  },
  decryptString(bytes) {
    record('safeStorage.decryptString', { length: bytes.length });
    return Buffer.from(bytes.subarray('stand-in:'.length).map((b) => b ^ 0x5a)).toString('utf8');
  },
};

const recorded = (name) => (...args) => {
  record(name, { args });
  return Promise.resolve();
};
export const shell = { openExternal: recorded('shell.openExternal'), openPath: recorded('shell.openPath'), showItemInFolder: recorded('shell.showItemInFolder') };
export const net = { request: recorded('net.request'), fetch: recorded('net.fetch') };
export const autoUpdater = new EventEmitter();
autoUpdater.checkForUpdates = recorded('autoUpdater.checkForUpdates');
autoUpdater.setFeedURL = recorded('autoUpdater.setFeedURL');
export const protocol = { handle: recorded('protocol.handle'), registerSchemesAsPrivileged: recorded('protocol.registerSchemesAsPrivileged') };
export const nativeTheme = new EventEmitter();
export const powerMonitor = new EventEmitter();
export const crashReporter = { start: recorded('crashReporter.start') };
export const contextBridge = { exposeInMainWorld: recorded('contextBridge.exposeInMainWorld') };
export const ipcRenderer = { invoke: recorded('ipcRenderer.invoke') };

export default { app, BrowserWindow, Menu, session, ipcMain, dialog, safeStorage, shell, net, autoUpdater, protocol, nativeTheme, powerMonitor, crashReporter, contextBridge, ipcRenderer };

// -------------------------------------------------------------------------- the driver's side
const mainWindow = () => [...windows].find((w) => w.options.webPreferences?.preload) ?? [...windows][0];

const COMMANDS = {
  /** Calls the handler the app registered for an IPC channel, as a page at senderUrl would. */
  async invoke({ ipcChannel, args, senderUrl }) {
    const handler = ipcMain.handlers.get(ipcChannel);
    if (!handler) throw new Error(`no handler for IPC channel ${ipcChannel}`);
    const win = mainWindow();
    const url = senderUrl ?? win?.webContents.url ?? '';
    return handler({ sender: win?.webContents, senderFrame: { url }, frameId: 1, processId: 1 }, ...args);
  },
  navigate({ url }) {
    const event = cancellable();
    mainWindow().webContents.emit('will-navigate', event, url);
    return { prevented: event.defaultPrevented };
  },
  redirect({ url }) {
    const event = cancellable();
    mainWindow().webContents.emit('will-redirect', event, url);
    return { prevented: event.defaultPrevented };
  },
  attachWebview() {
    const event = cancellable();
    mainWindow().webContents.emit('will-attach-webview', event, {}, {});
    return { prevented: event.defaultPrevented };
  },
  windowOpen({ url }) {
    const handler = mainWindow().webContents.windowOpenHandler;
    // Electron's default, without a handler, is to allow.
    return handler ? handler({ url, frameName: '', features: '', disposition: 'new-window' }) : { action: 'allow' };
  },
  async permission({ permission }) {
    const s = session.defaultSession;
    const granted = s.permissionRequest
      ? await new Promise((resolve) => s.permissionRequest(mainWindow().webContents, permission, resolve, { requestingUrl: mainWindow().webContents.url }))
      : true;
    const checked = s.permissionCheck ? s.permissionCheck(mainWindow().webContents, permission, mainWindow().webContents.url, {}) : true;
    return { granted, checked };
  },
  async request({ url, resourceType = 'xhr' }) {
    const listener = session.defaultSession.beforeRequest;
    if (!listener) return { cancel: false };
    return new Promise((resolve) => listener({ id: 1, url, method: 'GET', resourceType, webContentsId: mainWindow()?.webContents.id }, (response) => resolve({ cancel: Boolean(response?.cancel), redirectURL: response?.redirectURL ?? null })));
  },
  /** A message the page sends (ipcRenderer.send) to the listeners the app registered with ipcMain.on. */
  ipcSend({ channel, args = [], senderUrl }) {
    const win = mainWindow();
    const url = senderUrl ?? win?.webContents.url ?? '';
    const listeners = ipcMain.listenerCount(channel);
    ipcMain.emit(channel, { sender: win?.webContents, senderFrame: { url }, frameId: 1, processId: 1 }, ...args);
    return { listeners };
  },
  /** An event of the page's webContents that needs no answer (did-navigate, render-process-gone). */
  pageEvent({ event, details = {} }) {
    const contents = mainWindow().webContents;
    const listeners = contents.listenerCount(event);
    contents.emit(event, {}, details);
    return { listeners };
  },
  /** The button the next message boxes "click" (as the messageBoxResponse setting, changed mid-run). */
  setMessageBoxResponse({ response }) {
    settings.messageBoxResponse = response;
    return { response };
  },
  minimize() {
    mainWindow().minimize();
    return { minimized: mainWindow().isMinimized() };
  },
  secondInstance({ argv = [] }) {
    app.emit('second-instance', cancellable(), argv, process.cwd(), {});
    const w = mainWindow();
    return { minimized: w.isMinimized(), focused: w.focused };
  },
  closeWindows() {
    for (const w of [...windows]) w.close();
    return { open: windows.size };
  },
  state() {
    return {
      windows: [...windows].map((w) => ({ id: w.id, url: w.webContents.url, visible: w.visible, minimized: w.minimized })),
      ipcChannels: [...ipcMain.handlers.keys()],
      menu: Menu.current === undefined ? 'default' : Menu.current === null ? null : 'custom',
    };
  },
};

if (process.send) {
  process.on('message', async (message) => {
    if (!message || typeof message.command !== 'string') return;
    try {
      const command = COMMANDS[message.command];
      if (!command) throw new Error(`unknown stand-in command ${message.command}`);
      const result = await command(message.args ?? {});
      process.send({ reply: message.id, ok: true, result });
    } catch (e) {
      process.send({ reply: message.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  // The IPC channel must not keep a finished app alive, nor let it end early: Electron's own
  // event loop keeps the process running until app.quit/exit.
  process.channel?.unref();
  // The driver is gone (a failed test, an interrupted check): do not linger as an orphan.
  process.on('disconnect', () => process.exit(1));
}
const keepAlive = setInterval(() => undefined, 1 << 30);
app.on('quit', () => clearInterval(keepAlive));
