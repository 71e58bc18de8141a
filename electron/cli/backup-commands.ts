// xpw backups / restore / snapshot: the backup list, restoring any backup or single-file export
// (with a preview of what it holds and a safety copy first), and the single-file export and its
// import into a new file.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PRIVATE_WRITE } from '../../db/private-files.js';
import { resolve } from 'node:path';
import { openDatabase } from '../../db/open.js';
import { currentActor } from '../services/actor.js';
import { listBackupsView } from '../services/backups/backup-service.js';
import { prepareRestore, type PreparedRestore } from '../services/backups/prepare-restore.js';
import { asCorrupt, isRecoverable } from '../services/backups/recovery.js';
import { replaceUnreadable, restoreInto } from '../services/backups/restore.js';
import type { DatabaseSummary } from '../services/backups/summary.js';
import { importSnapshot } from '../services/snapshot/import-snapshot.js';
import { snapshotExportFile } from '../services/snapshot/export-snapshot.js';
import { requireString, type Values } from './command.js';


const localTime = (iso: string) => new Date(iso).toLocaleString('ja-JP');
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export function formatSummary(s: DatabaseSummary): string[] {
  return [
    `  評価回: ${s.rounds.length ? s.rounds.map((r) => `${r.label} (評価 ${r.ranked}/${r.evaluations})`).join('、') : 'なし'}`,
    `  局区 ${s.organizations} / 変革課題 ${s.issues} / 版 ${s.versions} / 評価 ${s.evaluations} / 監査ログ ${s.auditEntries}`,
    `  最終更新: ${s.lastChange ? `${localTime(s.lastChange.at)} ${s.lastChange.actor} (${s.lastChange.action})` : 'なし'}`,
  ];
}

function printPrepared(p: PreparedRestore): void {
  console.log(`復元元: ${p.source} (${p.kind === 'snapshot' ? '全データの書き出し' : 'バックアップ'}、${mb(p.sourceBytes)})`);
  for (const line of formatSummary(p.summary)) console.log(line);
}

async function restoreCommand(values: Values): Promise<number> {
  const file = resolve(requireString(values, 'db'));
  const prepared = await prepareRestore(requireString(values, 'from'));
  printPrepared(prepared);
  let db;
  try {
    db = existsSync(file) ? await openDatabase(file) : undefined;
  } catch (e) {
    if (!isRecoverable(asCorrupt(e, file))) throw e;
    // The way out for a file that cannot be opened: it is kept under another name, untouched.
    console.log(`現在のファイルは開けません: ${(asCorrupt(e, file) as Error).message}`);
    const { movedAside } = await replaceUnreadable(file, prepared);
    console.log(`開けないファイルは ${movedAside} に移しました (削除・変更していません)`);
    console.log(`復元しました: ${file}`);
    return 0;
  }
  if (!db) {
    await replaceUnreadable(file, prepared);
    console.log(`復元しました (新しいファイル): ${file}`);
    return 0;
  }
  try {
    const result = await restoreInto(db, prepared, currentActor(db.sqlite));
    console.log(`復元前の安全コピー: ${result.safetyCopy}`);
    console.log(`復元しました: ${file}`);
    if (result.leftShare) console.log('このデータベースは共有フォルダから外れました (復元した古いデータを共有に送らないため)。共有に戻るには xpw share join で参加し直してください');
    return 0;
  } finally {
    db.close();
  }
}

export async function runBackups(values: Values): Promise<number> {
  const db = await openDatabase(resolve(requireString(values, 'db')));
  try {
    const list = listBackupsView(db);
    if (values.json) {
      console.log(JSON.stringify(list, null, 2));
      return 0;
    }
    console.log(`バックアップの保存先: ${list.folder}`);
    console.log(`保持: 最新 ${list.policy.keepLast} 件、その後 ${list.policy.keepDays} 日間は1日1件、合計 ${list.policy.maxTotalMb} MB まで`);
    if (list.entries.length === 0) console.log('バックアップはまだありません');
    for (const e of list.entries) console.log(`${localTime(e.at)}  ${e.reasonLabel.padEnd(5, '　')}  ${mb(e.bytes).padStart(10)}  ${e.path}`);
    console.log(`${list.entries.length} 件、合計 ${mb(list.totalBytes)}`);
    return 0;
  } finally {
    db.close();
  }
}

export const runRestore = restoreCommand;

export async function runSnapshot(values: Values, positionals: string[]): Promise<number> {
  const [action, ...extra] = positionals;
  if (extra.length) throw new Error(`余分な引数があります: ${extra.join(' ')}`);
  if (action === 'export') {
    const out = resolve(requireString(values, 'out'));
    if (existsSync(out) && !values.force) throw new Error(`出力先が既にあります: ${out} (上書きするには --force)`);
    const db = await openDatabase(resolve(requireString(values, 'db')));
    try {
      const file = await snapshotExportFile(db.file, currentActor(db.sqlite));
      const temp = `${out}.${process.pid}.tmp`;
      writeFileSync(temp, file.bytes, PRIVATE_WRITE);
      try {
        renameSync(temp, out);
      } catch (e) {
        rmSync(temp, { force: true });
        throw e;
      }
      console.log(`全データを書き出しました: ${out} (${mb(file.bytes.length)})`);
      return 0;
    } finally {
      db.close();
    }
  }
  if (action === 'import') {
    const target = resolve(requireString(values, 'db'));
    const { header, summary } = await importSnapshot(resolve(requireString(values, 'from')), target);
    console.log(`読み込みました: ${target} (${localTime(header.createdAt)} に ${header.createdBy} が書き出したもの)`);
    for (const line of formatSummary(summary)) console.log(line);
    return 0;
  }
  throw new Error('xpw snapshot export --db F --out FILE.xpws / xpw snapshot import --from FILE.xpws --db NEW のどちらかを指定してください');
}
