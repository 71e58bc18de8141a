// `xpw publish` and the 公表 dialog: the folder the city's web team puts online as it is —
// index.html, a page per 局区, a page per B/C comparison, style.css, the open data and its
// 項目定義書. Written into a fresh folder beside the target and renamed, so a folder is never
// half-written; the app delivers the same files as one .zip.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { zipTextFiles } from '../export/zip-parts.js';
import { DbError } from '../../../db/errors.js';
import { DEFINITION_FILE, definitionCsv, OPEN_DATA_FILE, openDataCsv } from './open-data.js';
import { comparisonPage, indexPage, orgPage, STYLE, STYLE_FILE } from './publish-html.js';
import { buildPublishModel, type PublishOptions } from './publish-model.js';

export interface Publication {
  /** Relative path → content. */
  files: Map<string, string>;
  warnings: string[];
  roundLabel: string;
}

export function buildPublication(sqlite: Database.Database, options: PublishOptions): Publication {
  const m = buildPublishModel(sqlite, options);
  const files = new Map<string, string>();
  files.set('index.html', indexPage(m));
  for (const o of m.orgs) files.set(o.file, orgPage(m, o));
  for (const c of m.comparisons) files.set(c.file, comparisonPage(m, c));
  files.set(STYLE_FILE, STYLE);
  files.set(OPEN_DATA_FILE, openDataCsv(m));
  files.set(DEFINITION_FILE, definitionCsv(m));
  return { files, warnings: m.warnings, roundLabel: m.round.label };
}

/** Writes the folder; an existing non-empty folder is replaced only with `force`. */
export async function writePublication(pub: Publication, outDir: string, force = false): Promise<void> {
  const out = resolve(outDir);
  if (existsSync(out) && (await readdir(out)).length > 0 && !force) throw new DbError('INVALID', `出力先のフォルダが空ではありません: ${out} (置き換えるには --force)`);
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  await Promise.all([...pub.files].map(([name, content]) => writeFile(join(temp, name), content, 'utf8')));
  if (existsSync(out)) await rm(out, { recursive: true, force: true });
  await rename(temp, out);
}

/** The same files as one .zip (the app's save dialog / the preview's download). */
export async function zipPublication(pub: Publication): Promise<Uint8Array> {
  return zipTextFiles(`公表_${pub.roundLabel}`, pub.files);
}
