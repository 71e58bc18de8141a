// `xpw import FILE --db F [--dry-run] …`: the same import as the app's dialog; --dry-run prints
// the preview. `xpw imports --db F` lists imports; `xpw import --undo N --db F` undoes one.
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Db } from '../../db/open.js';
import { listOrganizations } from '../../db/queries/organizations.js';
import { listRounds, type Round } from '../../db/queries/rounds.js';
import { currentActor } from '../services/actor.js';
import { FIELD_LABELS } from '../services/import/columns.js';
import type { ImportOptions, ImportPreview } from '../services/import/import-file.js';
import { listImports } from '../services/import/list-imports.js';
import { findRound, lookupOrganization, lookupRound } from '../services/lookup.js';
import { requireString, type Values } from './command.js';
import { withDb } from './with-db.js';

/** The round --round names (the latest without it); undefined when --create-round will make it. */
function existingRound(db: Db, values: Values): Round | undefined {
  const label = typeof values.round === 'string' ? values.round : undefined;
  if (values['create-round']) {
    if (!label) throw new Error('--create-round: 作成する評価回のラベルを --round で指定してください (例: --round R7.5 --as-of 2025-05)');
    return findRound(db.sqlite, label);
  }
  if (!label && !listRounds(db.sqlite).length) return undefined; // no round yet: a list without ランク / 所見 still imports
  try {
    return lookupRound(db.sqlite, label);
  } catch (e) {
    // The one message of the lookup, and the offer to create the round.
    throw new Error(`${(e as Error).message}。作成してから取り込むには --create-round --as-of YYYY-MM を付けてください (ランク基準は --scale か --scale-template)`);
  }
}

/** A refusal for want of a round (ランク / 所見 columns, no round yet), with the offer to create one. */
function offerRound(e: unknown, round: Round | undefined): never {
  if (!round && e instanceof Error && e.message.includes('評価回を指定してください')) {
    throw new Error(`${e.message}。この取り込みで作成するには --round R7.5 --create-round --as-of 2025-05 のように指定してください`);
  }
  throw e;
}

function options(db: Db, values: Values, round: Round | undefined): ImportOptions {
  const o: ImportOptions = {};
  if (round) o.roundId = round.id;
  const enc = values.encoding;
  if (typeof enc === 'string') {
    const map: Record<string, ImportOptions['encoding']> = { cp932: 'cp932', sjis: 'cp932', 'shift_jis': 'cp932', utf8: 'utf8', 'utf-8': 'utf8', utf16: 'utf16le', 'utf-16': 'utf16le', utf16le: 'utf16le', utf16be: 'utf16be', 'utf-16be': 'utf16be', auto: 'auto' };
    o.encoding = map[enc.toLowerCase()];
    if (!o.encoding) throw new Error(`--encoding: 「${enc}」は指定できません (cp932, utf8, utf16, utf16be)`);
  }
  if (typeof values.level === 'string') {
    const l = values.level.toUpperCase();
    if (l !== 'A' && l !== 'B' && l !== 'C') throw new Error(`--level: 「${values.level}」は A・B・C のいずれかです`);
    o.defaultLevel = l;
  }
  if (typeof values['version-label'] === 'string') {
    o.versionLabel = values['version-label'];
    o.versionAsOf = typeof values['version-as-of'] === 'string' ? values['version-as-of'] : undefined;
  }
  if (typeof values.map === 'string') {
    const orgs = listOrganizations(db.sqlite);
    o.organizationMap = {};
    for (const pair of values.map.split(',')) {
      const [name, target] = pair.split('=').map((s) => s.trim());
      if (!name || !target) throw new Error(`--map: 「${pair}」は「名前=局区」または「名前=新規」の形で指定してください`);
      if (target === '新規' || target === 'new') o.organizationMap[name] = 'create';
      else {
        o.organizationMap[name] = lookupOrganization(db.sqlite, target, orgs).id;
      }
    }
  }
  return o;
}

export function formatPreview(p: ImportPreview): string {
  const lines = [
    `ファイル: ${p.fileName} (${p.kind === 'csv' ? `CSV ${p.encoding}` : `Excel シート「${p.sheetName}」`}, 見出し ${p.headerLine}行目)`,
    `列: ${p.header.map((h, i) => `${h || `(${i + 1}列目)`}→${p.mapping[i] ? FIELD_LABELS[p.mapping[i]] : '取り込まない'}`).join(', ')}`,
    `新規 ${p.counts.new} / 変更 ${p.counts.changed} / 変更なし ${p.counts.unchanged} / 取り込めない ${p.counts.rejected}`,
    ...p.notes.map((n) => `注: ${n}`),
  ];
  if (p.importedBefore) lines.push(`注: このファイルは ${p.importedBefore.at} に ${p.importedBefore.actor} が取り込み済みです`);
  for (const u of p.unknownOrganizations) {
    const s = u.suggestions.map((x) => x.shortName).join('・');
    lines.push(`未登録の局区「${u.name}」(${u.lines.length}行)${s ? ` 候補: ${s}` : ''} → --map "${u.name}=<局区>" または "${u.name}=新規"`);
  }
  for (const r of p.rows) {
    if (r.status === 'rejected') lines.push(`✗ ${r.reasons.join(' / ')}`);
    else if (r.status !== 'unchanged') {
      const what = r.changes.map((c) => `${c.label}: ${c.before ?? '(なし)'} → ${c.after ?? '(なし)'}`.replace(/\n/g, '⏎').slice(0, 160)).join(' | ');
      lines.push(`${r.status === 'new' ? '+' : '~'} ${r.line}行目 ${r.key} ${what}`);
    }
  }
  return lines.join('\n');
}

/** Rows whose level only the user can give (no レベル column, no unique match), named. */
function levelQuestion(p: ImportPreview, values: Values): string | null {
  const open = p.levelUnknown;
  if (!open.length || p.mapping.includes('level') || typeof values.level === 'string') return null;
  const shown = open.slice(0, 10).map((r) => `  ${r.line}行目 ${r.organization} ${r.number}「${r.title ?? ''}」 (${r.why === 'new' ? '新しい課題' : '一致する課題が複数'})`);
  return [
    `「レベル」の列がありません。局区・番号・課題名が一致する課題が1つに決まらない行が ${open.length} 行あります。これらの行のレベルを --level A|B|C で指定してください:`,
    ...shown,
    ...(open.length > 10 ? [`  ほか ${open.length - 10} 行`] : []),
  ].join('\n');
}

export function runImportCommand(values: Values, positionals: string[]): Promise<number> {
  return withDb(requireString(values, 'db'), (db) => importInto(db, positionals, values));
}

async function importInto(db: Db, positionals: string[], values: Values): Promise<number> {
  const actor = currentActor(db.sqlite);
  if (typeof values.undo === 'string') {
    const id = Number(values.undo);
    if (!Number.isInteger(id) || id <= 0) throw new Error(`--undo: 取り込みの番号を指定してください (xpw imports で確認できます)`);
    const { undoImport } = await import('../services/import/undo-import.js');
    const r = await undoImport(db, id, actor);
    console.log(`取り込み ${id} を取り消しました (${r.reverted} 件の変更を戻しました。事前のバックアップ: ${r.backupPath})`);
    return 0;
  }
  if (positionals.length !== 1) throw new Error('取り込むファイルを1つ指定してください: xpw import FILE --db F');
  // The readers (exceljs, csv-parse, iconv-lite) load only for an import itself, not for --undo or `imports`.
  const [{ previewImport, runImport }, { MAX_IMPORT_BYTES }] = await Promise.all([import('../services/import/import-file.js'), import('../services/import/read-source.js')]);
  const file = resolve(positionals[0]!);
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new Error(`ファイルがありません: ${file}`);
  if (size > MAX_IMPORT_BYTES) throw new Error(`「${basename(file)}」は ${(size / 1048576).toFixed(1)} MB あり、取り込める上限 (50 MB) を超えています`);
  const bytes = new Uint8Array(readFileSync(file));
  let round = existingRound(db, values);
  const pending = values['create-round'] && !round ? String(values.round) : null;
  if (values['dry-run']) {
    if (pending) console.log(`注: 評価回「${pending}」はまだありません。--dry-run を外すと作成してから取り込みます (ここではランク・所見を除いて確認します)`);
    const { preview } = await previewImport(db, basename(file), bytes, options(db, values, round), { withoutRound: !!pending }).catch((e: unknown) => offerRound(e, round));
    console.log(formatPreview(preview));
    const question = levelQuestion(preview, values);
    if (question) console.log(question);
    return 0;
  }
  const ask = (preview: ImportPreview) => {
    const question = levelQuestion(preview, values);
    if (question) throw new Error(question);
  };
  if (pending) {
    // The file is checked (and any question asked) before a round is created for it.
    ask((await previewImport(db, basename(file), bytes, options(db, values, round), { withoutRound: true })).preview);
    const { createRoundFromArgs } = await import('./round-args.js');
    const created = await createRoundFromArgs(db, { ...values, label: pending });
    round = created.round;
    console.log(`評価回「${round.label}」(${round.title}、ランク基準「${round.scaleName}」) を作成しました`);
  }
  const o = options(db, values, round);
  const r = await runImport(db, basename(file), bytes, o, actor, ask).catch((e: unknown) => offerRound(e, round));
  console.log(`取り込みました (番号 ${r.importId}): 新規 ${r.counts.new} / 変更 ${r.counts.changed} / 変更なし ${r.counts.unchanged} / 取り込めない ${r.counts.rejected}`);
  console.log(`事前のバックアップ: ${r.backupPath} (取り消し: xpw import --undo ${r.importId} --db …)`);
  return 0;
}

export function printImports(values: Values): Promise<number> {
  return withDb(requireString(values, 'db'), (db) => listInto(db));
}

function listInto(db: Db): number {
  const rows = listImports(db.sqlite);
  if (rows.length === 0) console.log('取り込みの記録はありません');
  for (const r of rows) {
    const c = r.counts;
    console.log(
      `${r.id}\t${r.at}\t${r.actor}\t${r.kind === 'inquiry' ? '照会' : '一覧'}\t${r.fileName}\t新規 ${c.new} 変更 ${c.changed} 変更なし ${c.unchanged} 不可 ${c.rejected}${r.undoneAt ? `\t取消済み (${r.undoneAt} ${r.undoneBy})` : ''}`,
    );
  }
  return 0;
}
