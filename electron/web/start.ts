// `npm run web [-- --db PATH] [--port N] [--sample] [--allow-dir DIR …]`: the browser preview of the real UI.
// The page may name files only under the --allow-dir folders (it has no file dialogs; path-gate.ts).
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appRoot } from '../../db/paths.js';
import { defaultDataDir } from '../services/data-paths.js';
import { failureHint } from '../cli/failure-hint.js';
import { readAppSettings } from '../services/settings/app-settings-file.js';
import { recoveryHint, isRecoverable } from '../services/backups/recovery.js';
import { ContractWorkers } from '../worker/contract-workers.js';
import { chromiumPrinter } from '../services/export/pdf/chromium-printer.js';
import { startPreviewServer } from './server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      sample: { type: 'boolean', default: false },
      'allow-dir': { type: 'string', multiple: true, default: [] },
    },
  });
  // --sample without --db: a fresh sample database in a temporary folder, so trying the app
  // never touches real data.
  // Without either: the app's own database (the data folder of the settings file).
  const explicit = values.db ?? (values.sample ? join(mkdtempSync(join(tmpdir(), 'xpw-sample-')), 'xpw.sqlite') : undefined);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port が正しくありません: ${values.port}`);
  // Typed paths from the page only inside these folders; the path gate runs in the workers.
  const allowDirs = values['allow-dir'].map((d) => resolve(d));
  for (const d of allowDirs) if (!existsSync(d) || !statSync(d).isDirectory()) throw new Error(`--allow-dir のフォルダがありません: ${d}`);
  // The contract workers open the database (from the sample on a first start), take the start
  // copy and keep a daily copy going, and the long lane runs team sync's background pass while the
  // database is joined to a share; this process only serves HTTP and forwards requests.
  const workers = await ContractWorkers.start({ baseDir: defaultDataDir(), file: explicit, sampleIfNew: true, allowDirs, syncLoop: true, log: (m) => console.log(m) });
  const { file, created } = workers;
  const preview = await startPreviewServer({ contract: workers, rendererDir: join(appRoot(), 'out', 'renderer'), port, printer: chromiumPrinter() });
  console.log(`データベース: ${file}${created ? ' (サンプルから作成)' : ''}`);
  if (allowDirs.length) console.log(`画面から指定できるフォルダ: ${allowDirs.join('、')}`);
  console.log(`X方針ワークベンチ (ブラウザプレビュー): ${preview.url}`);
  const stop = (): void => {
    void preview
      .close()
      .then(() => workers.close())
      .then(() => process.exit(0));
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
