// `xpw export report|compare|org|grid --db F --format … --out FILE …`: the same exports as the
// app's dialog. PDFs are printed by a system Chromium (CHROME_PATH or the usual places).
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { PRIVATE_WRITE } from '../../db/private-files.js';
import { extname, resolve } from 'node:path';
import type { Db } from '../../db/open.js';
import { listOrganizations } from '../../db/queries/organizations.js';
import { currentActor } from '../services/actor.js';
import { resolveFontName } from '../services/export/fonts.js';
import { readExportDefaults } from '../services/settings/export-defaults.js';
import { exportRequestSchema, type ExportRequest } from '../services/export/options.js';
import { runExport } from '../services/export/run-export.js';
import { lookupIssue, lookupOrganization, lookupRound } from '../services/lookup.js';
import { requireString, type Values } from './command.js';
import { withDb } from './with-db.js';

const KINDS = ['report', 'compare', 'org', 'grid'];
const list = (v: unknown): string[] | undefined =>
  typeof v === 'string' && v.trim() ? v.split(/[,、，]/).map((s) => s.trim()).filter(Boolean) : undefined;

function roundId(db: Db, label: unknown): number {
  return lookupRound(db.sqlite, typeof label === 'string' ? label : undefined).id;
}

const issueIds = (db: Db, v: unknown): number[] | undefined => list(v)?.map((key) => lookupIssue(db.sqlite, key));

function organizationIds(db: Db, v: unknown): number[] | undefined {
  const orgs = listOrganizations(db.sqlite);
  return list(v)?.map((name) => lookupOrganization(db.sqlite, name, orgs).id);
}

/** The request the options describe, validated by the same schema as the app's. */
export function exportRequestFromArgs(db: Db, kind: string | undefined, values: Values): ExportRequest {
  if (!kind || !KINDS.includes(kind)) throw new Error(`出力の種類を指定してください: ${KINDS.join(' | ')}`);
  const out = values.out;
  const format = values.format ?? (typeof out === 'string' ? extname(out).slice(1).toLowerCase() : undefined);
  let font: string | undefined;
  if (typeof values.font === 'string') {
    font = resolveFontName(values.font);
    if (!font) throw new Error(`--font: 「${values.font}」は選べません (BIZ UDゴシック, BIZ UD明朝, 游ゴシック, 游明朝, ＭＳ ゴシック, ＭＳ 明朝)`);
  }
  // Without --font / --paper: the defaults chosen in the app's 設定, as the export dialog does.
  const defaults = readExportDefaults(db.sqlite);
  const paper = values.paper ?? (defaults.paper === 'auto' ? undefined : defaults.paper);
  const common = kind === 'grid' ? { font: font ?? defaults.font } : { paper, orientation: values.orientation, font: font ?? defaults.font, seireki: values.seireki ?? false };
  const raw: Record<string, unknown> = { kind, format, ...common };
  if (kind === 'compare') {
    Object.assign(raw, { issueIds: issueIds(db, values.issues), from: values.from, to: values.to, tracked: values.tracked ?? false });
    if (values['revision-date'] !== undefined) raw.revisionDate = values['revision-date'];
  } else {
    if (values.carried !== undefined) raw.carried = values.carried;
    Object.assign(raw, { roundId: roundId(db, values.round), organizationIds: organizationIds(db, values.org), levels: list(values.levels) });
    if (kind === 'grid' && values.encoding) raw.encoding = values.encoding === 'utf8' ? 'utf8bom' : values.encoding;
  }
  const parsed = exportRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path[0] === 'organizationIds' ? 'org' : issue?.path[0] === 'revisionDate' ? 'revision-date' : String(issue?.path[0] ?? '');
    throw new Error(`--${name}: ${issue?.message ?? '値が正しくありません'}${format && !['docx', 'pdf', 'xlsx', 'csv'].includes(String(format)) ? ` (形式「${format}」)` : ''}`);
  }
  return parsed.data;
}

export function runExportCommand(values: Values, positionals: string[]): Promise<number> {
  if (positionals.length > 1) throw new Error(`余分な引数があります: ${positionals.slice(1).join(' ')}`);
  return withDb(requireString(values, 'db'), (db) => exportTo(db, positionals[0], values));
}

async function exportTo(db: Db, kind: string | undefined, values: Values): Promise<number> {
  if (typeof values.out !== 'string' || !values.out) throw new Error('--out を指定してください');
  const out = resolve(values.out);
  if (existsSync(out) && !values.force) throw new Error(`出力先が既にあります: ${out} (上書きするには --force)`);
  const req = exportRequestFromArgs(db, kind, values);
  // playwright-core is loaded only for a PDF (and may be absent where the app is installed).
  const printer = req.format === 'pdf' ? (await import('../services/export/pdf/chromium-printer.js')).chromiumPrinter() : undefined;
  try {
    const file = await runExport(db.sqlite, req, { author: currentActor(db.sqlite), printer });
    // Written beside the target, then renamed: never a half-written file under the real name.
    const temp = `${out}.${process.pid}.tmp`;
    await writeFile(temp, file.bytes, PRIVATE_WRITE);
    await rename(temp, out);
    for (const w of file.warnings) console.warn(`注意: ${w}`);
    console.log(`${out} を作成しました (${(file.bytes.length / 1024).toFixed(1)} KB)`);
    return 0;
  } finally {
    await printer?.close();
  }
}

