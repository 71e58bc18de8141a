// `npm run web [-- --db PATH] [--port N] [--sample]`: the browser preview of the real UI.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appRoot } from '../../db/paths.js';
import { defaultDbPath } from '../services/data-paths.js';
import { openProfile } from '../services/open-profile.js';
import { chromiumPrinter } from '../services/export/pdf/chromium-printer.js';
import { startPreviewServer } from './server.js';

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
  const file = values.db ?? (values.sample ? join(mkdtempSync(join(tmpdir(), 'xpw-sample-')), 'xpw.sqlite') : defaultDbPath());
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port が正しくありません: ${values.port}`);
  const { db, created } = await openProfile(file, {
    sampleIfNew: true,
    onBackup: (p) => console.log(`移行前のバックアップ: ${p}`),
  });
  const preview = await startPreviewServer({ db, rendererDir: join(appRoot(), 'out', 'renderer'), port, printer: chromiumPrinter() });
  console.log(`データベース: ${file}${created ? ' (サンプルから作成)' : ''}`);
  console.log(`X方針ワークベンチ (ブラウザプレビュー): ${preview.url}`);
  const stop = (): void => {
    void preview.close().then(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`エラー: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
