// `npm run web [-- --db PATH] [--port N] [--sample]`: the browser preview of the real UI.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appRoot } from '../../db/paths.js';
import { defaultDataDir } from '../services/data-paths.js';
import { failureHint } from '../cli/failure-hint.js';
import { readAppSettings } from '../services/settings/app-settings-file.js';
import { recoveryHint, isRecoverable } from '../services/backups/recovery.js';
import { startOnDatabase } from '../services/startup.js';
import { chromiumPrinter } from '../services/export/pdf/chromium-printer.js';
import { startPreviewServer } from './server.js';
import { startSyncLoop } from '../services/sync/sync-loop.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      sample: { type: 'boolean', default: false },
    },
  });
  // --sample without --db: a fresh sample database in a temporary folder, so trying the app
  // never touches real data.
  // Without either: the app's own database (the data folder of the settings file).
  const explicit = values.db ?? (values.sample ? join(mkdtempSync(join(tmpdir(), 'xpw-sample-')), 'xpw.sqlite') : undefined);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port が正しくありません: ${values.port}`);
  // Opens (from the sample on a first start), takes the start copy, keeps a daily copy going.
  const { db, created, location, stopBackups } = await startOnDatabase({ baseDir: defaultDataDir(), file: explicit, sampleIfNew: true, log: (m) => console.log(m) });
  const file = location.file;
  const preview = await startPreviewServer({ db, rendererDir: join(appRoot(), 'out', 'renderer'), port, printer: chromiumPrinter() });
  // Team sync: a pass every few seconds while the database is joined to a shared folder.
  const stopSync = startSyncLoop(db.sqlite, { log: (m) => console.error(m) });
  console.log(`データベース: ${file}${created ? ' (サンプルから作成)' : ''}`);
  console.log(`X方針ワークベンチ (ブラウザプレビュー): ${preview.url}`);
  const stop = (): void => {
    void preview.close().then(() => {
      stopSync();
      stopBackups();
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`エラー: ${e instanceof Error ? e.message : String(e)}`);
  // The way out for a database that cannot be used: the newest good backup and how to restore it.
  const known = readAppSettings(defaultDataDir()).settings.backupFolder;
  const hint = isRecoverable(e) && e.file ? recoveryHint(e.file, known ? [known] : [], e.code === 'NOT_SQLITE') : failureHint(e, process.argv.slice(2));
  if (hint) console.error(hint);
  process.exit(1);
});
