// The CLI runs from JavaScript built ahead of time (out/cli/), not from TypeScript transpiled at
// every start. `cliEntry()` builds it on first use and again when a source file it was built from
// has changed (one stat per input file, a few milliseconds), so `npx xpw …` works right after
// `npm ci` with nothing else to run. Libraries stay in node_modules (better-sqlite3 is native) and
// the commands import their heavy ones (exceljs, docx, playwright-core …) only when they run:
// code splitting puts each command group in its own chunk.
//
//   node scripts/cli-build.mjs           build now (also done by `npm run build`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** out/cli; XPW_CLI_OUT moves it (the tests build into a folder of their own). */
export const CLI_OUT = process.env.XPW_CLI_OUT ? resolve(process.env.XPW_CLI_OUT) : join(root, 'out', 'cli');
const MANIFEST = join(CLI_OUT, 'manifest.json');
const ENTRY = 'electron/cli/xpw.ts';
/** Files that change the output without being bundled: this script and the package manifest. */
const CONFIG_FILES = [fileURLToPath(import.meta.url), join(root, 'package.json')];

const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs;

/** True when out/cli holds a build of the current sources. */
export function cliIsFresh() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return false;
  }
  if (!existsSync(join(CLI_OUT, manifest.entry))) return false;
  for (const [file, recorded] of Object.entries(manifest.inputs)) {
    if (mtime(join(root, file)) !== recorded) return false;
  }
  return true;
}

/** Writes a file beside its target and renames it: a concurrent start never reads half a file. */
function writeAtomically(file, contents) {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, file);
}

export async function buildCli() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('xpw: CLIを組み立てるための esbuild がありません。リポジトリで `npm ci` を実行してください (esbuild is a devDependency).');
  }
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { xpw: ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    outdir: CLI_OUT,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'warning',
    legalComments: 'none',
  });
  // Chunks first, the entry and the manifest last: a process starting meanwhile sees either the
  // old build or the new one. Identical chunk names mean identical contents.
  const entryFile = join(CLI_OUT, 'xpw.js');
  const files = result.outputFiles.sort((a, b) => Number(a.path === entryFile || a.path === `${entryFile}.map`) - Number(b.path === entryFile || b.path === `${entryFile}.map`));
  for (const f of files) writeAtomically(f.path, f.contents);
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs).map((f) => join(root, f)), ...CONFIG_FILES]) {
    inputs[relative(root, file).split('\\').join('/')] = mtime(file);
  }
  writeAtomically(MANIFEST, JSON.stringify({ entry: 'xpw.js', builtAt: new Date().toISOString(), inputs }, null, 1));
  removeStaleChunks(new Set(files.map((f) => f.path)), started);
  return entryFile;
}

/** Chunks of earlier builds (older than a minute, so not a concurrent build's). */
function removeStaleChunks(current, started) {
  const dir = join(CLI_OUT, 'chunks');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (!current.has(p) && (mtime(p) ?? started) < started - 60_000) rmSync(p, { force: true });
  }
}

/**
 * better-sqlite3's Node build: `npm ci` leaves it out (install scripts are off, see .npmrc), so
 * the first run builds it through scripts/setup.mjs, its progress on stderr (stdout stays the
 * command's, e.g. --json).
 */
export function ensureNativeModule() {
  if (existsSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'setup.mjs')], { stdio: ['ignore', 2, 2], cwd: root });
  if (r.status !== 0) throw new Error('xpw: better-sqlite3 を準備できませんでした (上のメッセージを確認してください)');
}

/** The built entry, built first when missing or older than its sources. */
export async function cliEntry() {
  ensureNativeModule();
  if (cliIsFresh()) return join(CLI_OUT, 'xpw.js');
  return buildCli();
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const t = Date.now();
  await buildCli();
  console.log(`xpw: built ${relative(root, CLI_OUT)}/ in ${Date.now() - t} ms`);
}
