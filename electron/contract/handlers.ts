// The handler of every channel. Plain Node: Electron's IPC, the preview server, the CLI and
// the tests all call these through dispatch().
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Db } from '../../db/open.js';
import { schemaVersion } from '../../db/open.js';
import { DbError } from '../../db/errors.js';
import { appRoot } from '../../db/paths.js';
import { listIssueHistory } from '../../db/queries/issue-history.js';
import { setComment, setRank, undoChange } from '../../db/write/evaluations.js';
import { getIssue, listIssues } from '../../db/queries/issues.js';
import { listOrganizations } from '../../db/queries/organizations.js';
import { listRounds } from '../../db/queries/rounds.js';
import { summarize } from '../../db/queries/summary.js';
import { currentActor } from '../services/actor.js';
import { lookupIssue } from '../services/lookup.js';
import { saveNote } from '../../db/write/notes.js';
import { listRules } from '../../db/queries/rules.js';
import { replaceRules } from '../../db/write/rules.js';
import { compareIssue } from '../services/compare/compare-issue.js';
import { versionLabels, versionupStatus } from '../services/compare/versionup-status.js';
import { ruleKindInfo, validateRules } from '../services/rules/validate-rules.js';
import { lintVersions } from '../services/rules/run-rules.js';
import type { Channel, ExportPreview, inputs, Output } from './channels.js';
import { toContractError } from './contract-error.js';
import type { Host } from './host.js';
import { cssFontStack, DEFAULT_FONT, FONT_NAMES } from '../services/export/fonts.js';
import { JobRegistry } from '../services/export/jobs.js';
import { aboutInfo } from '../services/about/about.js';
import { readLastChoices, rememberChoice } from '../services/export/last-choices.js';
import { pageSizeMm, type ExportRequest } from '../services/export/options.js';
import { buildModel, carriedIn, modelBody, runExport } from '../services/export/run-export.js';
import { roundHandlers } from './handlers-rounds.js';
import { handoutsHandlers } from './handouts-handlers.js';
import { backupHandlers } from './backup-handlers.js';
import { chartView, movementByOrganization, rankDistribution } from '../../db/queries/charts.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
import { importHandlers } from './import-handlers.js';
import { workspaceHandlers } from './workspace-handlers.js';
import { inquiryHandlers } from './inquiry-handlers.js';
import { syncHandlers } from './sync-handlers.js';
import { shareHandlers } from './share-handlers.js';
import { readSettingsView, saveSettings } from '../services/settings/settings-service.js';
import { gateSettingsPaths } from './settings-paths.js';
import { readExportDefaults } from '../services/settings/export-defaults.js';

export interface Context {
  db: Db;
  /** Printer and file delivery for exports; absent where nothing can be exported (e.g. fuzz tests). */
  host?: Host;
  /** This start made the database from the sample (an empty profile): the app offers to join a share instead. */
  firstStart?: boolean;
}

/** Export jobs of this process (the app, or one preview server). */
export const exportJobs = new JobRegistry();

/** How much of a long export the in-app preview shows. */
const PREVIEW_LIMIT = { report: 400, compare: 10, org: 40, grid: 200 } as const;

function exportPreview(ctx: Context, req: ExportRequest): ExportPreview {
  // Previewed with 繰越 marked, so that the dialog can show how many there are even when the user
  // chose to refuse them (the export itself then says no).
  const previewReq: ExportRequest = req.kind === 'compare' ? req : { ...req, carried: 'mark' };
  const m = buildModel(ctx.db.sqlite, previewReq, { author: currentActor(ctx.db.sqlite) });
  const limit = PREVIEW_LIMIT[req.kind];
  const html = modelBody(m, limit);
  const meta = m.kind === 'grid' ? { paper: 'A4' as const, orientation: 'landscape' as const, font: DEFAULT_FONT, title: 'ランク付け一覧' } : m.model.meta;
  const size = pageSizeMm(meta.paper, meta.orientation);
  return {
    title: meta.title,
    html,
    paper: meta.paper,
    orientation: meta.orientation,
    widthMm: size.width,
    heightMm: size.height,
    fontFamily: cssFontStack(meta.font),
    truncated: html.includes('class="preview-more"'),
    carried: carriedIn(m),
  };
}

function startExport(ctx: Context, req: ExportRequest): { jobId: string } {
  const host = ctx.host;
  if (!host) throw new DbError('INVALID', 'この画面からはファイルを出力できません');
  if (req.format === 'pdf' && !host.printer) throw new DbError('INVALID', 'PDFを印刷する仕組みがありません。Word形式で出力してください');
  const { sqlite } = ctx.db;
  rememberChoice(sqlite, req);
  const author = currentActor(sqlite);
  const jobId = exportJobs.start(
    async (onProgress, commit) => {
      const file = await runExport(sqlite, req, { author, printer: host.printer, onProgress });
      onProgress({ phase: '保存しています', done: 0, total: 1 });
      commit();
      const delivery = await host.deliver(file);
      return { fileName: file.fileName, warnings: file.warnings, size: file.bytes.length, delivery };
    },
    (e) => toContractError(e, 'export.start'),
  );
  return { jobId };
}

/** A handler answers at once, or (a bulk change that takes a backup first) with a promise. */
type Handlers = { [C in Channel]: (ctx: Context, input: z.output<(typeof inputs)[C]>) => Output<C> | Promise<Output<C>> };

const version = (): string =>
  (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;

export const handlers: Handlers = {
  'app.info': (ctx) => ({
    productName: 'X方針ワークベンチ',
    version: version(),
    dbFile: ctx.db.file,
    schemaVersion: schemaVersion(),
    actor: currentActor(ctx.db.sqlite),
  }),
  'app.about': () => aboutInfo(),
  'organizations.list': (ctx) => listOrganizations(ctx.db.sqlite),
  'rounds.list': (ctx) => listRounds(ctx.db.sqlite),
  'issues.list': (ctx, q) => {
    const result = listIssues(ctx.db.sqlite, q);
    const found = lintVersions(ctx.db.sqlite, { issueIds: result.rows.map((r) => r.id), roundId: q.roundId });
    const counts = new Map(found.map((f) => [f.issueId, f.findings.length]));
    return { ...result, rows: result.rows.map((r) => ({ ...r, findings: counts.get(r.id) ?? 0 })) };
  },
  'issues.get': (ctx, { issueId, roundId }) => {
    const issue = getIssue(ctx.db.sqlite, issueId, roundId);
    if (!issue) throw new DbError('NOT_FOUND', `変革課題 (id ${issueId}) がありません`);
    return issue;
  },
  'issues.resolveKey': (ctx, { key }) => ({ issueId: lookupIssue(ctx.db.sqlite, key) }),
  'evaluations.setRank': (ctx, c) => setRank(ctx.db.sqlite, { ...c, actor: currentActor(ctx.db.sqlite) }),
  'evaluations.setComment': (ctx, c) => setComment(ctx.db.sqlite, { ...c, actor: currentActor(ctx.db.sqlite) }),
  'evaluations.undo': (ctx, { auditId }) => undoChange(ctx.db.sqlite, auditId, currentActor(ctx.db.sqlite)),
  ...workspaceHandlers,
  'summary.get': (ctx, f) => summarize(ctx.db.sqlite, f),
  'settings.get': (ctx) => readSettingsView(ctx.db),
  'settings.set': (ctx, input) => saveSettings(ctx.db, gateSettingsPaths(ctx, input)),
  'audit.forIssue': (ctx, { issueId, limit }) => listIssueHistory(ctx.db.sqlite, issueId, limit),
  'compare.get': (ctx, { issueId, from, to }) => compareIssue(ctx.db.sqlite, issueId, from, to),
  'compare.setNote': (ctx, n) => saveNote(ctx.db.sqlite, { ...n, actor: currentActor(ctx.db.sqlite) }),
  'versionup.labels': (ctx) => versionLabels(ctx.db.sqlite),
  'versionup.status': (ctx, { from, to, levels }) => versionupStatus(ctx.db.sqlite, from, to, levels),
  'rules.list': (ctx) => ({ rules: listRules(ctx.db.sqlite), kinds: ruleKindInfo() }),
  'rules.save': (ctx, { rules }) => {
    const valid = validateRules(rules);
    return { rules: replaceRules(ctx.db.sqlite, valid, currentActor(ctx.db.sqlite)), kinds: ruleKindInfo() };
  },
  'lint.run': (ctx, { label }) => lintVersions(ctx.db.sqlite, { label }),
  'export.defaults': (ctx) => {
    const d = readExportDefaults(ctx.db.sqlite);
    return { fonts: [...FONT_NAMES], defaultFont: d.font, defaultPaper: d.paper, last: readLastChoices(ctx.db.sqlite) };
  },
  'export.preview': (ctx, req) => exportPreview(ctx, req),
  'export.start': (ctx, req) => startExport(ctx, req),
  'export.status': (_ctx, { jobId }) => {
    const status = exportJobs.status(jobId);
    if (!status) throw new DbError('NOT_FOUND', '出力の処理が見つかりません (時間が経って破棄された可能性があります)。もう一度出力してください');
    return status;
  },
  'jobs.cancel': (_ctx, { jobId }) => ({ cancelled: exportJobs.cancel(jobId) }),
  ...roundHandlers(exportJobs),
  ...handoutsHandlers(exportJobs),
  ...backupHandlers(exportJobs),
  ...importHandlers(exportJobs),
  ...inquiryHandlers(exportJobs),
  'charts.distribution': (ctx, filter) => rankDistribution(ctx.db.sqlite, filter),
  'charts.movement': (ctx, q) => movementByOrganization(ctx.db.sqlite, q),
  'charts.view': (ctx, q) => chartView(ctx.db.sqlite, q),
  'charts.savePng': async (ctx, { fileName, png }) => {
    const bytes = Buffer.from(png, 'base64');
    if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new DbError('INVALID', 'グラフの画像が正しく作成されませんでした。もう一度お試しください');
    if (!ctx.host) throw new DbError('INVALID', 'この画面からはファイルを書き出せません');
    return { fileName, delivery: await ctx.host.deliver({ fileName, mime: 'image/png', bytes, warnings: [] }) };
  },
  ...syncHandlers,
  ...shareHandlers(exportJobs),
};
