#!/usr/bin/env -S npx tsx
// The packaging check (`npm run package:check`, a step of .ci/run): builds the unpacked app with
// electron-builder's real configuration (package.json "build") for Linux against a stand-in
// Electron distribution (no download), then
//   1. verifies the package (verify-package.ts): run-time files, imported packages, the native
//      module outside the asar, no updater, fuses flipped;
//   2. starts the packaged app itself: the asar is extracted and its main process runs under Node
//      with the stand-in `electron` module on an empty profile — the database is created from the
//      packaged sample with the packaged migrations, the contract answers, a PDF export reads the
//      packaged print styles, and quitting leaves no -wal behind.
// Exit code 1 with one line per problem when anything is missing. The Windows targets (NSIS,
// portable) are built by .github/workflows/windows.yml from the same configuration.
// Options: --keep (leave tmp/package-check), --out DIR.
import { extractAll } from '@electron/asar';
import { existsSync, mkdirSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Arch, build, Platform } from 'electron-builder';
import { runMain } from '../electron-stand-in/run-main.js';
import { makeStandInElectronDist } from './stand-in-dist.js';
import { verifyPackage } from './verify-package.js';

const projectDir = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { keep: { type: 'boolean' }, out: { type: 'string' } } });
const work = resolve(values.out ?? join(projectDir, 'tmp', 'package-check'));

async function buildUnpacked(): Promise<string> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const electronDist = makeStandInElectronDist(join(work, 'electron-dist'));
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { electronDist, directories: { output: join(work, 'dist') } },
  });
  return join(work, 'dist', 'linux-unpacked');
}

/** Starts the packaged main process; returns problems. */
async function startPackaged(appOutDir: string): Promise<string[]> {
  const problems: string[] = [];
  const extracted = join(work, 'extracted');
  extractAll(join(appOutDir, 'resources', 'app.asar'), extracted);
  const dataDir = mkdtempSync(join(tmpdir(), 'xpw-package-check-'));
  const saveDir = join(dataDir, 'saved');
  mkdirSync(saveDir);
  const run = runMain({ mainFile: join(extracted, 'out', 'main', 'index.js'), dataDir, saveDir, isPackaged: true });
  const invoke = async (channel: string, input: unknown) =>
    run.command<{ ok: boolean; data?: unknown; error?: { message: string } }>('invoke', { ipcChannel: 'xpw:invoke', args: [channel, input] });
  try {
    await run.waitFor('BrowserWindow.show', () => true, 60_000);
    const rounds = (await invoke('rounds.list', {})) as { ok: boolean; data: { id: number }[] };
    const summary = (await invoke('summary.get', { roundId: rounds.data[0]!.id })) as { data: { level: string; total: number }[] };
    const a = summary.data.find((l) => l.level === 'A');
    if (a?.total !== 132) problems.push(`パッケージのサンプルから作ったデータベースの集計が違います: A ${a?.total}`);
    // The exports load their libraries (docx, exceljs, iconv-lite) and the print styles at run time.
    const roundId = rounds.data[0]!.id;
    for (const request of [
      { kind: 'report', format: 'pdf', roundId },
      { kind: 'report', format: 'docx', roundId },
      { kind: 'grid', format: 'xlsx', roundId },
      { kind: 'grid', format: 'csv', roundId, encoding: 'cp932' },
    ]) {
      const what = `${request.kind}.${request.format}`;
      const started = (await invoke('export.start', request)) as { ok: boolean; data: { jobId: string }; error?: { message: string } };
      if (!started.ok) {
        problems.push(`出力 ${what} を開始できません: ${started.error?.message}`);
        continue;
      }
      let status: { state?: string; error?: unknown } = {};
      for (let i = 0; i < 300 && status.state !== 'done' && status.state !== 'failed'; i++) {
        status = ((await invoke('export.status', { jobId: started.data.jobId })) as { data: { state: string; error?: unknown } }).data;
        if (status.state !== 'done' && status.state !== 'failed') await new Promise((r) => setTimeout(r, 100));
      }
      if (status.state !== 'done') problems.push(`出力 ${what} が完了しません: ${JSON.stringify(status)}`);
    }
    if (!run.records.some((r) => r.kind === 'webContents.printToPDF')) problems.push('PDF出力で printToPDF が呼ばれていません');
    // An import reads CSV (csv-parse, iconv-lite) and .xlsx.
    const csv = Buffer.from('\uFEFF局名,番号,課題名,ランク\r\n危機,1,様々な災害パターンを想定した災害シミュレーションの構築,3\r\n').toString('base64');
    const preview = (await invoke('import.previewStart', { file: { fileName: 'check.csv', data: csv }, options: { roundId, defaultLevel: 'A' } })) as {
      ok: boolean;
      data: { jobId: string };
      error?: { message: string };
    };
    if (!preview.ok) problems.push(`取り込みの確認を開始できません: ${preview.error?.message}`);
    else {
      let status: { state?: string; error?: unknown } = {};
      for (let i = 0; i < 300 && (status.state === undefined || status.state === 'running'); i++) {
        status = ((await invoke('export.status', { jobId: preview.data.jobId })) as { data: { state: string; error?: unknown } }).data;
        if (status.state === 'running') await new Promise((r) => setTimeout(r, 100));
      }
      if (status.state !== 'done') problems.push(`取り込みの確認ができません: ${JSON.stringify(status)}`);
    }
    await run.command('closeWindows');
    const { code } = await run.exited;
    if (code !== 0) problems.push(`終了コードが 0 ではありません: ${code}`);
    const leftovers = readdirSync(dataDir).filter((f) => f.endsWith('-wal') || f.endsWith('-shm'));
    if (leftovers.length) problems.push(`終了後に残ったファイル: ${leftovers.join(', ')}`);
    if (!existsSync(join(dataDir, 'xpw.sqlite'))) problems.push('データベースが作成されていません');
    if (!existsSync(join(dataDir, 'backups')) || readdirSync(join(dataDir, 'backups')).length === 0) problems.push('起動時のバックアップがありません');
  } catch (e) {
    problems.push(`パッケージのアプリが起動しません: ${(e as Error).message}\n${run.output()}`);
    run.child.kill();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return problems;
}

async function main(): Promise<number> {
  if (!existsSync(join(projectDir, 'out', 'main', 'index.js'))) {
    console.error('out/ がありません。先に npm run build を実行してください');
    return 1;
  }
  const started = Date.now();
  const appOutDir = await buildUnpacked();
  const verified = await verifyPackage({ appOutDir, executable: join(appOutDir, 'x-policy-workbench'), projectDir });
  const problems = [...verified.problems];
  if (!problems.length) problems.push(...(await startPackaged(appOutDir)));
  console.log(
    `package check: app.asar ${(verified.asarBytes / 1e6).toFixed(1)} MB, ${verified.asarFiles} files; ${verified.unpackedFiles.length} unpacked (${verified.unpackedFiles.filter((f) => f.endsWith('.node')).join(', ') || 'no .node'}); ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const p of problems) console.error(`✗ ${p}`);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  if (problems.length) return 1;
  console.log('package check: OK (run-time files, native module unpacked, no updater, fuses, packaged app starts and quits cleanly)');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`package check failed: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
