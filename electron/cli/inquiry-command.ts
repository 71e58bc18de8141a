// `xpw inquiry generate|collect|status|rekey`: the inquiry round trip on the same services as the app.
//   generate --db F --out DIR [--label L] [--title T] [--org 会計,…] [--levels A,B] [--deadline YYYY-MM-DD]
//   collect  DIR_OR_FILES… --db F [--label L] [--dry-run] [--theirs] [--json]
//   status   --db F [--label L] [--json]
//   rekey    --db F --label L --out DIR   (an inquiry read from a snapshot: new key, forms issued again)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { makePrivateDir, PRIVATE_WRITE } from '../../db/private-files.js';
import { join, resolve } from 'node:path';
import { formatWarekiDateTime } from '../../common/wareki.js';
import type { Db } from '../../db/open.js';
import type { Level } from '../../db/queries/issues.js';
import { listOrganizations } from '../../db/queries/organizations.js';
import { currentActor } from '../services/actor.js';
import { collectReturns } from '../services/inquiry/collect-returns.js';
import { generateInquiry, planInquiry, type InquiryOptions } from '../services/inquiry/generate-inquiry.js';
import { inquiryBoard } from '../services/inquiry/inquiry-board.js';
import { inquiryByLabel, listForms } from '../../db/queries/inquiries.js';
import { previewReturns } from '../services/inquiry/preview-returns.js';
import { rekeyInquiry } from '../services/inquiry/rekey-inquiry.js';
import type { CollectResult, ReturnFile, ReturnsPreview } from '../services/inquiry/return-types.js';
import { lookupOrganization } from '../services/lookup.js';
import { requireString, type Values } from './command.js';
import { withDb } from './with-db.js';

const SUBCOMMANDS = ['generate', 'collect', 'status', 'rekey'];

const list = (v: unknown): string[] | undefined =>
  typeof v === 'string' && v.trim() ? v.split(/[,、，]/).map((s) => s.trim()).filter(Boolean) : undefined;
const when = (iso: string | null) => (iso ? formatWarekiDateTime(new Date(iso)) : '—');

function generateOptions(db: Db, values: Values): InquiryOptions {
  const orgs = listOrganizations(db.sqlite);
  const organizationIds = list(values.org)?.map((name) => {
    return lookupOrganization(db.sqlite, name, orgs).id;
  });
  const levels = list(values.levels)?.map((l) => l.toUpperCase() as Level);
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return { label: str('label'), title: str('title'), organizationIds, levels, deadline: str('deadline') ?? null };
}

function outDir(values: Values): string {
  if (typeof values.out !== 'string' || !values.out) throw new Error('--out (様式を書き出すフォルダ) を指定してください');
  const dir = resolve(values.out);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error(`--out はフォルダを指定してください: ${dir}`);
  return dir;
}

async function writeForms(dir: string, files: { fileName: string; bytes: Uint8Array }[]): Promise<void> {
  makePrivateDir(dir);
  for (const f of files) {
    const target = join(dir, f.fileName);
    // Written beside the target, then renamed: never a half-written form under the real name.
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, f.bytes, PRIVATE_WRITE);
    await rename(temp, target);
  }
}

/** A new key for an inquiry read from a snapshot, and its forms issued again into --out. */
async function rekey(db: Db, values: Values): Promise<number> {
  if (typeof values.label !== 'string' || !values.label) throw new Error('--label (作り直す照会のラベル) を指定してください');
  const dir = outDir(values);
  const q = inquiryByLabel(db.sqlite, values.label);
  const taken = q ? listForms(db.sqlite, q.id).map((f) => join(dir, f.fileName)).filter((p) => existsSync(p)) : [];
  if (taken.length) throw new Error(`出力先に同じ名前のファイルがあります: ${taken[0]} (上書きしません)`);
  const result = await rekeyInquiry(db, values.label, currentActor(db.sqlite));
  await writeForms(dir, result.files);
  console.log(`照会「${result.label}」の鍵を作り直し、様式を ${result.files.length} 件作り直しました: ${dir}`);
  console.log('以前に配布した様式の回答は取り込めません。作り直した様式を配布し直してください');
  return 0;
}

async function generate(db: Db, values: Values): Promise<number> {
  const dir = outDir(values);
  const options = generateOptions(db, values);
  // Every name is checked before anything is created: no inquiry is recorded for files that cannot be written.
  const plan = planInquiry(db, options);
  const taken = plan.forms.map((f) => join(dir, f.fileName)).filter((p) => existsSync(p));
  if (taken.length) throw new Error(`出力先に同じ名前のファイルがあります: ${taken[0]}${taken.length > 1 ? ` ほか${taken.length - 1}件` : ''} (上書きしません)`);
  const result = await generateInquiry(db, { ...options, actor: currentActor(db.sqlite) });
  await writeForms(dir, result.files);
  console.log(`照会「${result.label}」(${result.title}) の様式を ${result.files.length} 件作成しました: ${dir}`);
  for (const f of result.files) console.log(`  ${f.fileName}\t${f.issues}件`);
  return 0;
}

/** Files named, and every .xlsx directly in a folder named (not Excel's ~$ lock files). */
function returnFiles(paths: string[]): ReturnFile[] {
  if (!paths.length) throw new Error('回答のファイルかフォルダを指定してください (例: xpw inquiry collect 回答/ --db x.sqlite)');
  const files: string[] = [];
  for (const p of paths.map((x) => resolve(x))) {
    if (!existsSync(p)) throw new Error(`ファイルがありません: ${p}`);
    if (statSync(p).isDirectory()) {
      const found = readdirSync(p)
        .filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$'))
        .sort()
        .map((n) => join(p, n));
      if (!found.length) throw new Error(`フォルダに .xlsx のファイルがありません: ${p}`);
      files.push(...found);
    } else files.push(p);
  }
  return files.map((f) => ({ fileName: f.split(/[\\/]/).pop()!, bytes: new Uint8Array(readFileSync(f)), modifiedAt: statSync(f).mtime.toISOString() }));
}

function inquiryId(db: Db, values: Values): number | undefined {
  if (typeof values.label !== 'string') return undefined;
  const q = inquiryByLabel(db.sqlite, values.label);
  if (!q) throw new Error(`照会「${values.label}」がありません`);
  return q.id;
}

export function formatPreview(p: ReturnsPreview): string {
  const c = p.counts;
  const out = [
    `照会 ${p.inquiry.label}「${p.inquiry.title}」への回答: ファイル ${c.files} (取り込む ${c.accepted} / 取り込めない ${c.refused} / 新しい回答で置き換え ${c.superseded})`,
    `  変更あり ${c.changed} / 変更なし ${c.unchanged} / 競合 ${c.conflicts} / 取り込まない行 ${c.rejected} / 行がない課題 ${c.missing}`,
  ];
  for (const f of p.files.filter((x) => x.status === 'accepted')) {
    out.push('');
    const k = f.counts;
    out.push(`○ ${f.fileName} — ${f.organization}: 変更あり ${k.changed} / 変更なし ${k.unchanged} / 競合 ${k.conflicts} / 取り込まない行 ${k.rejected}`);
    for (const w of f.warnings) out.push(`    注意: ${w}`);
    for (const r of f.rows) {
      const fields = r.changes.map((x) => `${x.mark}${x.label}`).join(', ');
      if (r.status === 'changed') out.push(`    変更 ${r.key} (${r.row}行目): ${fields}`);
      else if (r.status === 'conflict') out.push(`    競合 ${r.key} (${r.row}行目): ${fields} — 様式の作成後に事務局も変更しています`);
      else if (r.status === 'rejected') out.push(`    取り込まない ${r.reason}`);
      for (const w of r.status === 'rejected' ? [] : r.warnings) out.push(`      注意: ${w}`);
    }
  }
  const notTaken = p.files.filter((x) => x.status !== 'accepted');
  if (notTaken.length) out.push('', '取り込めないファイル:', ...notTaken.map((f) => `× ${f.message ?? f.fileName}`));
  if (p.conflicts.length) {
    out.push('', `競合 ${p.conflicts.length}件: 既定では取り込みません。回答の内容を採用するには --theirs を付けてください`);
  }
  return out.join('\n');
}

function formatCollect(r: CollectResult): string {
  const out = [formatPreview(r.preview), ''];
  out.push(`取り込み ${r.importId} として記録しました (版「${r.label}」を ${r.written.length}件、回答済み ${r.returnedForms.length}局区)。バックアップ: ${r.backupPath}`);
  for (const s of r.skipped) out.push(`  取り込まなかった競合 ${s.key} (${s.fileName} ${s.row}行目): ${s.reason}`);
  out.push(`取り消すには: xpw import --undo ${r.importId} --db …`);
  return out.join('\n');
}

async function collect(db: Db, paths: string[], values: Values): Promise<number> {
  const files = returnFiles(paths);
  const id = inquiryId(db, values);
  if (values['dry-run']) {
    const preview = await previewReturns(db, files, { inquiryId: id });
    console.log(values.json ? JSON.stringify(preview, null, 2) : formatPreview(preview));
    if (!preview.counts.accepted) throw new Error('取り込める回答がありません (上の理由を確認してください)');
    return 0;
  }
  const result = await collectReturns(db, files, { inquiryId: id, otherConflicts: values.theirs ? 'theirs' : undefined, actor: currentActor(db.sqlite) });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatCollect(result));
  return 0;
}

function status(db: Db, values: Values): number {
  const board = inquiryBoard(db, inquiryId(db, values));
  if (values.json) {
    console.log(JSON.stringify(board, null, 2));
    return 0;
  }
  const q = board.inquiry;
  if (!q) {
    console.log('照会はまだありません (xpw inquiry generate で作成します)');
    return 0;
  }
  const out = [`照会 ${q.label}「${q.title}」 作成 ${when(q.createdAt)} (${q.createdBy})  回答済み ${q.returned} / ${q.forms}局区`, '局区\t課題数\t回答\t回答日時\tファイル\t取り込み'];
  for (const f of q.rows) {
    out.push([f.organization, f.issues, f.returned ? '済' : '未', when(f.returnedAt), f.returnFileName ?? '—', f.importId ?? '—'].join('\t'));
  }
  const others = board.inquiries.filter((x) => x.id !== q.id);
  if (others.length) out.push('', `ほかの照会: ${others.map((x) => `${x.label} (回答済み ${x.returned} / ${x.forms})`).join(', ')}  (--label で選べます)`);
  console.log(out.join('\n'));
  return 0;
}

export function runInquiryCommand(values: Values, positionals: string[]): Promise<number> {
  const [sub, ...rest] = positionals;
  if (!sub || !SUBCOMMANDS.includes(sub)) throw new Error(`inquiry の後に ${SUBCOMMANDS.join(' | ')} を指定してください`);
  if (sub !== 'collect' && rest.length) throw new Error(`余分な引数があります: ${rest.join(' ')}`);
  return withDb(requireString(values, 'db'), (db) => {
    if (sub === 'generate') return generate(db, values);
    if (sub === 'collect') return collect(db, rest, values);
    if (sub === 'rekey') return rekey(db, values);
    return status(db, values);
  });
}
