// The dependency list says what the app uses where (issue 10 j): every library the shipped code
// imports at run time is a dependency (electron-builder packs exactly those); what only builds,
// tests or the developer's CLI use (tsx, esbuild, playwright-core) is a devDependency and is not
// loaded by the app; one zip library (fflate) instead of two.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** Packages a file imports for its values at load time (not `import type`, not `await import()`). */
function staticImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^'.][^']*)'|^import\s+'([^'.][^']*)'/gm)]
    .map((m) => (m[1] ?? m[2])!)
    .map((spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!))
    .filter((name) => !name.startsWith('node:') && !builtinModules.includes(name));
}

// What the desktop app and the CLI run: main process, contract, services, db, common.
const shipped = ['db', 'common', 'electron/contract', 'electron/services', 'electron/cli', 'electron/main', 'electron/web'].flatMap(sources);

describe('dependencies', () => {
  it('every package the shipped code imports at load time is a dependency', () => {
    const missing = shipped.flatMap((f) => staticImports(f).filter((name) => name !== 'electron' && !pkg.dependencies[name]).map((name) => `${relative(root, join(root, f))}: ${name}`));
    expect(missing).toEqual([]);
  });

  it('playwright-core is a devDependency, loaded only when the CLI or the preview prints a PDF', () => {
    expect(pkg.dependencies['playwright-core']).toBeUndefined();
    expect(pkg.devDependencies['playwright-core']).toBeDefined();
    const printer = readFileSync(join(root, 'electron/services/export/pdf/chromium-printer.ts'), 'utf8');
    expect(printer).toMatch(/await import\('playwright-core'\)/);
  });

  it('the CLI runs without tsx: bin/xpw.mjs starts the prebuilt JavaScript', () => {
    const bin = readFileSync(join(root, 'bin/xpw.mjs'), 'utf8');
    expect(bin).not.toMatch(/tsx/);
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.esbuild).toBeDefined();
  });

  it('one zip library: fflate (docx uses it too), no jszip in the app', () => {
    expect(pkg.dependencies.fflate).toBeDefined();
    expect(pkg.dependencies.jszip).toBeUndefined();
    expect(shipped.filter((f) => staticImports(f).includes('jszip'))).toEqual([]);
  });

  it('the better-sqlite3 types come from the maintained DefinitelyTyped line, not the stray 9.x release', () => {
    // @types/better-sqlite3 9.6.0 carries the 7.6.13 definitions under a version number that
    // claims better-sqlite3 9.6; the maintained line is 7.6.x.
    expect(pkg.devDependencies['@types/better-sqlite3']).toMatch(/^[~^]?7\.6\./);
  });
});
