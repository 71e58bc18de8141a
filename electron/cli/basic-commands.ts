// xpw init / backup / compare / lint. Each returns the process exit code; failures throw with a
// one-line message. Loaded only when one of them runs (see commands.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupTo } from '../../db/backup.js';
import { openDatabase } from '../../db/open.js';
import { osUserName } from '../services/actor.js';
import { compareIssue } from '../services/compare/compare-issue.js';
import { lookupIssue } from '../services/lookup.js';
import { lintVersions } from '../services/rules/run-rules.js';
import { seedSample } from '../services/sample-data.js';
import { requireString, type Values } from './command.js';
import { formatComparison, formatFindings } from './format-versionup.js';
import { withDb } from './with-db.js';

export async function runInit(values: Values): Promise<number> {
  const file = resolve(requireString(values, 'db'));
  if (existsSync(file)) throw new Error(`ファイルが既にあります: ${file} (上書きしません)`);
  const db = await openDatabase(file, { create: true });
  try {
    if (values.sample) seedSample(db, osUserName());
  } finally {
    db.close();
  }
  console.log(`${values.sample ? 'サンプルから' : '空の'}データベースを作成しました: ${file}`);
  return 0;
}

export function runBackup(values: Values): Promise<number> {
  return withDb(requireString(values, 'db'), async (db) => {
    const out = resolve(requireString(values, 'out'));
    if (existsSync(out)) throw new Error(`出力先が既にあります: ${out} (上書きしません)`);
    await backupTo(db.sqlite, out);
    console.log(`バックアップを作成し検証しました: ${out}`);
    return 0;
  });
}

export function runCompare(values: Values): Promise<number> {
  return withDb(requireString(values, 'db'), (db) => {
    const issueId = lookupIssue(db.sqlite, requireString(values, 'issue'));
    const cmp = compareIssue(db.sqlite, issueId, values.from as string | undefined, values.to as string | undefined);
    console.log(values.json ? JSON.stringify(cmp, null, 2) : formatComparison(cmp));
    return 0;
  });
}

export function runLint(values: Values): Promise<number> {
  return withDb(requireString(values, 'db'), (db) => {
    const results = lintVersions(db.sqlite, { label: values.version as string | undefined });
    console.log(values.json ? JSON.stringify(results, null, 2) : formatFindings(db.sqlite, results));
    return 0;
  });
}
