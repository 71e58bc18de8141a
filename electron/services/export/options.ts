// What an export can be asked for: one zod schema shared by the contract, the CLI and the tests.
import { z } from 'zod';
import { DEFAULT_FONT, FONT_NAMES } from './fonts.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const level = z.enum(['A', 'B', 'C']);
const label = z.string().trim().min(1).max(40);

export const PAPERS = ['A4', 'A3'] as const;
export type Paper = (typeof PAPERS)[number];
export type Orientation = 'portrait' | 'landscape';

/**
 * Ranks carried over from the previous round and not confirmed yet (繰越): printed with a mark
 * (※, explained under the table) or the export refused until they are confirmed.
 */
const carried = z.enum(['mark', 'refuse']).default('mark');
export type CarriedPolicy = z.output<typeof carried>;

const common = {
  paper: z.enum(PAPERS).optional(),
  orientation: z.enum(['portrait', 'landscape']).optional(),
  font: z.enum(FONT_NAMES).default(DEFAULT_FONT),
  /** Add the Western year in brackets after 和暦 dates: 令和6年12月20日 (2024年). */
  seireki: z.boolean().default(false),
};

export const reportRequestSchema = z.strictObject({
  kind: z.literal('report'),
  format: z.enum(['docx', 'pdf']),
  roundId: id,
  /** Round for the 増減 column; default the round before `roundId`, none when there is none. */
  previousRoundId: id.nullable().optional(),
  /** Levels listed; default every level with at least one rank in the round. */
  levels: z.array(level).min(1).max(3).optional(),
  organizationIds: z.array(id).max(1000).optional(),
  purpose: z.string().trim().max(400).optional(),
  carried,
  ...common,
});

export const compareRequestSchema = z.strictObject({
  kind: z.literal('compare'),
  format: z.enum(['docx', 'pdf']),
  /** Issues to compare; default every B/C issue with at least two versions. */
  issueIds: z.array(id).max(5000).optional(),
  from: label.optional(),
  to: label.optional(),
  /** Word only: the differences as real tracked changes (w:ins / w:del). */
  tracked: z.boolean().default(false),
  /** Date of the tracked changes: the newer version's date, or the time of the export. */
  revisionDate: z.enum(['newer', 'export']).default('newer'),
  ...common,
});

export const orgRequestSchema = z.strictObject({
  kind: z.literal('org'),
  format: z.enum(['docx', 'pdf']),
  roundId: id,
  organizationIds: z.array(id).max(1000).optional(),
  levels: z.array(level).min(1).max(3).optional(),
  carried,
  ...common,
});

export const gridRequestSchema = z.strictObject({
  kind: z.literal('grid'),
  format: z.enum(['xlsx', 'csv']),
  /** CSV only: CP932 is what Excel on Japanese Windows opens by default. */
  encoding: z.enum(['cp932', 'utf8bom']).default('cp932'),
  /** .xlsx: the workbook's font (the handouts' choice, not Calibri). */
  font: z.enum(FONT_NAMES).default(DEFAULT_FONT),
  carried,
  roundId: id,
  organizationIds: z.array(id).max(1000).optional(),
  levels: z.array(level).max(3).optional(),
  ranks: z.array(z.string().trim().min(1).max(20).nullable()).max(50).optional(),
  text: z.string().max(200).optional(),
  sort: z
    .array(z.strictObject({ column: z.enum(['org', 'number', 'level', 'title', 'rank', 'comment', 'updatedBy', 'updatedAt']), desc: z.boolean() }))
    .max(8)
    .optional(),
});

export const exportRequestSchema = z.discriminatedUnion('kind', [reportRequestSchema, compareRequestSchema, orgRequestSchema, gridRequestSchema]);

export type ExportRequest = z.output<typeof exportRequestSchema>;
export type ReportRequest = z.output<typeof reportRequestSchema>;
export type CompareRequest = z.output<typeof compareRequestSchema>;
export type OrgRequest = z.output<typeof orgRequestSchema>;
export type GridRequest = z.output<typeof gridRequestSchema>;
export type ExportKind = ExportRequest['kind'];
export type ExportFormat = ExportRequest['format'];

/** The document's conventions: lists on A4 portrait, comparison sheets on A3 landscape. */
export function pageOf(req: { kind: ExportKind; paper?: Paper; orientation?: Orientation }): { paper: Paper; orientation: Orientation } {
  if (req.kind === 'compare') return { paper: req.paper ?? 'A3', orientation: req.orientation ?? 'landscape' };
  return { paper: req.paper ?? 'A4', orientation: req.orientation ?? 'portrait' };
}

/** Page size in millimetres. */
export function pageSizeMm(paper: Paper, orientation: Orientation): { width: number; height: number } {
  const [w, h] = paper === 'A3' ? [297, 420] : [210, 297];
  return orientation === 'portrait' ? { width: w, height: h } : { width: h, height: w };
}
