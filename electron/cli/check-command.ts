// `xpw check`: the checks of a database, and the way out when they fail. A database damaged
// where the open itself reads (planner statistics, the search index setting) is still
// diagnosed: its checks run on a read-only connection, which writes nothing.
import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { DbError } from '../../db/errors.js';
import { openDatabase } from '../../db/open.js';
import { asCorrupt, recoveryHint } from '../services/backups/recovery.js';
import { runChecks, type CheckResult } from '../services/check.js';
import { requireString, type Values } from './command.js';
import { sqliteOptions } from '../../db/sqlite.js';

function checkReadOnly(file: string): CheckResult {
  const ro = new Database(file, sqliteOptions({ readonly: true, fileMustExist: true }));
  try {
    return runChecks(ro);
  } catch (e) {
    return { ok: false, lines: [`integrity_check: ${(e as Error).message}`, '結果: 問題があります'] };
  } finally {
    ro.close();
  }
}

export async function runCheckCommand(values: Values): Promise<number> {
  const file = resolve(requireString(values, 'db'));
  let result: CheckResult;
  try {
    const db = await openDatabase(file);
    try {
      result = runChecks(db.sqlite);
    } finally {
      db.close();
    }
  } catch (e) {
    const error = asCorrupt(e, file);
    if (error instanceof DbError && error.code === 'FOREIGN_SCHEMA') {
      // Refused by the open before anything was written; the checks say what is foreign.
      console.log(error.message);
      result = checkReadOnly(file);
    } else {
      if (!(error instanceof DbError) || error.code !== 'CORRUPT' || e instanceof DbError) throw error;
      console.log(`データベースを開く途中で破損が見つかりました: ${(e as Error).message}`);
      result = checkReadOnly(file);
    }
  }
  for (const line of result.lines) console.log(line);
  if (!result.ok) console.log(recoveryHint(file) ?? '');
  return result.ok ? 0 : 1;
}
