// The packaging check's verdicts, on real asar archives written with @electron/asar and a real
// fuse wire flipped with @electron/fuses: a complete package passes; a missing run-time file, a
// native module packed inside the asar, a missing imported package, a fuse left on and update
// machinery each fail with a message naming what is wrong. (The check itself — electron-builder
// with the project's config, then starting the packaged app — runs in .ci/run: package check.)
import { createPackageWithOptions } from '@electron/asar';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeStandInElectronDist } from '../../scripts/package/stand-in-dist';
import { importedPackages, runtimeFiles, verifyPackage } from '../../scripts/package/verify-package';
import { tempDir } from '../helpers/temp';

const write = (root: string, file: string, text = 'x') => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};

/** A project as the app's root sees it: package.json, the build, migrations, resources. */
function project(): string {
  const dir = tempDir();
  write(dir, 'package.json', JSON.stringify({ name: 'x', productName: 'X方針ワークベンチ', version: '1.2.3', main: 'out/main/index.js' }));
  write(dir, 'out/main/index.js', 'import Database from "better-sqlite3";\nimport { z } from "zod";\nexport const a = [Database, z];\n');
  write(dir, 'out/main/index.js.map', '{}');
  write(dir, 'out/renderer/index.html', '<!doctype html>');
  write(dir, 'db/migrations/0000_initial.sql', 'CREATE TABLE t (a);');
  write(dir, 'db/migrations/meta/_journal.json', '{}');
  write(dir, 'resources/print/print.css', 'body {}');
  write(dir, 'resources/sample/round.json', '{}');
  write(dir, 'resources/build/icon.png', 'png');
  return dir;
}

interface Breakage {
  omit?: string[];
  packNative?: boolean;
  runAsNode?: boolean;
  updater?: boolean;
}

async function packageOf(projectDir: string, broken: Breakage = {}) {
  const appOutDir = tempDir();
  makeStandInElectronDist(appOutDir);
  const app = tempDir();
  const files = [...runtimeFiles(projectDir), 'node_modules/better-sqlite3/package.json', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/zod/package.json'];
  for (const f of files.filter((f) => !broken.omit?.includes(f))) write(app, f, f.endsWith('package.json') && f !== 'package.json' ? '{}' : f === 'package.json' ? JSON.stringify({ productName: 'X方針ワークベンチ', version: '1.2.3', main: 'out/main/index.js' }) : f === 'out/main/index.js' ? 'import Database from "better-sqlite3";\nimport { z } from "zod";\n' : 'data');
  await createPackageWithOptions(app, join(appOutDir, 'resources', 'app.asar'), broken.packNative ? {} : { unpack: '*.node' });
  if (broken.updater) write(appOutDir, 'resources/app-update.yml', 'provider: generic');
  const executable = join(appOutDir, 'electron');
  await flipFuses(executable, {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: broken.runAsNode ?? false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  });
  return verifyPackage({ appOutDir, executable, projectDir });
}

describe('packaging check', () => {
  it('lists what the app opens at run time: the build (no source maps), migrations, resources (not the installer icon)', () => {
    expect(runtimeFiles(project())).toEqual([
      'db/migrations/0000_initial.sql',
      'db/migrations/meta/_journal.json',
      'out/main/index.js',
      'out/renderer/index.html',
      'package.json',
      'resources/print/print.css',
      'resources/sample/round.json',
    ]);
  });

  it('reads the packages a bundle imports, not strings that look like imports', () => {
    const bundle = 'import Database from "better-sqlite3";\nimport { sql } from "drizzle-orm/sqlite-core";\nimport { a } from "@scope/pkg/sub";\nimport "./local.js";\nimport { x } from "node:fs";\nimport { app } from "electron";\nconst m = await import("exceljs");\nconst text = " from \\"not-a-package\\"";\n';
    expect(importedPackages(bundle)).toEqual(['@scope/pkg', 'better-sqlite3', 'drizzle-orm', 'exceljs']);
  });

  it('passes a complete package', async () => {
    const verified = await packageOf(project());
    expect(verified.problems).toEqual([]);
    expect(verified.unpackedFiles).toEqual(['node_modules/better-sqlite3/build/Release/better_sqlite3.node']);
  });

  it('fails when a file the app opens at run time is missing, naming it', async () => {
    const { problems } = await packageOf(project(), { omit: ['resources/print/print.css', 'db/migrations/0000_initial.sql'] });
    expect(problems).toEqual([
      '実行時に読むファイルがパッケージにありません: db/migrations/0000_initial.sql',
      '実行時に読むファイルがパッケージにありません: resources/print/print.css',
    ]);
  });

  it('fails when the native module is inside the asar', async () => {
    const { problems } = await packageOf(project(), { packNative: true });
    expect(problems).toContain('ネイティブモジュールが app.asar の中にあります (読み込めません): node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  });

  it('fails when a package the main bundle imports is missing', async () => {
    const { problems } = await packageOf(project(), { omit: ['node_modules/zod/package.json'] });
    expect(problems).toEqual(['main が読み込むパッケージがありません: node_modules/zod']);
  });

  it('fails when a fuse is left on or update machinery is packaged', async () => {
    const { problems } = await packageOf(project(), { runAsNode: true, updater: true });
    expect(problems).toEqual(['resources/app-update.yml があります (自動更新は使いません)', 'Electron のヒューズ RunAsNode が オフ ではありません (1)']);
  });
});
