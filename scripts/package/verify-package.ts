// What a built package must hold for the app to start and work: every file the app opens at
// run time (the built main/preload/renderer, migrations, sample data, print styles, anything
// else under resources/), every package the main bundle imports, the native SQLite binding
// outside the asar (a .node file cannot be loaded from inside it), no update machinery, and the
// Electron fuses that close the doors an attacker could use. Returns the problems found, each
// naming the file; an empty list means the package is complete.
import { extractFile, listPackage, statFile } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Fuse wire positions (FuseV1Options) and the state the package must have. */
export const REQUIRED_FUSES: { index: number; name: string; on: boolean }[] = [
  { index: 0, name: 'RunAsNode', on: false },
  { index: 2, name: 'EnableNodeOptionsEnvironmentVariable', on: false },
  { index: 3, name: 'EnableNodeCliInspectArguments', on: false },
  { index: 4, name: 'EnableEmbeddedAsarIntegrityValidation', on: true },
  { index: 5, name: 'OnlyLoadAppFromAsar', on: true },
];

/** The native module the app cannot run without. */
export const SQLITE_BINDING = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

const posix = (p: string) => p.split(sep).join('/');
/** @electron/asar looks paths up by the platform's separator (backslashes on Windows). */
const native = (p: string) => p.split('/').join(sep);

function filesUnder(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => posix(relative(root, join(e.parentPath, e.name))));
}

/**
 * The files of the project the app opens at run time, relative to the app's root (db/paths.ts
 * appRoot(): package.json + db/migrations): the build, the migrations, and resources/ except
 * resources/build (the installer's icon). The CLI's own build (out/cli) is not part of the desktop app.
 */
export function runtimeFiles(projectDir: string): string[] {
  return [
    'package.json',
    ...filesUnder(projectDir, 'out').filter((f) => !f.endsWith('.map') && !f.startsWith('out/cli/')),
    ...filesUnder(projectDir, 'db/migrations'),
    ...filesUnder(projectDir, 'resources').filter((f) => !f.startsWith('resources/build/')),
  ].sort();
}

/** Bare module specifiers imported by a built bundle, as package names ('drizzle-orm/x' → 'drizzle-orm'). */
export function importedPackages(bundle: string): string[] {
  const found = new Set<string>();
  const spec = String.raw`["']((?:@[\w.-]+\/)?[\w.-]+(?:\/[\w.@-]+)*)["']`;
  const statics = new RegExp(String.raw`^\s*(?:import|export)\s+(?:[\w*{}\s,$]+?\s+from\s+)?${spec}`, 'gm');
  const dynamics = new RegExp(String.raw`\b(?:import|require)\(\s*${spec}\s*\)`, 'g');
  for (const m of [...bundle.matchAll(statics), ...bundle.matchAll(dynamics)]) {
    const name = m[1]!;
    if (name.startsWith('.') || name.startsWith('node:') || name === 'electron') continue;
    found.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!);
  }
  return [...found].sort();
}

export interface PackageLayout {
  /** electron-builder's unpacked output (linux-unpacked, win-unpacked). */
  appOutDir: string;
  /** The Electron executable inside it (fuses). */
  executable: string;
  /** The project the package was built from. */
  projectDir: string;
}

export interface Verified {
  problems: string[];
  asarFiles: number;
  unpackedFiles: string[];
  asarBytes: number;
}

export async function verifyPackage({ appOutDir, executable, projectDir }: PackageLayout): Promise<Verified> {
  const problems: string[] = [];
  const resources = join(appOutDir, 'resources');
  const asarPath = join(resources, 'app.asar');
  if (!existsSync(asarPath)) return { problems: [`app.asar がありません: ${asarPath}`], asarFiles: 0, unpackedFiles: [], asarBytes: 0 };
  const unpackedDir = `${asarPath}.unpacked`;
  const listed = listPackage(asarPath, { isPack: false }).map((p) => posix(p).replace(/^\//, ''));
  const entry = (p: string) => {
    try {
      return statFile(asarPath, native(p), false) as { size?: number; unpacked?: boolean; files?: unknown };
    } catch {
      return null;
    }
  };
  const isFile = (p: string) => {
    const e = entry(p);
    return e !== null && e.files === undefined;
  };
  const unpackedFiles = filesUnder(unpackedDir, '.');
  const present = (p: string) => {
    const e = entry(p);
    if (!e || e.files !== undefined) return false;
    return e.unpacked ? existsSync(join(unpackedDir, native(p))) : true;
  };

  // 1. Every file the app opens at run time.
  for (const f of runtimeFiles(projectDir)) if (!present(f)) problems.push(`実行時に読むファイルがパッケージにありません: ${f}`);

  // 2. The app's identity and entry point.
  if (isFile('package.json')) {
    const inner = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { version: string; productName: string };
    const packed = JSON.parse(extract(asarPath, 'package.json')) as { version?: string; productName?: string; main?: string };
    if (packed.version !== inner.version) problems.push(`package.json の version が違います: ${packed.version} (期待: ${inner.version})`);
    if (packed.productName !== inner.productName) problems.push(`package.json の productName が違います: ${packed.productName}`);
    if (!packed.main || !present(packed.main)) problems.push(`main (${packed.main}) がパッケージにありません`);
    // 3. Every package the main process's bundles import (index.js, and any worker beside it),
    // with its package.json (how Node resolves it).
    const bundles = listed.filter((p) => /^out\/main\/[^/]+\.(c|m)?js$/.test(p) && isFile(p));
    const missing = new Set<string>();
    for (const bundle of bundles) for (const name of importedPackages(extract(asarPath, bundle))) if (!present(`node_modules/${name}/package.json`)) missing.add(name);
    for (const name of [...missing].sort()) problems.push(`main が読み込むパッケージがありません: node_modules/${name}`);
  }

  // 4. Native modules: never inside the asar; the SQLite binding present.
  for (const f of listed.filter((p) => p.endsWith('.node') && isFile(p))) {
    const e = entry(f)!;
    if (!e.unpacked) problems.push(`ネイティブモジュールが app.asar の中にあります (読み込めません): ${f}`);
    else if (!existsSync(join(unpackedDir, native(f)))) problems.push(`app.asar.unpacked にネイティブモジュールがありません: ${f}`);
  }
  if (!present(SQLITE_BINDING) || !entry(SQLITE_BINDING)?.unpacked) problems.push(`SQLite のネイティブモジュールが app.asar.unpacked にありません: ${SQLITE_BINDING}`);

  // 5. No update machinery: the app never contacts a server.
  if (existsSync(join(resources, 'app-update.yml'))) problems.push('resources/app-update.yml があります (自動更新は使いません)');
  if (listed.some((p) => p.startsWith('node_modules/electron-updater/'))) problems.push('electron-updater が含まれています (自動更新は使いません)');
  if (listed.some((p) => p.startsWith('out/') && p.endsWith('.map'))) problems.push('アプリのソースマップが含まれています');

  // 6. Fuses.
  try {
    const wire = (await getCurrentFuseWire(executable)) as unknown as Record<number, number>;
    for (const fuse of REQUIRED_FUSES) {
      const state = wire[fuse.index];
      if (state !== (fuse.on ? 49 : 48)) problems.push(`Electron のヒューズ ${fuse.name} が ${fuse.on ? 'オン' : 'オフ'} ではありません (${state === undefined ? 'なし' : String.fromCharCode(state)})`);
    }
  } catch (e) {
    problems.push(`Electron のヒューズを読めません (${executable}): ${(e as Error).message}`);
  }

  return { problems, asarFiles: listed.filter(isFile).length, unpackedFiles, asarBytes: statSync(asarPath).size };
}

/** A file packed inside the asar (not an unpacked one), as text. */
const extract = (asarPath: string, file: string): string => extractFile(asarPath, native(file)).toString('utf8');
