// The libraries (and fonts) the app ships, with their licences, for バージョン情報. Collected at
// build time (electron.vite.config.ts writes out/main/licenses.json and out/renderer/licenses.json,
// see scripts/build/licenses-plugin.ts) from the package.json and LICENSE files in node_modules:
//  - the main process: every production dependency and what they depend on (shipped in the
//    package's node_modules), except packages package.json's "build.files" leaves out;
//  - the page and preload: the packages their bundles actually contain.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

export interface LibraryLicence {
  name: string;
  version: string;
  /** SPDX expression from package.json ('MIT', 'Apache-2.0', '(MIT OR GPL-3.0-or-later)'). */
  license: string;
  /** The package's LICENSE / NOTICE text, when it ships one. */
  text: string | null;
}

export interface FontLicence {
  file: string;
  license: string;
  text: string | null;
}

interface PackageJson {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  build?: { files?: string[] };
}

const readJson = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
const MAX_TEXT = 20_000;

function licenceText(dir: string): string | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const file = names.filter((n) => /^(licen[cs]e|copying|notice)(\.|-|$)/i.test(n)).sort()[0];
  if (!file) return null;
  const text = readFileSync(join(dir, file), 'utf8').trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n…` : text;
}

function spdx(pkg: PackageJson): string {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  if (pkg.licenses?.length) return pkg.licenses.map((l) => l.type).join(' OR ');
  return '不明';
}

/** One package's entry, from its folder. */
export function libraryAt(dir: string): LibraryLicence {
  const pkg = readJson(join(dir, 'package.json'));
  return { name: pkg.name ?? dir, version: pkg.version ?? '', license: spdx(pkg), text: licenceText(dir) };
}

/** Node's lookup of `name` from a package folder: its own node_modules, then each parent's. */
function resolvePackageDir(from: string, name: string, root: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
    dir = dirname(dir);
  }
}

/** Packages package.json's build.files leaves out of the installer ("!node_modules/<name>/**"). */
export function excludedFromPackage(root: string): Set<string> {
  const files = readJson(join(root, 'package.json')).build?.files ?? [];
  return new Set(files.map((f) => /^!node_modules\/((?:@[^/]+\/)?[^/{]+)\/\*\*$/.exec(f)?.[1]).filter((n): n is string => Boolean(n)));
}

/** The production dependencies of the app at `root` and theirs, as shipped in the package. */
export function productionLibraries(root: string): LibraryLicence[] {
  const excluded = excludedFromPackage(root);
  const seen = new Map<string, LibraryLicence>();
  const visit = (fromDir: string, deps: Record<string, string>) => {
    for (const name of Object.keys(deps)) {
      if (excluded.has(name)) continue;
      const dir = resolvePackageDir(fromDir, name, root);
      if (!dir || seen.has(dir)) continue;
      const pkg = readJson(join(dir, 'package.json'));
      seen.set(dir, libraryAt(dir));
      visit(dir, { ...pkg.dependencies, ...pkg.optionalDependencies });
    }
  };
  visit(root, readJson(join(root, 'package.json')).dependencies ?? {});
  return sortLibraries([...seen.values()]);
}

/** The packages among a bundle's module ids (paths containing node_modules). */
export function librariesOfModules(moduleIds: Iterable<string>): LibraryLicence[] {
  const dirs = new Set<string>();
  for (const raw of moduleIds) {
    const id = raw.replace(/^\0/, '').split('?')[0]!.split(sep).join('/');
    const at = id.lastIndexOf('/node_modules/');
    if (at < 0) continue;
    const rest = id.slice(at + '/node_modules/'.length).split('/');
    const name = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    dirs.add(`${id.slice(0, at)}/node_modules/${name}`);
  }
  return sortLibraries([...dirs].filter((d) => existsSync(join(d, 'package.json'))).map(libraryAt));
}

/** Fonts shipped in resources/fonts (none today: the handouts use the PC's Windows fonts). */
export function bundledFonts(root: string): FontLicence[] {
  const dir = join(root, 'resources', 'fonts');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return files
    .filter((e) => /\.(ttf|otf|ttc|woff2?)$/i.test(e.name))
    .map((e) => {
      const text = licenceText(e.parentPath);
      return { file: e.name, license: text ? (/SIL OPEN FONT LICENSE/i.test(text) ? 'OFL-1.1' : 'ライセンス文書を参照') : '不明', text };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

export function sortLibraries(list: LibraryLicence[]): LibraryLicence[] {
  const unique = new Map(list.map((l) => [`${l.name}@${l.version}`, l]));
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}
