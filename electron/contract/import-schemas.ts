// The contract's channels for imports (issue 5 §1–2): input schemas here, spread into `inputs`
// in channels.ts; handlers in import-handlers.ts. Files travel as base64 (JSON over the preview's
// HTTP; Electron's IPC could carry bytes, but one shape for both keeps the contract one).
import { z } from 'zod';
import { IMPORT_FIELDS } from '../services/import/columns.js';
import type { ImportPreview, ImportPreviewView, ImportResult } from '../services/import/import-file.js';
import type { ImportRecord } from '../services/import/list-imports.js';
import type { UndoResult } from '../services/import/undo-import.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** 50 MB of file as base64. */
export const MAX_BASE64 = Math.ceil((50 * 1024 * 1024) / 3) * 4 + 4;

export const importFileSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  data: z.string().max(MAX_BASE64, { message: 'ファイルが大きすぎます (上限 50 MB)' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'ファイルの内容 (base64) が正しくありません' }),
});

export const importOptionsSchema = z.strictObject({
  encoding: z.enum(['auto', 'utf8', 'cp932', 'utf16le', 'utf16be']).optional(),
  headerLine: z.number().int().min(1).max(1000).optional(),
  mapping: z.array(z.enum(IMPORT_FIELDS).nullable()).max(300).optional(),
  defaultLevel: z.enum(['A', 'B', 'C']).optional(),
  /** Rows the database cannot tell the level of (by line in the file): their own level, over defaultLevel. */
  rowLevels: z.record(z.string().regex(/^\d{1,7}$/), z.enum(['A', 'B', 'C'])).optional(),
  roundId: id.optional(),
  versionLabel: z.string().trim().min(1).max(40).optional(),
  versionAsOf: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, { message: '時点は YYYY-MM の形で指定してください' }).optional(),
  organizationMap: z.record(z.string().min(1).max(100), z.union([id, z.literal('create')])).optional(),
});

export const importInputs = {
  /**
   * The preview as a job (it reads a whole file): export.status shows its steps (reading, rows
   * n/N, matching) and at the end its value `importPreview`; jobs.cancel stops it (it writes nothing).
   */
  'import.previewStart': z.strictObject({ file: importFileSchema, options: importOptionsSchema }),
  'import.commit': z.strictObject({ file: importFileSchema, options: importOptionsSchema }),
  'import.list': z.strictObject({}),
  'import.undo': z.strictObject({ importId: id }),
} as const;

export type ImportInputs = typeof importInputs;

export interface ImportOutputs {
  'import.previewStart': { jobId: string };
  'import.commit': ImportResult;
  'import.list': ImportRecord[];
  'import.undo': UndoResult;
}

export type { ImportPreview, ImportPreviewView, ImportRecord, ImportResult, UndoResult };
