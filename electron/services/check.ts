// `xpw check`: SQLite's own integrity and foreign-key checks, plus our invariants.
import type Database from 'better-sqlite3';
import { describeDifferences, schemaDifferences } from '../../db/canonical-schema.js';
import { schemaVersion } from '../../db/open.js';
import { ranksOutsideScale } from '../../db/queries/database-summary.js';

export interface CheckResult {
  ok: boolean;
  lines: string[];
}

export function runChecks(sqlite: Database.Database): CheckResult {
  const lines: string[] = [];
  let ok = true;
  const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  const integrityOk = integrity.length === 1 && integrity[0]!.integrity_check === 'ok';
  lines.push(`integrity_check: ${integrityOk ? 'ok' : integrity.map((r) => r.integrity_check).join('; ')}`);
  ok &&= integrityOk;
  const fk = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  lines.push(`foreign_key_check: ${fk.length === 0 ? 'ok' : `${fk.length} 件の違反 (${fk.slice(0, 5).map((v) => `${v.table}#${v.rowid}→${v.parent}`).join(', ')})`}`);
  ok &&= fk.length === 0;
  const badRanks = ranksOutsideScale(sqlite);
  lines.push(`ranks_in_scale: ${badRanks === 0 ? 'ok' : `ランク基準にないランクが ${badRanks} 件`}`);
  ok &&= badRanks === 0;
  // The schema must be exactly what the migrations make at this version (no foreign triggers, views …).
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  const diffs = version <= schemaVersion() ? schemaDifferences(sqlite, version) : [];
  lines.push(`schema: ${diffs.length === 0 ? 'ok' : `アプリが作らない・欠けている要素が ${diffs.length} 件 (${describeDifferences(diffs, 20)})`}`);
  ok &&= diffs.length === 0;
  lines.push(ok ? '結果: 問題ありません' : '結果: 問題があります');
  return { ok, lines };
}
