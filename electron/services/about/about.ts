// バージョン情報: the app's version, the data version (migrations this build knows), when it was
// built, what it runs on, and the licences of everything it ships. The lists come from the
// build (out/main/licenses.json, out/renderer/licenses.json); run from source without a build
// (CLI, tests) the shipped libraries are read from node_modules now and the build date is unknown.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../../../db/paths.js';
import { schemaVersion } from '../../../db/open.js';
import { bundledFonts, productionLibraries, sortLibraries, type FontLicence, type LibraryLicence } from './licenses.js';

export interface BuildLicences {
  builtAt: string | null;
  libraries: LibraryLicence[];
  fonts: FontLicence[];
}

export interface AboutInfo {
  productName: string;
  version: string;
  /** PRAGMA user_version this build migrates to. */
  dataVersion: number;
  /** ISO 8601 UTC; null when run from source without a build. */
  builtAt: string | null;
  runtime: { electron: string | null; chrome: string | null; node: string };
  libraries: LibraryLicence[];
  fonts: FontLicence[];
}

export const PRODUCT_NAME = 'X方針ワークベンチ';

function readBuilt(file: string): BuildLicences | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BuildLicences) : null;
}

export function aboutInfo(): AboutInfo {
  const root = appRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const main = readBuilt(join(root, 'out', 'main', 'licenses.json'));
  const page = readBuilt(join(root, 'out', 'renderer', 'licenses.json'));
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    productName: PRODUCT_NAME,
    version: pkg.version,
    dataVersion: schemaVersion(),
    builtAt: main?.builtAt ?? null,
    runtime: { electron: versions.electron ?? null, chrome: versions.chrome ?? null, node: versions.node },
    libraries: sortLibraries([...(main?.libraries ?? productionLibraries(root)), ...(page?.libraries ?? [])]),
    fonts: main?.fonts ?? bundledFonts(root),
  };
}
