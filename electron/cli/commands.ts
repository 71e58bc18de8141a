// The CLI's command table: each command's options and a run that imports its implementation only
// when it runs. The table itself imports nothing heavy, so `xpw summary` does not load exceljs,
// docx or playwright-core; the build (scripts/cli-build.mjs) splits each import into its own chunk.
import type { Command, Values } from './command.js';
import { EXPORT_OPTIONS, IMPORT_OPTIONS, INQUIRY_OPTIONS, PACK_OPTIONS, PUBLISH_OPTIONS, RANK_OPTIONS, ROUND_OPTIONS, SHARE_OPTIONS } from './options.js';

const db = { type: 'string' } as const;
const json = { type: 'boolean' } as const;

export const commands = {
  init: {
    options: { db, sample: { type: 'boolean' } },
    run: async (v: Values) => (await import('./basic-commands.js')).runInit(v),
  },
  summary: {
    options: { db, round: { type: 'string' }, json },
    run: async (v: Values) => (await import('./summary-command.js')).runSummary(v),
  },
  check: {
    options: { db },
    run: async (v: Values) => (await import('./check-command.js')).runCheckCommand(v),
  },
  backup: {
    options: { db, out: { type: 'string' } },
    run: async (v: Values) => (await import('./basic-commands.js')).runBackup(v),
  },
  backups: {
    options: { db, json },
    run: async (v: Values) => (await import('./backup-commands.js')).runBackups(v),
  },
  restore: {
    options: { db, from: { type: 'string' } },
    run: async (v: Values) => (await import('./backup-commands.js')).runRestore(v),
  },
  snapshot: {
    options: { db, out: { type: 'string' }, from: { type: 'string' }, force: { type: 'boolean' } },
    positionals: true,
    run: async (v: Values, p: string[]) => (await import('./backup-commands.js')).runSnapshot(v, p),
  },
  compare: {
    options: { db, issue: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json },
    run: async (v: Values) => (await import('./basic-commands.js')).runCompare(v),
  },
  lint: {
    options: { db, version: { type: 'string' }, json },
    run: async (v: Values) => (await import('./basic-commands.js')).runLint(v),
  },
  import: {
    options: IMPORT_OPTIONS,
    positionals: true,
    run: async (v: Values, p: string[]) => (await import('./import-command.js')).runImportCommand(v, p),
  },
  imports: {
    options: { db },
    run: async (v: Values) => (await import('./import-command.js')).printImports(v),
  },
  export: {
    options: EXPORT_OPTIONS,
    positionals: true,
    run: async (v: Values, p: string[]) => (await import('./export-command.js')).runExportCommand(v, p),
  },
  pack: {
    options: PACK_OPTIONS,
    run: async (v: Values) => (await import('./pack-command.js')).runPack(v),
  },
  publish: {
    options: PUBLISH_OPTIONS,
    run: async (v: Values) => (await import('./publish-command.js')).runPublish(v),
  },
  inquiry: {
    options: INQUIRY_OPTIONS,
    positionals: true,
    run: async (v: Values, p: string[]) => (await import('./inquiry-command.js')).runInquiryCommand(v, p),
  },
  round: {
    options: ROUND_OPTIONS,
    positionals: true,
    run: async (v: Values, p: string[]) => (await import('./round-command.js')).runRoundCommand(v, p),
  },
  rank: {
    options: RANK_OPTIONS,
    positionals: true,
    run: async (v: Values, p: string[]) => (await import('./rank-command.js')).runRankCommand(v, p),
  },
  share: {
    options: SHARE_OPTIONS,
    positionals: true,
    run: async (v: Values, p: string[]) => (await import('./share-commands.js')).runShareCommand(v, p),
  },
} satisfies Record<string, Command>;

export type CommandName = keyof typeof commands;
