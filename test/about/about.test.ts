// バージョン情報 and `xpw --version`: the version from package.json, the data version the
// migrations produce, and the licence of every library the package ships — read from the
// package.json and LICENSE files in node_modules, with nothing left out of the installer listed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../db/open';
import type { AboutInfo } from '../../electron/contract/channels';
import { dispatch } from '../../electron/contract/dispatch';
import { excludedFromPackage, librariesOfModules, productionLibraries } from '../../electron/services/about/licenses';
import { sampleDb, tempDir } from '../helpers/temp';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

describe('バージョン情報', () => {
  it('answers app.about with the version, data version and the shipped libraries with their licences', async () => {
    const db = await sampleDb();
    const reply = (await dispatch({ db }, 'app.about', {})) as { ok: true; data: AboutInfo };
    expect(reply.ok).toBe(true);
    const about = reply.data;
    expect(about).toMatchObject({ productName: 'X方針ワークベンチ', version: pkg.version, dataVersion: schemaVersion(), runtime: { node: process.versions.node } });
    expect(about.dataVersion).toBeGreaterThan(0);
    const names = about.libraries.map((l) => l.name);
    // Every production dependency is listed, except what the installer leaves out.
    for (const dep of Object.keys(pkg.dependencies).filter((d) => !excludedFromPackage(root).has(d))) expect(names, dep).toContain(dep);
    expect(names).not.toContain('playwright-core');
    const sqlite = about.libraries.find((l) => l.name === 'better-sqlite3')!;
    expect(sqlite.license).toBe('MIT');
    expect(sqlite.text).toMatch(/Permission is hereby granted/);
    expect(about.libraries.find((l) => l.name === 'zod')).toMatchObject({ license: 'MIT' });
    db.close();
  });

  it("follows Node's resolution: nested versions, each package once, licence text from LICENSE files", () => {
    const project = tempDir();
    write(join(project, 'package.json'), JSON.stringify({ dependencies: { a: '1', b: '1' }, build: { files: ['out/**', '!node_modules/b/**'] } }));
    write(join(project, 'node_modules/a/package.json'), JSON.stringify({ name: 'a', version: '1.0.0', license: 'MIT', dependencies: { c: '2' } }));
    write(join(project, 'node_modules/a/LICENSE.md'), 'MIT License\nCopyright (c) A');
    write(join(project, 'node_modules/a/node_modules/c/package.json'), JSON.stringify({ name: 'c', version: '2.0.0', licenses: [{ type: 'Apache-2.0' }] }));
    write(join(project, 'node_modules/c/package.json'), JSON.stringify({ name: 'c', version: '1.0.0', license: { type: 'ISC' } }));
    write(join(project, 'node_modules/b/package.json'), JSON.stringify({ name: 'b', version: '1.0.0', license: 'MIT' }));
    expect(productionLibraries(project)).toEqual([
      { name: 'a', version: '1.0.0', license: 'MIT', text: 'MIT License\nCopyright (c) A' },
      { name: 'c', version: '2.0.0', license: 'Apache-2.0', text: null },
    ]);
    expect(librariesOfModules([join(project, 'node_modules/a/index.js'), `\0${join(project, 'node_modules/c/x.js')}?commonjs`, join(project, 'src/own.ts')]).map((l) => `${l.name}@${l.version}`)).toEqual([
      'a@1.0.0',
      'c@1.0.0',
    ]);
  });

  it('xpw --version prints the version and the data version', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin', 'xpw.mjs'), '--version'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`xpw (X方針ワークベンチ) ${pkg.version}`);
    expect(run.stdout).toContain(`データ版: ${schemaVersion()}`);
  });
});
