// The CLI's commands. Each returns the process exit code; failures throw with a one-line message.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupTo } from '../../db/backup.js';
import { openDatabase, type Db } from '../../db/open.js';
import { latestRound, roundByLabel } from '../../db/queries/rounds.js';
import { summarize } from '../../db/queries/summary.js';
import { osUserName } from '../services/actor.js';
import { seedSample } from '../services/sample-data.js';
import { formatSummary } from './format-summary.js';
import { formatComparison, formatFindings } from './format-versionup.js';
import { resolveIssueKey } from '../../db/queries/issues.js';
import { compareIssue } from '../services/compare/compare-issue.js';
import { lintVersions } from '../services/rules/run-rules.js';
import { EXPORT_OPTIONS, runExportCommand } from './export-command.js';
import { INQUIRY_OPTIONS, runInquiryCommand } from './inquiry-command.js';
import { IMPORT_OPTIONS, printImports, runImportCommand } from './import-command.js';
import { backupCommands } from './backup-commands.js';
import { shareCommands } from './share-commands.js';
import { runCheckCommand } from './check-command.js';
import { requireString, type Command } from './command.js';


async function withDb<T>(file: string, fn: (db: Db) => Promise<T> | T): Promise<T> {
  const db = await openDatabase(resolve(file));
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

export const commands = {
  init: {
    options: { db: { type: 'string' }, sample: { type: 'boolean' } },
    async run(values) {
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
    },
  },
  summary: {
    options: { db: { type: 'string' }, round: { type: 'string' }, json: { type: 'boolean' } },
    run: (values) =>
      withDb(requireString(values, 'db'), (db) => {
        const label = values.round as string | undefined;
        const round = label ? roundByLabel(db.sqlite, label) : latestRound(db.sqlite);
        if (!round) throw new Error(label ? `評価回「${label}」がありません` : '評価回がありません');
        const lines = summarize(db.sqlite, { roundId: round.id });
        console.log(values.json ? JSON.stringify({ round: round.label, ranks: round.ranks.map((r) => r.value), levels: lines }, null, 2) : formatSummary(round, lines));
        return 0;
      }),
  },
  check: {
    options: { db: { type: 'string' } },
    run: (values) => runCheckCommand(requireString(values, 'db')),
  },
  backup: {
    options: { db: { type: 'string' }, out: { type: 'string' } },
    run: (values) =>
      withDb(requireString(values, 'db'), async (db) => {
        const out = resolve(requireString(values, 'out'));
        if (existsSync(out)) throw new Error(`出力先が既にあります: ${out} (上書きしません)`);
        await backupTo(db.sqlite, out);
        console.log(`バックアップを作成し検証しました: ${out}`);
        return 0;
      }),
  },
  compare: {
    options: { db: { type: 'string' }, issue: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
    run: (values) =>
      withDb(requireString(values, 'db'), (db) => {
        const key = requireString(values, 'issue');
        const issueId = resolveIssueKey(db.sqlite, key);
        if (issueId === undefined) throw new Error(`課題「${key}」が見つかりません (例: 財変-B-4)`);
        const cmp = compareIssue(db.sqlite, issueId, values.from as string | undefined, values.to as string | undefined);
        console.log(values.json ? JSON.stringify(cmp, null, 2) : formatComparison(cmp));
        return 0;
      }),
  },
  lint: {
    options: { db: { type: 'string' }, version: { type: 'string' }, json: { type: 'boolean' } },
    run: (values) =>
      withDb(requireString(values, 'db'), (db) => {
        const results = lintVersions(db.sqlite, { label: values.version as string | undefined });
        console.log(values.json ? JSON.stringify(results, null, 2) : formatFindings(db.sqlite, results));
        return 0;
      }),
  },
  import: {
    options: IMPORT_OPTIONS,
    positionals: true,
    run: (values, positionals) => withDb(requireString(values, 'db'), (db) => runImportCommand(db, positionals, values)),
  },
  imports: {
    options: { db: { type: 'string' } },
    run: (values) => withDb(requireString(values, 'db'), (db) => printImports(db)),
  },
  export: {
    options: EXPORT_OPTIONS,
    positionals: true,
    run: (values, positionals) => {
      if (positionals.length > 1) throw new Error(`余分な引数があります: ${positionals.slice(1).join(' ')}`);
      return withDb(requireString(values, 'db'), (db) => runExportCommand(db, positionals[0], values));
    },
  },
  inquiry: {
    options: INQUIRY_OPTIONS,
    positionals: true,
    run: (values, positionals) => withDb(requireString(values, 'db'), (db) => runInquiryCommand(db, positionals, values)),
  },
  ...backupCommands,
  ...shareCommands,
} satisfies Record<string, Command>;

export type CommandName = keyof typeof commands;
