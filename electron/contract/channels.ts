// The one contract between the UI and the data: channel → zod input schema (here) → handler
// (handlers.ts). Electron serves it over IPC, the browser preview over loopback HTTP. The
// renderer imports this file for types only.
import { z } from 'zod';
import type { AuditRow } from '../../db/queries/audit.js';
import type { IssueHistoryRow } from '../../db/queries/issue-history.js';
import type { ChangeResult } from '../../db/write/evaluations.js';
import type { BulkResult } from '../../db/write/evaluations-bulk.js';
import type { IssueDetail, IssueRow } from '../../db/queries/issues.js';
import type { Organization } from '../../db/queries/organizations.js';
import type { Round } from '../../db/queries/rounds.js';
import type { SummaryLine } from '../../db/queries/summary.js';
import type { ComparisonNote } from '../../db/queries/notes.js';
import type { WritingRule } from '../../db/queries/rules.js';
import type { Comparison, FieldComparison } from '../services/compare/compare-issue.js';
import type { VersionupRow, VersionupStatus } from '../services/compare/versionup-status.js';
import type { Finding, VersionFindings } from '../services/rules/run-rules.js';
import { exportRequestSchema } from '../services/export/options.js';
import type { FontName } from '../services/export/fonts.js';
import type { Delivery, JobStatus } from '../services/export/jobs.js';
import type { LastChoices } from '../services/export/last-choices.js';
import type { AuditCursor, AuditPage } from '../../db/queries/audit-search.js';
import type { ConfirmResult } from '../../db/write/confirm-carried.js';
import type { RankHistoryEntry } from '../../db/queries/rank-history.js';
import type { Movers, MoverRow, Movement } from '../../db/queries/rank-movers.js';
import type { RoundStats } from '../../db/queries/round-admin.js';
import type { DeleteResult } from '../../db/write/rounds.js';
import type { ScaleInfo } from '../../db/queries/scales.js';
import type { UndoBulkOutcome } from '../services/rounds/bulk.js';
import type { AboutInfo } from '../services/about/about.js';
import type { ChartView, MovementByOrganization, RankDistribution } from '../../db/queries/charts.js';
import { auditFilterSchema, auditListSchema, moversSchema, newRoundSchema, roundFieldsSchema, scaleInputSchema } from './round-schemas.js';
// Backups, restore, the single-file export and settings (issue 6 §3, §5).
import { backupInputs, type BackupOutputs } from './backup-schemas.js';
import { importInputs, type ImportOutputs } from './import-schemas.js';
import { inquiryInputs, type InquiryOutputs } from './inquiry-schemas.js';
import { handoutsInputs, type HandoutsOutputs } from './handouts-schemas.js';
import { syncInputs, type SyncOutputs } from './sync-schemas.js';
import { shareInputs, type ShareOutputs } from './share-schemas.js';
import { settingsInputSchema, type SettingsView } from '../services/settings/settings-service.js';
import { gridLayoutSchema, type GridLayout } from '../services/settings/grid-layout.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const level = z.enum(['A', 'B', 'C']);
const rankValue = z.string().trim().min(1).max(20);
const versionLabel = z.string().trim().min(1).max(40);

export const issueFilterSchema = z.strictObject({
  roundId: id,
  organizationIds: z.array(id).max(1000).optional(),
  levels: z.array(level).max(3).optional(),
  ranks: z.array(rankValue.nullable()).max(50).optional(),
  text: z.string().max(200).optional(),
  carried: z.boolean().optional(),
});

export const sortColumnSchema = z.enum(['org', 'number', 'level', 'title', 'rank', 'comment', 'updatedBy', 'updatedAt']);

const gridQuerySchema = issueFilterSchema.extend({
  sort: z.array(z.strictObject({ column: sortColumnSchema, desc: z.boolean() })).max(8).optional(),
});

export const inputs = {
  'app.info': z.strictObject({}),
  'app.about': z.strictObject({}),
  'organizations.list': z.strictObject({}),
  'rounds.list': z.strictObject({}),
  'issues.list': issueFilterSchema.extend({
    sort: z.array(z.strictObject({ column: sortColumnSchema, desc: z.boolean() })).max(8).optional(),
    offset: z.number().int().min(0).max(10_000_000),
    limit: z.number().int().min(1).max(2000),
  }),
  'issues.get': z.strictObject({ issueId: id, roundId: id }),
  'issues.resolveKey': z.strictObject({ key: z.string().min(1).max(100) }),
  'evaluations.setRank': z.strictObject({ issueId: id, roundId: id, rank: rankValue.nullable() }),
  'evaluations.setComment': z.strictObject({ issueId: id, roundId: id, comment: z.string().max(4000) }),
  'evaluations.undo': z.strictObject({ auditId: id }),
  // The ranking workspace (issue 14): where an issue stands in the grid's order (sort and undo
  // keep it in view), bulk rank/所見.
  'issues.position': gridQuerySchema.extend({ issueId: id }),
  'evaluations.setMany': z.strictObject({
    roundId: id,
    field: z.enum(['rank', 'comment']),
    items: z
      .array(z.strictObject({ issueId: id, value: z.string().max(4000).nullable() }))
      .min(1)
      .max(200_000),
  }),
  // One value for the selected rows, named by their places in the grid's order (ranges of row
  // indexes): the server resolves them, so selecting 100,000 rows sends a few numbers.
  'evaluations.setSelected': z.strictObject({
    query: gridQuerySchema,
    ranges: z
      .array(z.tuple([z.number().int().min(0), z.number().int().min(0)]))
      .min(1)
      .max(10_000),
    field: z.enum(['rank', 'comment']),
    value: z.string().max(4000).nullable(),
  }),
  'evaluations.undoMany': z.strictObject({ auditId: id }),
  // The grid's layout, per user on this PC (kept in the database: the preview's storage origin changes per start).
  'layout.get': z.strictObject({}),
  'layout.set': z.strictObject({ layout: gridLayoutSchema }),
  'summary.get': issueFilterSchema,
  'settings.get': z.strictObject({}),
  'settings.set': settingsInputSchema,
  'audit.forIssue': z.strictObject({ issueId: id, limit: z.number().int().min(1).max(1000).optional() }),
  'compare.get': z.strictObject({ issueId: id, from: versionLabel.optional(), to: versionLabel.optional() }),
  'compare.setNote': z.strictObject({ issueId: id, fromVersionId: id, toVersionId: id, note: z.string().max(4000) }),
  'versionup.labels': z.strictObject({}),
  'versionup.status': z.strictObject({ from: versionLabel, to: versionLabel, levels: z.array(level).min(1).max(3).optional() }),
  'rules.list': z.strictObject({}),
  'rules.save': z.strictObject({
    rules: z
      .array(
        z.strictObject({
          kind: z.string().min(1).max(40),
          field: z.string().min(1).max(40),
          params: z.record(z.string(), z.unknown()),
          message: z.string().trim().min(1).max(300),
          enabled: z.boolean(),
        }),
      )
      .max(200),
  }),
  'lint.run': z.strictObject({ label: versionLabel.optional() }),
  'export.defaults': z.strictObject({}),
  'export.preview': exportRequestSchema,
  'export.start': exportRequestSchema,
  'export.status': z.strictObject({ jobId: z.uuid() }),
  /** Stops a running job where stopping loses nothing (exports, restore previews, verifications). */
  'jobs.cancel': z.strictObject({ jobId: z.uuid() }),
  // Rounds, scales and the audit log (issue 6).
  'rounds.stats': z.strictObject({}),
  'rounds.create': newRoundSchema,
  'rounds.update': roundFieldsSchema.extend({ roundId: id }),
  'rounds.delete': z.strictObject({ roundId: id }),
  'rounds.lock': z.strictObject({ roundId: id }),
  'rounds.unlock': z.strictObject({ roundId: id, reason: z.string().trim().min(1, 'ロックを解除する理由を入力してください').max(500) }),
  'rounds.confirmCarried': issueFilterSchema,
  'rounds.undoBulk': z.strictObject({ auditId: id }),
  'rounds.history': z.strictObject({ issueId: id }),
  'rounds.movers': moversSchema,
  'scales.list': z.strictObject({}),
  'scales.create': scaleInputSchema,
  'scales.update': scaleInputSchema.extend({ scaleId: id }),
  'scales.delete': z.strictObject({ scaleId: id }),
  'summary.previous': issueFilterSchema,
  'audit.list': auditListSchema,
  'audit.count': auditFilterSchema,
  'audit.facets': z.strictObject({}),
  'audit.export': auditFilterSchema,
  // The chart view (issue 14 §4): the grid's filter per 局区, and the movement between two rounds.
  'charts.distribution': issueFilterSchema,
  'charts.movement': z.strictObject({ fromRoundId: id, toRoundId: id, levels: z.array(level).max(3).optional() }),
  /** Both charts of the view in one round trip (one scan for the full set); the pair may be absent. */
  'charts.view': z.strictObject({
    filter: issueFilterSchema,
    movement: z.strictObject({ fromRoundId: id, toRoundId: id, levels: z.array(level).max(3).optional() }).nullable(),
  }),
  /** A chart as a picture: the renderer draws it, the host saves it (Save dialog / download). */
  'charts.savePng': z.strictObject({
    fileName: z
      .string()
      .trim()
      .min(5)
      .max(120)
      .refine((f) => f.endsWith('.png') && !/[\\/:*?"<>|]/u.test(f) && ![...f].some((c) => c.charCodeAt(0) < 0x20), { message: 'ファイル名に使えない文字が含まれています' }),
    png: z.base64().max(30_000_000),
  }),
  ...backupInputs,
  ...importInputs,
  ...inquiryInputs,
  ...handoutsInputs,
  ...syncInputs,
  ...shareInputs,
} as const;

export interface AppInfo {
  productName: string;
  version: string;
  dbFile: string;
  schemaVersion: number;
  actor: string;
}

/** Everything the settings screen shows (electron/services/settings/settings-service.ts). */
export type Settings = SettingsView;

export interface Outputs extends BackupOutputs, ImportOutputs, InquiryOutputs, HandoutsOutputs, SyncOutputs, ShareOutputs {
  'app.info': AppInfo;
  /** バージョン情報: version, data version, build date, licences (electron/services/about/about.ts). */
  'app.about': AboutInfo;
  'organizations.list': Organization[];
  'rounds.list': Round[];
  /** total: counted for the first page (offset 0) only, null for later pages. */
  'issues.list': { total: number | null; rows: IssueRow[] };
  'issues.get': IssueDetail;
  'issues.resolveKey': { issueId: number };
  'evaluations.setRank': ChangeResult;
  'evaluations.setComment': ChangeResult;
  'evaluations.undo': ChangeResult;
  'issues.position': { index: number };
  'evaluations.setMany': BulkResult;
  'evaluations.undoMany': BulkResult;
  'evaluations.setSelected': BulkResult;
  /** null: this user has no saved layout on this PC. */
  'layout.get': GridLayout | null;
  'layout.set': { saved: true };
  'summary.get': SummaryLine[];
  'settings.get': Settings;
  'settings.set': Settings;
  'audit.forIssue': IssueHistoryRow[];
  'compare.get': Comparison;
  'compare.setNote': ComparisonNote | null;
  'versionup.labels': string[];
  'versionup.status': VersionupStatus;
  'rules.list': { rules: WritingRule[]; kinds: RuleKindInfo[] };
  'rules.save': { rules: WritingRule[]; kinds: RuleKindInfo[] };
  'lint.run': VersionFindings[];
  'export.defaults': { fonts: FontName[]; defaultFont: FontName; defaultPaper: 'auto' | 'A4' | 'A3'; last: LastChoices };
  'export.preview': ExportPreview;
  'export.start': { jobId: string };
  'export.status': JobStatus;
  /** false: the job had ended already or cannot be stopped. */
  'jobs.cancel': { cancelled: boolean };
  'rounds.stats': RoundStats[];
  'rounds.create': { round: Round; carried: number };
  'rounds.update': Round;
  'rounds.delete': DeleteResult;
  'rounds.lock': Round;
  'rounds.unlock': Round;
  'rounds.confirmCarried': ConfirmResult;
  'rounds.undoBulk': UndoBulkOutcome;
  'rounds.history': RankHistoryEntry[];
  'rounds.movers': Movers;
  'scales.list': ScaleInfo[];
  'scales.create': ScaleInfo;
  'scales.update': ScaleInfo;
  'scales.delete': ScaleInfo[];
  /** The summary of the same filter in the round before (null: there is none), for 増減. */
  'summary.previous': { round: { id: number; label: string } | null; lines: SummaryLine[] };
  'audit.list': AuditPage;
  'audit.count': { count: number };
  'audit.facets': { actors: string[]; entities: string[] };
  /** Follow it with export.status, like the handouts. */
  'audit.export': { jobId: string };
  'charts.distribution': RankDistribution;
  'charts.movement': MovementByOrganization;
  'charts.view': ChartView;
  'charts.savePng': { fileName: string; delivery: Delivery };
}

/** The in-app print preview: the body HTML (escaped, script-free) and how to lay it out. */
export interface ExportPreview {
  title: string;
  html: string;
  paper: string;
  orientation: 'portrait' | 'landscape';
  widthMm: number;
  heightMm: number;
  fontFamily: string;
  /** Rows/sheets shown; the saved file holds all of them. */
  truncated: boolean;
  /** Unconfirmed carried-over ranks (繰越) the export would print (marked ※, or refused). */
  carried: number;
}

export interface RuleKindInfo {
  kind: string;
  label: string;
  /** Allowed values of `field`. */
  fields: string[];
  /** Default parameters for a new rule of this kind. */
  defaults: Record<string, unknown>;
}

export type Channel = keyof typeof inputs;
export type Input<C extends Channel> = z.input<(typeof inputs)[C]>;
export type Output<C extends Channel> = Outputs[C];

export const CHANNELS = Object.keys(inputs) as Channel[];

export interface ContractError {
  code: string;
  /** Japanese, shown to the user as is. */
  message: string;
}

export type Reply<C extends Channel> = { ok: true; data: Output<C> } | { ok: false; error: ContractError };

export type { Comparison, ComparisonNote, FieldComparison, Finding, VersionFindings, VersionupRow, VersionupStatus, WritingRule };
export type { AuditRow, BulkResult, IssueHistoryRow, ChangeResult, IssueDetail, IssueRow, Organization, Round, SummaryLine };
export type { IssueVersion } from '../../db/queries/issues.js';
export type { ExportKind, ExportRequest } from '../services/export/options.js';
export type { Delivery, JobStatus, JobValue } from '../services/export/jobs.js';
export type { ScaleRank } from '../../db/queries/rounds.js';
export type { AuditCursor, AuditPage, ConfirmResult, DeleteResult, Movement, MoverRow, Movers, RankHistoryEntry, RoundStats, ScaleInfo, UndoBulkOutcome };
export type { AuditListRow } from '../../db/queries/audit-search.js';
export type { ImportPreviewView, ImportRecord, ImportResult, UndoResult } from './import-schemas.js';
export type { ImportField } from '../services/import/columns.js';
export type { BackupList, BackupListEntry, BackupPolicy, DatabaseSummary, ExportDefaults, PreparedView, RestoreResult, SnapshotDelivery, VerifyResult } from './backup-schemas.js';
export type { CollectResult, InquiryBoard, ReturnsPreview } from './inquiry-schemas.js';
export type { AboutInfo } from '../services/about/about.js';
export type { FontLicence, LibraryLicence } from '../services/about/licenses.js';
export type { PublishCheck } from './handouts-schemas.js';
export type { JoinHereResult, ShareCurrent, ShareSummary } from './share-schemas.js';
export type { ChartView, MovementByOrganization, RankDistribution };
