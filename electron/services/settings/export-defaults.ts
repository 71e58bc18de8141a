// The settings screen's defaults for handouts: the font, and the paper when the user's printers
// differ from the document's conventions (no A3 printer: everything on A4). The export dialog
// starts from these when it has no remembered choice.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { readSetting } from '../../../db/queries/settings.js';
import { DEFAULT_FONT, FONT_NAMES } from '../export/fonts.js';

export const EXPORT_DEFAULTS_KEY = 'export.defaults';

export const exportDefaultsSchema = z.strictObject({
  font: z.enum(FONT_NAMES),
  /** 'auto': the document's conventions (lists A4 portrait, comparison sheets A3 landscape). */
  paper: z.enum(['auto', 'A4', 'A3']),
  /** The author of tracked changes in comparison sheets: the secretariat's name, not a PC account. */
  revisionAuthor: z.string().trim().min(1).max(50).default('市政変革推進室'),
  /** 全国地方公共団体コード (6 digits, with the check digit) for the open data; null until set. */
  localGovernmentCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '全国地方公共団体コードは6桁の数字です (例: 401005)')
    .nullable()
    .default(null),
});

export type ExportDefaults = z.output<typeof exportDefaultsSchema>;

export const DEFAULT_EXPORT_DEFAULTS: ExportDefaults = { font: DEFAULT_FONT, paper: 'auto', revisionAuthor: '市政変革推進室', localGovernmentCode: null };

export function readExportDefaults(sqlite: Database.Database): ExportDefaults {
  // Team sync may have written only the team's fields (the author, the city code) on a PC that
  // never chose its font and paper: those come from the defaults.
  const stored = readSetting(sqlite, EXPORT_DEFAULTS_KEY);
  const parsed = exportDefaultsSchema.safeParse(stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...DEFAULT_EXPORT_DEFAULTS, ...stored } : stored);
  return parsed.success ? parsed.data : DEFAULT_EXPORT_DEFAULTS;
}
