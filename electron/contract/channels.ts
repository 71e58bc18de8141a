// The one contract between the UI and the data: channel → zod input schema (here) → handler
// (handlers.ts). Electron serves it over IPC, the browser preview over loopback HTTP. The
// renderer imports this file for types only.
import { z } from 'zod';
import type { AuditRow } from '../../db/queries/audit.js';
import type { ChangeResult } from '../../db/queries/evaluations.js';
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
import type { JobStatus } from '../services/export/jobs.js';
import type { LastChoices } from '../services/export/last-choices.js';

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
});

export const sortColumnSchema = z.enum(['org', 'number', 'level', 'title', 'rank', 'comment', 'updatedBy', 'updatedAt']);

export const inputs = {
  'app.info': z.strictObject({}),
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
  'summary.get': issueFilterSchema,
  'settings.get': z.strictObject({}),
  'settings.set': z.strictObject({ displayName: z.string().trim().max(50) }),
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
} as const;

export interface AppInfo {
  productName: string;
  version: string;
  dbFile: string;
  schemaVersion: number;
  actor: string;
}

export interface Settings {
  displayName: string;
  osUserName: string;
}

export interface Outputs {
  'app.info': AppInfo;
  'organizations.list': Organization[];
  'rounds.list': Round[];
  /** total: counted for the first page (offset 0) only, null for later pages. */
  'issues.list': { total: number | null; rows: IssueRow[] };
  'issues.get': IssueDetail;
  'issues.resolveKey': { issueId: number };
  'evaluations.setRank': ChangeResult;
  'evaluations.setComment': ChangeResult;
  'evaluations.undo': ChangeResult;
  'summary.get': SummaryLine[];
  'settings.get': Settings;
  'settings.set': Settings;
  'audit.forIssue': AuditRow[];
  'compare.get': Comparison;
  'compare.setNote': ComparisonNote | null;
  'versionup.labels': string[];
  'versionup.status': VersionupStatus;
  'rules.list': { rules: WritingRule[]; kinds: RuleKindInfo[] };
  'rules.save': { rules: WritingRule[]; kinds: RuleKindInfo[] };
  'lint.run': VersionFindings[];
  'export.defaults': { fonts: FontName[]; defaultFont: FontName; last: LastChoices };
  'export.preview': ExportPreview;
  'export.start': { jobId: string };
  'export.status': JobStatus;
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
export type { AuditRow, ChangeResult, IssueDetail, IssueRow, Organization, Round, SummaryLine };
export type { IssueVersion } from '../../db/queries/issues.js';
export type { ExportKind, ExportRequest } from '../services/export/options.js';
export type { Delivery, JobStatus } from '../services/export/jobs.js';
export type { ScaleRank } from '../../db/queries/rounds.js';
