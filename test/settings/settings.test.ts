// The settings screen's data: validated as a whole before anything is written, one audit entry
// per changed setting, the data folder in the settings file (taking effect, with the data carried
// over, at the next start), and the export dialog starting from the chosen font and paper.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { dispatch } from '../../electron/contract/dispatch';
import { createPathGate } from '../../electron/contract/path-gate';
import { tmpdir } from 'node:os';
import type { Reply } from '../../electron/contract/channels';
import { DEFAULT_BACKUP_POLICY } from '../../electron/services/backups/policy';
import { readAppSettings, resolveDatabaseFile, settingsFilePath } from '../../electron/services/settings/app-settings-file';
import { readSettingsView, saveSettings } from '../../electron/services/settings/settings-service';
import { canonicalDump } from '../../electron/services/snapshot/canonical-dump';
import { sampleDb, tempDir } from '../helpers/temp';

let base: string;
const saved = process.env.XPW_DATA_DIR;
beforeEach(() => {
  base = tempDir('xpw-profile-');
  process.env.XPW_DATA_DIR = base;
});
afterEach(() => {
  if (saved === undefined) delete process.env.XPW_DATA_DIR;
  else process.env.XPW_DATA_DIR = saved;
});

const settingsRows = (db: { sqlite: import('better-sqlite3').Database }) => JSON.stringify(db.sqlite.prepare("SELECT * FROM settings WHERE key <> 'searchIndexVersion' ORDER BY key").all());
const auditCount = (db: { sqlite: import('better-sqlite3').Database }) => db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

describe('settings', () => {
  it('shows the defaults: the OS user, the document conventions, backups beside the database', async () => {
    const db = await sampleDb();
    const view = readSettingsView(db);
    expect(view).toMatchObject({
      displayName: '',
      exportDefaults: { font: 'BIZ UDゴシック', paper: 'auto' },
      backups: { ...DEFAULT_BACKUP_POLICY, defaultFolder: join(db.file, '..', 'backups') },
      data: { current: join(db.file, '..'), configured: null, defaultDir: base, isAppDatabase: false, fileError: null },
    });
    expect(view.osUserName.length).toBeGreaterThan(0);
    expect(view.fonts).toContain('ＭＳ 明朝');
    db.close();
  });

  it('saves every setting, audits each change once, and the export dialog starts from them', async () => {
    const db = await sampleDb();
    const backups = join(tempDir(), 'バックアップ');
    const nextData = join(tempDir(), 'データ');
    const before = auditCount(db);
    const view = saveSettings(db, {
      displayName: '事務局 山田',
      exportDefaults: { font: 'BIZ UD明朝', paper: 'A4' },
      backups: { folder: backups, keepLast: 5, keepDays: 14, maxTotalMb: 500 },
      dataDir: nextData,
    });
    expect(view).toMatchObject({ displayName: '事務局 山田', exportDefaults: { font: 'BIZ UD明朝', paper: 'A4' }, backups: { folder: backups, keepLast: 5 }, data: { configured: nextData } });
    expect(existsSync(backups)).toBe(true); // created and proven writable
    const audit = db.sqlite.prepare("SELECT actor, before, after FROM audit_log WHERE action = 'settings.set' ORDER BY id").all() as { actor: string; before: string; after: string }[];
    expect(audit).toHaveLength(4);
    expect(audit.map((a) => Object.keys(JSON.parse(a.after))[0])).toEqual(['displayName', 'export.defaults', 'backups.policy', 'dataDir']);
    expect(JSON.parse(audit[3]!.after)).toEqual({ dataDir: nextData });
    expect(auditCount(db)).toBe(before + 4);
    expect(readAppSettings(base).settings).toMatchObject({ dataDir: nextData, movedFrom: join(db.file, '..') });

    // Saving the same again changes and audits nothing.
    saveSettings(db, { displayName: '事務局 山田', exportDefaults: { font: 'BIZ UD明朝', paper: 'A4' }, backups: { folder: backups, keepLast: 5, keepDays: 14, maxTotalMb: 500 }, dataDir: nextData });
    expect(auditCount(db)).toBe(before + 4);

    const reply = (await dispatch({ db }, 'export.defaults', {})) as Reply<'export.defaults'>;
    expect(reply).toMatchObject({ ok: true, data: { defaultFont: 'BIZ UD明朝', defaultPaper: 'A4' } });
    db.close();
  });

  it('writes nothing when any part is invalid, and says what in Japanese', async () => {
    const db = await sampleDb();
    const rows = settingsRows(db);
    const audits = auditCount(db);
    const cases: [unknown, RegExp][] = [
      [{ displayName: '山田', backups: { ...DEFAULT_BACKUP_POLICY, folder: 'relative/folder' } }, /バックアップの保存先は絶対パスで指定してください/],
      [{ displayName: '山田', dataDir: '\\\\fileserver\\share\\xpw' }, /ネットワーク上のフォルダ/],
      [{ displayName: '山田', dataDir: join(writeFile(), 'sub') }, /データの保存場所に書き込めません/],
      [{ displayName: '山田', backups: { ...DEFAULT_BACKUP_POLICY, keepLast: 0 } }, /「最新から残す件数」は 1〜1,000 の整数で指定してください/],
      [{ displayName: '山田', backups: { ...DEFAULT_BACKUP_POLICY, maxTotalMb: 'たくさん' } }, /「合計の上限 \(MB\)」/],
      [{ displayName: '山田', exportDefaults: { font: 'Comic Sans', paper: 'A4' } }, /exportDefaults\.font/],
      [{ displayName: 'あ'.repeat(51) }, /displayName/],
    ];
    for (const [input, message] of cases) {
      // As the preview started with --allow-dir <the temp folder>: typed paths reach the checks below.
      const reply = (await dispatch({ db, host: { deliver: () => Promise.reject(new Error('none')), paths: createPathGate([tmpdir()]) } }, 'settings.set', input)) as Reply<'settings.set'>;
      expect(reply.ok, JSON.stringify(input)).toBe(false);
      if (!reply.ok) expect(reply.error.message).toMatch(message);
    }
    expect(settingsRows(db)).toBe(rows);
    expect(auditCount(db)).toBe(audits);
    expect(existsSync(settingsFilePath(base))).toBe(false);
    db.close();
  });

  it('rolls the database back when the settings file cannot be written', async () => {
    const db = await sampleDb();
    const rows = settingsRows(db);
    process.env.XPW_DATA_DIR = join(writeFile(), 'profile'); // its parent is a file
    expect(() => saveSettings(db, { displayName: '山田', dataDir: tempDir() })).toThrow();
    expect(settingsRows(db)).toBe(rows);
    db.close();
  });

  it('uses a changed data folder from the next start, carrying the data over and leaving the old file', async () => {
    const first = join(base, 'xpw.sqlite');
    const db = await sampleDb(first);
    const next = join(tempDir(), 'D-drive', 'X方針');
    expect(readSettingsView(db).data.isAppDatabase).toBe(true);
    saveSettings(db, { dataDir: next });
    const content = canonicalDump(db.sqlite);
    db.close();

    const location = await resolveDatabaseFile(base);
    expect(location).toEqual({ file: join(next, 'xpw.sqlite'), copiedFrom: first, settingsError: null });
    const moved = await openDatabase(location.file);
    expect(canonicalDump(moved.sqlite)).toBe(content);
    moved.close();
    expect(existsSync(first)).toBe(true);
    // Once carried over, later starts just use it.
    expect(await resolveDatabaseFile(base)).toMatchObject({ file: join(next, 'xpw.sqlite'), copiedFrom: null });
  });

  it('runs on the defaults when the settings file is damaged, and says so', async () => {
    mkdirSync(base, { recursive: true });
    writeFileSync(settingsFilePath(base), '{"dataDir": 42');
    expect(await resolveDatabaseFile(base)).toMatchObject({ file: join(base, 'xpw.sqlite'), settingsError: expect.stringMatching(/設定ファイルを読めないため、既定の設定で動いています/) });
    writeFileSync(settingsFilePath(base), '{"dataDir": 42}');
    expect(readAppSettings(base).error).toMatch(/設定ファイルの内容が正しくないため/);
    expect(readFileSync(settingsFilePath(base), 'utf8')).toBe('{"dataDir": 42}'); // not overwritten
  });
});

/** A regular file: a path below it can be neither created nor written. */
function writeFile(): string {
  const f = join(tempDir(), 'a-file');
  writeFileSync(f, 'x');
  return f;
}
