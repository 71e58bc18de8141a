// Windows developer set-up (issue 10 f): programs run without a shell (a node.exe under
// C:\Program Files stays one argument), and better-sqlite3 for Electron is built once into a
// folder of its own, leaving the Node.js build that the tests and the CLI load untouched.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteOptions } from '../../db/sqlite';
import { tempDir } from '../helpers/temp';
// @ts-expect-error — a plain .mjs script without types
import { bindingIn, electronNativeDir, ensureElectronBinding, runDirect } from '../../scripts/electron-native.mjs';

const root = join(import.meta.dirname, '..', '..');

/** A project folder with a stand-in better-sqlite3 package holding a Node build. */
function fakeProject(): string {
  const base = tempDir();
  const pkg = join(base, 'node_modules', 'better-sqlite3');
  mkdirSync(join(pkg, 'build', 'Release'), { recursive: true });
  mkdirSync(join(pkg, 'src'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  writeFileSync(join(pkg, 'binding.gyp'), '{}');
  writeFileSync(join(pkg, 'src', 'better_sqlite3.cpp'), '// sources');
  writeFileSync(join(pkg, 'build', 'Release', 'better_sqlite3.node'), 'node build');
  return base;
}

describe('better-sqlite3 builds for Node and Electron kept apart', () => {
  it('builds the Electron one once, in its own folder, from a copy of the sources; the Node build stays', () => {
    const base = fakeProject();
    const calls: string[][] = [];
    const run = (cmd: string, args: string[]) => {
      calls.push([cmd, ...args]);
      const dir = args[args.indexOf('--module-dir') + 1]!;
      // The copy has the sources and not the Node build.
      expect(existsSync(join(dir, 'node_modules', 'better-sqlite3', 'src', 'better_sqlite3.cpp'))).toBe(true);
      expect(existsSync(join(dir, 'node_modules', 'better-sqlite3', 'build'))).toBe(false);
      mkdirSync(join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
      writeFileSync(bindingIn(dir), 'electron build');
      return 0;
    };
    const binding = ensureElectronBinding('45.4.1', { base, run, log: () => {} });
    expect(relative(base, binding).split(/[\\/]/)).toEqual(['.native', `better-sqlite3-12.11.1-electron-45.4.1-${process.platform}-${process.arch}`, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node']);
    expect(readFileSync(binding, 'utf8')).toBe('electron build');
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(process.execPath);
    expect(calls[0]).toEqual(expect.arrayContaining(['--version', '45.4.1', '--only', 'better-sqlite3']));
    expect(readFileSync(join(base, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('node build');
    // Switching back and forth costs nothing now: no second build.
    expect(ensureElectronBinding('45.4.1', { base, run, log: () => {} })).toBe(binding);
    expect(calls).toHaveLength(1);
    // Another Electron version gets a folder of its own.
    expect(electronNativeDir('46.0.0', { base })).not.toBe(electronNativeDir('45.4.1', { base }));
  });

  it('a failed build leaves no half folder and says what a Windows developer needs', () => {
    const base = fakeProject();
    expect(() => ensureElectronBinding('45.4.1', { base, run: () => 1, log: () => {} })).toThrow(/Visual Studio Build Tools.*Python/);
    expect(readdirSync(join(base, '.native'))).toEqual([]);
  });

  it('runs a program under a folder with spaces as one argument (no shell)', () => {
    const dir = join(tempDir(), 'Program Files', 'nodejs tools');
    mkdirSync(dir, { recursive: true });
    const script = join(dir, 'write marker.mjs');
    writeFileSync(script, "import { writeFileSync } from 'node:fs'; writeFileSync(process.argv[2], process.argv.slice(3).join('|'));");
    const out = join(dir, 'out put.txt');
    expect(runDirect(process.execPath, [script, out, 'a b', '&', '%PATH%'], { stdio: 'ignore' })).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('a b|&|%PATH%');
    expect(readFileSync(join(root, 'scripts', 'start-electron.mjs'), 'utf8')).not.toMatch(/shell\s*:/);
  });
});

describe('sqliteOptions', () => {
  const had = Object.getOwnPropertyDescriptor(process.versions, 'electron');
  afterEach(() => {
    if (had) Object.defineProperty(process.versions, 'electron', had);
    else delete (process.versions as Record<string, string>).electron;
    delete process.env.XPW_NATIVE_BINDING;
  });

  it('points better-sqlite3 at the Electron build only inside Electron', () => {
    const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    process.env.XPW_NATIVE_BINDING = nodeBuild;
    expect(sqliteOptions({ readonly: true })).toEqual({ readonly: true });
    Object.defineProperty(process.versions, 'electron', { value: '45.4.1', configurable: true, enumerable: true });
    const options = sqliteOptions({ readonly: false });
    expect(options).toEqual({ readonly: false, nativeBinding: nodeBuild });
    // The option really loads the binding it names.
    const db = new Database(':memory:', options);
    expect(db.prepare('SELECT 1 + 1').pluck().get()).toBe(2);
    db.close();
  });

  it('every connection the app opens goes through it', () => {
    const walk = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const bare = ['db', 'electron']
      .flatMap(walk)
      .flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/new Database\(([^)]*)\)/g)].filter((m) => !m[1]!.includes('sqliteOptions(')).map(() => f));
    expect(bare).toEqual([]);
  });
});
