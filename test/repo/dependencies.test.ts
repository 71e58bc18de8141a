// The dependency list says what the app uses where (issue 10 j): every library the shipped code
// imports at run time is a dependency (electron-builder packs exactly those); what only builds,
// tests or the developer's CLI use (tsx, esbuild, playwright-core) is a devDependency and is not
// loaded by the app; one zip library (fflate) instead of two.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleDb, tempDir } from '../helpers/temp';

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

  it('without playwright-core (an install without dev dependencies) the CLI still runs, and a PDF is refused in Japanese', async () => {
    const dir = tempDir();
    const db = await sampleDb(join(dir, 'x.sqlite'));
    db.close();
    // A resolve hook that makes playwright-core unfindable, as in a production install.
    const hook = join(dir, 'hide-playwright.mjs');
    writeFileSync(
      hook,
      `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(\`export async function resolve(spec, ctx, next) { if (spec === 'playwright-core') { const e = new Error('not installed'); e.code = 'ERR_MODULE_NOT_FOUND'; throw e; } return next(spec, ctx); }\`));\n`,
    );
    const xpw = (...args: string[]) => spawnSync(process.execPath, ['--import', hook, join(root, 'bin', 'xpw.mjs'), ...args], { encoding: 'utf8' });
    expect(xpw('summary', '--db', db.file).status).toBe(0);
    expect(xpw('export', 'report', '--db', db.file, '--out', join(dir, 'r.docx')).status).toBe(0);
    const pdf = xpw('export', 'report', '--db', db.file, '--out', join(dir, 'r.pdf'));
    expect(pdf.status).toBe(1);
    expect(pdf.stderr.trim()).toBe('エラー: PDFの出力に使う playwright-core が入っていません (開発用の依存関係です)。リポジトリで npm ci を実行するか、Word (.docx) で出力してください。デスクトップアプリでは不要です');
  });

  it('the CLI runs without tsx: bin/xpw.mjs starts the prebuilt JavaScript', () => {
    const bin = readFileSync(join(root, 'bin/xpw.mjs'), 'utf8');
    expect(bin).not.toMatch(/tsx/);
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.esbuild).toBeDefined();
  });

  it('one zip library: fflate (docx uses it too), no jszip in the app or the tests', () => {
    expect(pkg.dependencies.fflate).toBeDefined();
    expect(pkg.dependencies.jszip).toBeUndefined();
    expect(pkg.devDependencies.jszip).toBeUndefined();
    const tests = sources('test').filter((f) => /\bjszip\b/.test(readFileSync(join(root, f), 'utf8')) && !f.endsWith('dependencies.test.ts'));
    expect([...shipped.filter((f) => staticImports(f).includes('jszip')), ...tests]).toEqual([]);
  });

  it('the better-sqlite3 types come from the maintained DefinitelyTyped line, not the stray 9.x release', () => {
    // @types/better-sqlite3 9.6.0 carries the 7.6.13 definitions under a version number that
    // claims better-sqlite3 9.6; the maintained line is 7.6.x.
    expect(pkg.devDependencies['@types/better-sqlite3']).toMatch(/^[~^]?7\.6\./);
  });
});
