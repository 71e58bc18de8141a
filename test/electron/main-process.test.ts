// The desktop app's main process, run for real: the built bundle (out/main/index.js, built by the
// ui project's global setup) under Node with the stand-in `electron` module
// (scripts/electron-stand-in), which records what the app asks of Electron and plays Electron's
// part. Asserted on behaviour — what the window is given, what the IPC channel answers from the
// real database file, what is denied, which dialogs appear, which files are left on disk — so
// the assertions hold however the main process is organised inside.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/contract/channels';
import { runMain, type MainRun, type StandInRecord, type StandInSettings } from '../../scripts/electron-stand-in/run-main';
import { damageSchema } from '../helpers/damage';
import { LOCKED_DOWN_WEB_PREFERENCES } from '../helpers/locked-down-window';
import { sha256, tempDir } from '../helpers/temp';

const root = join(import.meta.dirname, '..', '..');
const mainFile = join(root, 'out', 'main', 'index.js');
const rendererDir = join(root, 'out', 'renderer');
const IPC = 'xpw:invoke';

interface Reply {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

function start(dataDir: string, settings: StandInSettings & { env?: Record<string, string> } = {}): MainRun & { invoke(channel: string, input: unknown, senderUrl?: string): Promise<Reply> } {
  const run = runMain({ mainFile, dataDir, ...settings });
  return Object.assign(run, {
    invoke: (channel: string, input: unknown, senderUrl?: string) => run.command<Reply>('invoke', { ipcChannel: IPC, args: [channel, input], senderUrl }),
  });
}

const kinds = (records: StandInRecord[]) => records.map((r) => r.kind);
const ok = <T>(reply: Reply): T => {
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.data as T;
};
const noSidecars = (dir: string) => readdirSync(dir).filter((f) => /-(wal|shm|journal)$/.test(f));

/** A profile after one clean first start: the database and its start backup. */
async function startedProfile(): Promise<string> {
  const dataDir = tempDir();
  const run = start(dataDir, { isPackaged: true });
  await run.waitFor('BrowserWindow.show');
  await run.command('closeWindows');
  expect((await run.exited).code).toBe(0);
  return dataDir;
}

describe('the main process (built bundle, stand-in Electron)', () => {
  it('on an empty profile: creates the database from the sample, takes the start backup, opens one locked-down window', async () => {
    const dataDir = tempDir();
    const saveDir = tempDir();
    const run = start(dataDir, { isPackaged: true, saveDir });
    await run.waitFor('BrowserWindow.show');

    // The database and the start copy, on disk.
    expect(existsSync(join(dataDir, 'xpw.sqlite'))).toBe(true);
    const backups = readdirSync(join(dataDir, 'backups'));
    // The start copy (the day's first is labelled daily).
    expect(backups).toEqual([expect.stringMatching(/^xpw-\d{8}T\d{9}Z-(start|daily)\.sqlite$/)]);
    const copy = new Database(join(dataDir, 'backups', backups[0]!), { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM issues WHERE level = 'A'").pluck().get()).toBe(132);
    copy.close();

    // Single instance first, the handlers before the window, the window with the secure options.
    const order = kinds(run.records);
    expect(order.indexOf('app.requestSingleInstanceLock')).toBeLessThan(order.indexOf('app.ready'));
    for (const k of ['session.webRequest.onBeforeRequest', 'session.setPermissionRequestHandler', 'session.setPermissionCheckHandler', 'ipcMain.handle']) {
      expect(order.indexOf(k), k).toBeGreaterThan(-1);
      expect(order.indexOf(k), k).toBeLessThan(order.indexOf('BrowserWindow.new'));
    }
    expect(run.records.find((r) => r.kind === 'app.setName')).toMatchObject({ name: 'X方針ワークベンチ' });
    const windows = run.records.filter((r) => r.kind === 'BrowserWindow.new');
    expect(windows).toHaveLength(1);
    const { webPreferences, ...options } = (windows[0] as unknown as { options: { webPreferences: Record<string, unknown> } }).options;
    expect(options).toMatchObject({ show: false, title: 'X方針ワークベンチ' });
    expect(webPreferences).toEqual({ preload: join(root, 'out', 'preload', 'index.cjs'), ...LOCKED_DOWN_WEB_PREFERENCES, devTools: false });
    expect(existsSync(webPreferences.preload as string)).toBe(true);
    expect(run.records.find((r) => r.kind === 'BrowserWindow.loadFile')).toMatchObject({ path: join(rendererDir, 'index.html'), exists: true });
    // Packaged: no menu (Electron's default one opens DevTools), DevTools off.
    expect(run.records.find((r) => r.kind === 'Menu.setApplicationMenu')).toMatchObject({ menu: null });
    const state = await run.command<{ ipcChannels: string[]; menu: string | null }>('state');
    expect(state).toMatchObject({ ipcChannels: [IPC], menu: null });
    // The page offers 「共有フォルダから参加」: this start made the database from the sample.
    expect(await run.invoke('share.offer', {})).toMatchObject({ ok: true, data: { offer: true } });

    await run.command('closeWindows');
    expect((await run.exited).code).toBe(0);
  });

  it('answers every contract channel through the registered IPC handler, from the real database', async () => {
    const dataDir = tempDir();
    const saveDir = tempDir();
    const run = start(dataDir, { isPackaged: true, saveDir, openPaths: [saveDir] });
    await run.waitFor('BrowserWindow.show');

    // Every channel reaches the contract: valid input answers, other input gets the contract's
    // own Japanese message naming the channel — never "unknown" or an internal error.
    for (const channel of CHANNELS) {
      const reply = await run.invoke(channel, {});
      if (!reply.ok) {
        expect(reply.error!.code, `${channel}: ${reply.error!.message}`).toBe('INVALID_INPUT');
        expect(reply.error!.message).toContain(`(${channel})`);
      }
    }
    expect(await run.invoke('no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });

    // Real answers from the sample database the start created.
    const rounds = ok<{ id: number; label: string }[]>(await run.invoke('rounds.list', {}));
    expect(rounds.map((r) => r.label)).toEqual(['R6.11']);
    const roundId = rounds[0]!.id;
    const summary = ok<{ level: string; total: number; byRank: Record<string, number> }[]>(await run.invoke('summary.get', { roundId }));
    expect(summary.find((l) => l.level === 'A')).toMatchObject({ total: 132, byRank: { '3': 13, '2': 118, '1': 1 } });
    const info = ok<{ productName: string; dbFile: string }>(await run.invoke('app.info', {}));
    expect(info).toMatchObject({ productName: 'X方針ワークベンチ', dbFile: join(dataDir, 'xpw.sqlite') });

    // Every reading channel answers with data from that file.
    const { issueId: bIssue } = ok<{ issueId: number }>(await run.invoke('issues.resolveKey', { key: '財変-B-4' }));
    const reads: Record<string, unknown> = {
      'app.info': {},
      'organizations.list': {},
      'issues.list': { roundId, offset: 0, limit: 20, levels: ['A'] },
      'issues.get': { issueId: bIssue, roundId },
      'summary.previous': { roundId },
      'settings.get': {},
      'audit.forIssue': { issueId: bIssue },
      'compare.get': { issueId: bIssue, from: 'R6.8', to: 'R6.11' },
      'versionup.labels': {},
      'versionup.status': { from: 'R6.8', to: 'R6.11' },
      'rules.list': {},
      'lint.run': { label: 'R6.11' },
      'export.defaults': {},
      'export.preview': { kind: 'report', format: 'docx', roundId },
      'rounds.stats': {},
      'rounds.history': { issueId: bIssue },
      'scales.list': {},
      'audit.list': { limit: 10 },
      'audit.count': {},
      'audit.facets': {},
      'import.list': {},
      'inquiry.board': {},
      'backups.list': {},
    };
    for (const [channel, input] of Object.entries(reads)) {
      expect(CHANNELS, channel).toContain(channel);
      expect(await run.invoke(channel, input), channel).toMatchObject({ ok: true });
    }
    expect(ok<{ total: number }>(await run.invoke('issues.list', reads['issues.list']))).toMatchObject({ total: 132 });
    expect(ok<{ title: string }>(await run.invoke('issues.get', reads['issues.get']))).toMatchObject({ title: '公共施設マネジメント実行計画の見直し' });
    expect(ok<string[]>(await run.invoke('versionup.labels', {}))).toEqual(['R6.8', 'R6.11']);

    // バージョン情報 from the build: its date and the licences of what it ships.
    const about = ok<{ builtAt: string | null; libraries: { name: string }[] }>(await run.invoke('app.about', {}));
    expect(about.builtAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(about.libraries.map((l) => l.name)).toEqual(expect.arrayContaining(['better-sqlite3', 'react', 'zod']));

    // A change goes through the handler into the file, with its audit entry.
    const { issueId } = ok<{ issueId: number }>(await run.invoke('issues.resolveKey', { key: '会計-A-1' }));
    expect(await run.invoke('evaluations.setRank', { issueId, roundId, rank: '1' })).toMatchObject({ ok: true });
    expect(ok<{ rank: string | null }>(await run.invoke('issues.get', { issueId, roundId }))).toMatchObject({ key: '会計-A-1', rank: '1' });
    expect(ok<{ action: string }[]>(await run.invoke('audit.forIssue', { issueId }))[0]).toMatchObject({ action: expect.stringMatching(/rank/) });

    // A PDF is printed by Electron (a hidden, script-less, sandboxed window) and saved where the Save dialog says.
    const { jobId } = ok<{ jobId: string }>(await run.invoke('export.start', { kind: 'report', format: 'pdf', roundId }));
    let status = ok<{ state: string; result?: { delivery: { kind: string; path: string } } }>(await run.invoke('export.status', { jobId }));
    while (status.state === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      status = ok(await run.invoke('export.status', { jobId }));
    }
    expect(status).toMatchObject({ state: 'done', result: { delivery: { kind: 'saved', path: expect.stringContaining(saveDir) } } });
    expect(readFileSync(status.result!.delivery.path, 'latin1')).toMatch(/^%PDF-1\.4/);
    const printer = run.records.filter((r) => r.kind === 'BrowserWindow.new')[1] as unknown as { id: number; options: { show: boolean; webPreferences: Record<string, unknown> } };
    expect(printer.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    expect(run.records.find((r) => r.kind === 'BrowserWindow.loadURL')).toMatchObject({ id: printer.id, url: expect.stringMatching(/^data:text\/html;charset=utf-8;base64,/) });
    expect(run.records.find((r) => r.kind === 'webContents.printToPDF')).toMatchObject({ options: { pageSize: 'A4', printBackground: true, preferCSSPageSize: true } });
    expect(run.records.find((r) => r.kind === 'BrowserWindow.destroy')).toMatchObject({ id: printer.id });
    const saves = run.records.filter((r) => r.kind === 'dialog.showSaveDialog') as unknown as { options: { defaultPath: string; filters: { extensions: string[] }[] } }[];
    expect(saves.find((r) => r.options.defaultPath.endsWith('.pdf'))).toMatchObject({ options: { filters: [{ extensions: ['pdf'] }] } });

    // Folders and files are chosen in the app's own Open dialog.
    expect(await run.invoke('backups.pick', { what: 'folder' })).toMatchObject({ ok: true });
    expect(run.records.find((r) => r.kind.startsWith('dialog.showOpenDialog'))).toMatchObject({ options: { properties: expect.arrayContaining(['openDirectory']) } });

    // Only the app's own page may call the contract.
    for (const url of ['file:///tmp/evil.html', 'https://example.com/', `${pathToFileURL(rendererDir).href}-other/index.html`]) {
      expect(await run.invoke('rounds.list', {}, url), url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await run.command('closeWindows');
    expect((await run.exited).code).toBe(0);
  });

  it('denies navigation, window.open, webviews, permissions and every non-file: request; never opens anything outside', async () => {
    // A packaged build ignores the dev-server variable: it cannot point the window (and the contract) elsewhere.
    const devServer = 'http://127.0.0.1:5173/';
    const run = start(tempDir(), { isPackaged: true, env: { ELECTRON_RENDERER_URL: devServer } });
    await run.waitFor('BrowserWindow.show');
    expect(kinds(run.records)).not.toContain('BrowserWindow.loadURL');
    expect(await run.command('navigate', { url: devServer })).toEqual({ prevented: true });
    expect(await run.command('request', { url: `${devServer}src/main.tsx` })).toMatchObject({ cancel: true });
    expect(await run.invoke('rounds.list', {}, devServer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const own = `${pathToFileURL(rendererDir).href}/index.html`;
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', `${pathToFileURL(rendererDir).href}/../../package.json`, 'javascript:alert(1)']) {
      expect(await run.command('navigate', { url }), url).toEqual({ prevented: true });
      expect(await run.command('windowOpen', { url }), url).toEqual({ action: 'deny' });
    }
    expect(await run.command('navigate', { url: own })).toEqual({ prevented: false });
    expect(await run.command('attachWebview')).toEqual({ prevented: true });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(await run.command('permission', { permission }), permission).toEqual({ granted: false, checked: false });
    }
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:9/', 'ws://127.0.0.1:9/', 'ftp://example.com/', 'file:///etc/passwd', 'file://server/share/x.html']) {
      expect(await run.command('request', { url }), url).toMatchObject({ cancel: true });
    }
    expect(await run.command('request', { url: `${pathToFileURL(rendererDir).href}/assets/index.js` })).toMatchObject({ cancel: false });
    await run.command('closeWindows');
    expect((await run.exited).code).toBe(0);
    expect(kinds(run.records).filter((k) => /^(shell|net|autoUpdater|protocol)\./.test(k))).toEqual([]);
  });

  it('hands a second start over to the first instance; a second process quits without touching the data', async () => {
    const dataDir = await startedProfile();
    const first = start(dataDir, { isPackaged: false });
    await first.waitFor('BrowserWindow.show');
    // In development (not packaged) the menu and DevTools stay.
    expect(kinds(first.records)).not.toContain('Menu.setApplicationMenu');
    expect(first.records.find((r) => r.kind === 'BrowserWindow.new')).toMatchObject({ options: { webPreferences: { devTools: true } } });
    await first.command('minimize');
    expect(await first.command('secondInstance', { argv: ['xpw'] })).toEqual({ minimized: false, focused: true });

    const before = sha256(join(dataDir, 'xpw.sqlite'));
    const backups = readdirSync(join(dataDir, 'backups'));
    const second = start(dataDir, { singleInstanceLock: false });
    const { code } = await second.exited;
    expect(code).toBe(0);
    expect(kinds(second.records)).toContain('app.quit');
    expect(kinds(second.records)).not.toContain('BrowserWindow.new');
    expect(kinds(second.records)).not.toContain('ipcMain.handle');
    expect(readdirSync(join(dataDir, 'backups'))).toEqual(backups);
    expect(sha256(join(dataDir, 'xpw.sqlite'))).toBe(before);
    await first.command('closeWindows');
    expect((await first.exited).code).toBe(0);
  });

  it('quits cleanly: the database is closed, no -wal or -shm is left, the change is in the file', async () => {
    const dataDir = tempDir();
    const run = start(dataDir, { isPackaged: true });
    await run.waitFor('BrowserWindow.show');
    const roundId = ok<{ id: number }[]>(await run.invoke('rounds.list', {}))[0]!.id;
    const { issueId } = ok<{ issueId: number }>(await run.invoke('issues.resolveKey', { key: '会計-A-1' }));
    ok(await run.invoke('evaluations.setComment', { issueId, roundId, comment: '終了前の所見' }));
    expect(noSidecars(dataDir)).not.toEqual([]); // WAL mode while open
    await run.command('closeWindows');
    expect(await run.exited).toMatchObject({ code: 0, signal: null });
    expect(kinds(run.records)).toContain('app.quit');
    expect(noSidecars(dataDir)).toEqual([]);
    const db = new Database(join(dataDir, 'xpw.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT comment FROM evaluations WHERE issue_id = ? AND round_id = ?').pluck().get(issueId, roundId)).toBe('終了前の所見');
    db.close();
  });
});

describe('closing the window with unsaved edits (記載ルール)', () => {
  const UNSAVED = 'xpw:unsaved';
  const SAVE = 'xpw:save-before-close';
  const SAVED = 'xpw:saved';
  type Box = { options: { title: string; message: string; buttons: string[]; defaultId: number; cancelId: number } };
  const boxes = (run: MainRun) => run.records.filter((r) => r.kind === 'dialog.showMessageBox') as unknown as Box[];
  const saveRequests = (run: MainRun) => run.records.filter((r) => r.kind === 'webContents.send' && r.channel === SAVE) as unknown as { args: [string] }[];
  const openWindows = async (run: MainRun) => (await run.command<{ windows: unknown[] }>('state')).windows.length;

  it('asks with the three choices: keep editing stays; a save that fails stays; a save that works closes', async () => {
    const run = start(await startedProfile(), { isPackaged: true, messageBoxResponse: 2 });
    await run.waitFor('BrowserWindow.show');
    expect(await run.command('ipcSend', { channel: UNSAVED, args: ['記載ルールの変更'] })).toEqual({ listeners: 1 });

    // 編集を続ける: the window stays, nothing is saved.
    await run.command('closeWindows');
    await run.waitFor('dialog.showMessageBox');
    expect(boxes(run)[0]!.options).toMatchObject({
      title: '保存されていない変更があります',
      message: '記載ルールの変更がまだ保存されていません。ウィンドウを閉じる前に保存しますか。',
      buttons: ['保存して閉じる', '保存せずに閉じる', '編集を続ける'],
      defaultId: 2,
      cancelId: 2,
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await openWindows(run)).toBe(1);
    expect(saveRequests(run)).toEqual([]);

    // 保存して閉じる: the page is asked to save; it could not (it says why on its screen): the window stays.
    await run.command('setMessageBoxResponse', { response: 0 });
    await run.command('closeWindows');
    const first = (await run.waitFor('webContents.send', (r) => r.channel === SAVE)) as unknown as { args: [string] };
    expect(first.args[0]).toMatch(/^[\w-]{36}$/);
    await run.command('ipcSend', { channel: SAVED, args: ['another request', true] }); // not this request's answer
    await run.command('ipcSend', { channel: SAVED, args: [first.args[0], false] });
    await new Promise((r) => setTimeout(r, 100));
    expect(await openWindows(run)).toBe(1);
    expect(kinds(run.records)).not.toContain('app.quit');

    // Again, and the save works: the window closes and the app ends normally.
    await run.command('closeWindows');
    await run.waitFor('webContents.send', (r) => r.channel === SAVE && (r as unknown as { args: [string] }).args[0] !== first.args[0]);
    const second = saveRequests(run)[1]!.args[0];
    await run.command('ipcSend', { channel: SAVED, args: [second, true] });
    expect((await run.exited).code).toBe(0);
    expect(boxes(run)).toHaveLength(3);
  });

  it('closes without saving on 保存せずに閉じる, and does not ask once nothing is unsaved', async () => {
    const dataDir = await startedProfile();
    const run = start(dataDir, { isPackaged: true, messageBoxResponse: 1 });
    await run.waitFor('BrowserWindow.show');
    await run.command('ipcSend', { channel: UNSAVED, args: ['記載ルールの変更'] });
    await run.command('closeWindows');
    expect((await run.exited).code).toBe(0);
    expect(boxes(run)).toHaveLength(1);
    expect(saveRequests(run)).toEqual([]);

    // Saved (or undone) on the page: it says nothing is unsaved, and the window closes at once.
    const again = start(dataDir, { isPackaged: true, messageBoxResponse: 2 });
    await again.waitFor('BrowserWindow.show');
    await again.command('ipcSend', { channel: UNSAVED, args: ['記載ルールの変更'] });
    await again.command('ipcSend', { channel: UNSAVED, args: [null] });
    // A page that crashed holds no edits: nothing to ask about either.
    await again.command('ipcSend', { channel: UNSAVED, args: ['記載ルールの変更'] });
    expect(await again.command('pageEvent', { event: 'render-process-gone', details: { reason: 'crashed' } })).toEqual({ listeners: 1 });
    // A message from a page that is not the app's own is not listened to.
    await again.command('ipcSend', { channel: UNSAVED, args: ['記載ルールの変更'], senderUrl: 'https://example.com/' });
    await again.command('closeWindows');
    expect((await again.exited).code).toBe(0);
    expect(boxes(again)).toEqual([]);
  });
});

describe('a database the app cannot use (start-up recovery dialog)', () => {
  const cases: { name: string; damage: (file: string) => void; message: string }[] = [
    {
      name: "another application's SQLite file",
      damage: (file) => {
        const other = new Database(file);
        other.exec('PRAGMA application_id = 0; CREATE TABLE other_app (x)');
        other.close();
      },
      message: 'X方針ワークベンチのデータベースではありません',
    },
    {
      name: 'a file from a newer version',
      damage: (file) => {
        const db = new Database(file);
        db.pragma('user_version = 999');
        db.close();
      },
      message: '新しいバージョンのアプリで更新されたデータベースです',
    },
    {
      name: 'a corrupt file',
      damage: (file) => {
        const copy = `${file}.tmp`;
        damageSchema(file, copy);
        copyFileSync(copy, file);
      },
      message: 'データベースが破損しています',
    },
  ];

  for (const { name, damage, message } of cases) {
    it(`${name}: says what is wrong with the restore command, touches nothing, quits on 終了する`, async () => {
      const dataDir = await startedProfile();
      const file = join(dataDir, 'xpw.sqlite');
      if (name.startsWith('another')) {
        // Another program's database where ours was (the app's backups still beside it).
        const other = join(tempDir(), 'other.sqlite');
        damage(other);
        copyFileSync(other, file);
      } else damage(file);
      const hash = sha256(file);
      const backup = join(dataDir, 'backups', readdirSync(join(dataDir, 'backups'))[0]!);

      const run = start(dataDir, { isPackaged: true, messageBoxResponse: 1 });
      const shown = (await run.waitFor('dialog.showMessageBox')) as unknown as { options: { title: string; message: string; detail: string; buttons: string[]; defaultId: number } };
      expect(shown.options).toMatchObject({ title: 'X方針ワークベンチを起動できません', message, buttons: ['最新のバックアップから復元する', '終了する'], defaultId: 1 });
      expect(shown.options.detail).toContain(`xpw restore --db "${file}" --from "${backup}"`);
      expect((await run.exited).code).toBe(0);
      expect(kinds(run.records)).not.toContain('BrowserWindow.new');
      expect(sha256(file)).toBe(hash);
    });
  }

  it('restores the newest good backup on consent, keeps the unusable file aside, and starts', async () => {
    const dataDir = await startedProfile();
    const file = join(dataDir, 'xpw.sqlite');
    cases[2]!.damage(file);
    const hash = sha256(file);
    const run = start(dataDir, { isPackaged: true, messageBoxResponse: 0 });
    await run.waitFor('BrowserWindow.show');
    const aside = readdirSync(dataDir).find((f) => f.startsWith('xpw.sqlite.unreadable-'))!;
    expect(sha256(join(dataDir, aside))).toBe(hash);
    const roundId = ok<{ id: number }[]>(await run.invoke('rounds.list', {}))[0]!.id;
    expect(ok<{ level: string; total: number }[]>(await run.invoke('summary.get', { roundId }))[0]).toMatchObject({ level: 'A', total: 132 });
    await run.command('closeWindows');
    expect((await run.exited).code).toBe(0);
  });
});

describe('the built preload', () => {
  it('exposes exactly invoke(channel, input) over the one IPC channel, and the close guard', async () => {
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const sent: unknown[][] = [];
    const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve('answer')),
        send: (...args: unknown[]) => void sent.push(args),
        on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => void listeners.set(channel, listener),
        removeListener: (channel: string) => void listeners.delete(channel),
      },
    };
    const source = readFileSync(join(root, 'out', 'preload', 'index.cjs'), 'utf8');
    const module = { exports: {} };
    runInNewContext(source, {
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`the preload requires ${name}`);
        return electron;
      },
      module,
      exports: module.exports,
    });
    expect(Object.keys(exposed)).toEqual(['xpw']);
    const api = exposed.xpw as Record<string, (...a: unknown[]) => Promise<unknown>>;
    expect(Object.keys(api)).toEqual(['invoke', 'setUnsaved', 'onSaveBeforeClose']);
    await expect(api.invoke!('rounds.list', { a: 1 })).resolves.toBe('answer');
    expect(invoked).toEqual([[IPC, 'rounds.list', { a: 1 }]]);

    // The close guard: what is unsaved goes to the window; the window's save request runs the page's
    // save and answers with its outcome (a save that throws is a failed save).
    api.setUnsaved!('記載ルールの変更');
    api.setUnsaved!(null);
    let outcome: boolean | Error = true;
    const unsubscribe = (api.onSaveBeforeClose as unknown as (save: () => Promise<boolean>) => () => void)(() => (outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome)));
    const request = async (id: string) => {
      listeners.get('xpw:save-before-close')!({}, id);
      await new Promise((r) => setTimeout(r, 10));
    };
    await request('r1');
    outcome = false;
    await request('r2');
    outcome = new Error('保存できません');
    await request('r3');
    expect(sent).toEqual([
      ['xpw:unsaved', '記載ルールの変更'],
      ['xpw:unsaved', null],
      ['xpw:saved', 'r1', true],
      ['xpw:saved', 'r2', false],
      ['xpw:saved', 'r3', false],
    ]);
    unsubscribe();
    expect(listeners.has('xpw:save-before-close')).toBe(false);
  });
});
