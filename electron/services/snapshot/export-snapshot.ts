// The single-file export of everything as a file to hand over (Save dialog in the app, a
// download in the preview, a path in the CLI), named with the local date and time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../../../db/paths.js';
import type { ExportFile } from '../export/export-file.js';
import { SNAPSHOT_EXTENSION, writeSnapshot } from './snapshot-file.js';

export const appVersion = (): string => (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;

const two = (n: number) => String(n).padStart(2, '0');

export function snapshotFileName(now: Date): string {
  return `X方針ワークベンチ_全データ_${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${SNAPSHOT_EXTENSION}`;
}

/** Reads `dbFile` through a connection of its own (see writeSnapshot): the app's connection stays free. */
export async function snapshotExportFile(dbFile: string, createdBy: string, now = new Date()): Promise<ExportFile> {
  const bytes = await writeSnapshot(dbFile, { appVersion: appVersion(), createdBy, now });
  return { fileName: snapshotFileName(now), mime: 'application/gzip', bytes, warnings: [] };
}
