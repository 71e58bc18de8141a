// better-sqlite3 for Electron, kept apart from the Node.js build. Node (tests, the CLI, the
// preview) loads node_modules/better-sqlite3/build/Release/better_sqlite3.node as always; Electron
// (npm start, npm run dev) loads a build made for its ABI in a folder of its own, named by the
// versions it was built for, and pointed to by XPW_NATIVE_BINDING (db/sqlite.ts passes it to
// better-sqlite3 as nativeBinding). Each build is made once; switching between `npm start` and
// `npm test` costs nothing after that.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const versionOf = (pkgDir) => JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;

/** Where the Electron build for these versions lives (.native/ is not committed). */
export function electronNativeDir(electronVersion, { base = root, platform = process.platform, arch = process.arch } = {}) {
  const sqliteVersion = versionOf(join(base, 'node_modules', 'better-sqlite3'));
  return join(base, '.native', `better-sqlite3-${sqliteVersion}-electron-${electronVersion}-${platform}-${arch}`);
}

export const bindingIn = (dir) => join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** Runs a program directly, never through a shell: a path with spaces (C:\Program Files\…) stays one argument. */
export function runDirect(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options, shell: false });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/**
 * The Electron build of better-sqlite3, built first when missing: the package's sources are copied
 * (without its Node build) into the folder and @electron/rebuild compiles them there. The Node
 * build in node_modules is never touched.
 */
export function ensureElectronBinding(electronVersion, { base = root, run = runDirect, log = console.log } = {}) {
  const dir = electronNativeDir(electronVersion, { base });
  const binding = bindingIn(dir);
  if (existsSync(binding)) return binding;
  const source = join(base, 'node_modules', 'better-sqlite3');
  const target = join(dir, 'node_modules', 'better-sqlite3');
  log(`setup: building better-sqlite3 for Electron ${electronVersion} into ${relative(base, dir)} (first time only, a few minutes)…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true, filter: (p) => !p.startsWith(join(source, 'build') + sep) && p !== join(source, 'build') });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'xpw-native-electron', private: true, dependencies: { 'better-sqlite3': versionOf(source) } }, null, 2));
  const rebuild = join(base, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  const status = run(process.execPath, [rebuild, '--version', electronVersion, '--module-dir', dir, '--only', 'better-sqlite3', '--force', '--build-from-source']);
  if (status !== 0 || !existsSync(binding)) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `better-sqlite3 could not be built for Electron ${electronVersion} (exit ${status}). It needs Electron's headers (on a closed network set ELECTRON_REBUILD_DIST_URL to your mirror) and a C++ toolchain (Windows: Visual Studio Build Tools with "Desktop development with C++", and Python 3).`,
    );
  }
  return binding;
}
