// `xpw --version`: the app's version and the data version this build reads and writes, the same
// figures as the app's バージョン情報 (a database from a newer data version is refused).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../../db/paths.js';
import { schemaVersion } from '../../db/open.js';

export function versionText(): string {
  const { version } = JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string };
  return `xpw (X方針ワークベンチ) ${version}\nデータ版: ${schemaVersion()}\nNode.js: ${process.versions.node}`;
}
