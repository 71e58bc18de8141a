// A list import from start to finish: read the file (any of the formats), find the header,
// map the columns (automatically, as remembered for this layout, or as the user set them),
// plan every row, and — only when asked — commit the plan in one transaction after a backup.
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/open.js';
import type { Level } from '../../../db/queries/issues.js';
import { standingImportOf } from '../../../db/queries/imports.js';
import { readSetting } from '../../../db/queries/settings.js';
import { writeSetting } from '../../../db/write/settings.js';
import { autoMapping, FIELD_LABELS, findHeaderRow, IMPORT_FIELDS, layoutKey, matchHeading, type ColumnMapping, type ImportField } from './columns.js';
import { commitImport } from './commit-import.js';
import { importError } from './import-error.js';
import { planImport, type ImportPlan } from './plan-import.js';
import type { OnProgress } from './progress.js';
import { readSource, type SourceTable, type TextEncoding } from './read-source.js';

export interface ImportOptions {
  encoding?: TextEncoding | 'auto';
  /** 1-based row of the header, when it cannot be recognised by its headings. */
  headerLine?: number;
  /** Column index → field; overrides the automatic/remembered mapping. */
  mapping?: ColumnMapping;
  defaultLevel?: Level;
  /** A level per row of the file (by its line), for rows the database cannot tell; over defaultLevel. */
  rowLevels?: Record<string, Level>;
  roundId?: number;
  versionLabel?: string;
  versionAsOf?: string;
  organizationMap?: Record<string, number | 'create'>;
}

export interface ImportPreview extends Omit<ImportPlan, 'changeSet'> {
  fileName: string;
  sha256: string;
  kind: SourceTable['kind'];
  encoding: TextEncoding | null;
  sheetName: string | null;
  /** 1-based row number of the header. */
  headerLine: number;
  header: string[];
  mapping: ColumnMapping;
  /** Where the mapping came from. */
  mappingSource: 'auto' | 'remembered' | 'chosen';
  /** When this very file (same SHA-256) was imported before and not undone. */
  importedBefore: { at: string; actor: string } | null;
}

/** The preview as the screen gets it: rows capped (every rejected and changed row first), counts complete. */
export interface ImportPreviewView extends ImportPreview {
  rowsShown: number;
}

/** Rows sent to the screen: every rejected and changed row first (they need a look), up to this many. */
const ROWS_SHOWN = 3000;

export function previewForScreen(preview: ImportPreview): ImportPreviewView {
  const order = { rejected: 0, changed: 1, new: 2, unchanged: 3 } as const;
  const rows = [...preview.rows].sort((a, b) => order[a.status] - order[b.status] || a.line - b.line).slice(0, ROWS_SHOWN);
  return { ...preview, rows, rowsShown: rows.length };
}

const mappingKey = (header: string[]) => `import.mapping.${layoutKey(header)}`;

function rememberedMapping(db: Db, header: string[]): ColumnMapping | null {
  const v = readSetting(db.sqlite, mappingKey(header));
  if (!Array.isArray(v) || v.length !== header.length) return null;
  return v.every((x) => x === null || IMPORT_FIELDS.includes(x as ImportField)) ? (v as ColumnMapping) : null;
}

function checkChosenMapping(mapping: ColumnMapping, header: string[]): void {
  if (mapping.length !== header.length) throw importError(`列の対応が見出しの列数 (${header.length}) と合いません`);
  const used = mapping.filter((m): m is ImportField => m !== null);
  const dup = used.find((m, i) => used.indexOf(m) !== i);
  if (dup) throw importError(`「${FIELD_LABELS[dup]}」が2つの列に対応付けられています`);
}

/**
 * `withoutRound`: the round the ランク / 所見 columns are for does not exist yet (the CLI's
 * --create-round creates it after this check); those columns are left out of this preview.
 * `onProgress`: told each step (reading, rows n/N, matching rows n/N); a preview run as a job
 * stops there when cancelled (nothing is written here).
 */
export async function previewImport(
  db: Db,
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
  check: { withoutRound?: boolean; onProgress?: OnProgress } = {},
): Promise<{ preview: ImportPreview; plan: ImportPlan }> {
  const table = await readSource(fileName, bytes, {
    encoding: options.encoding,
    onProgress: check.onProgress,
    // The sheet whose first rows name most of our columns.
    sheetScore: (ws) => {
      let best = 0;
      for (let r = 1; r <= Math.min(30, ws.rowCount); r++) {
        const values = (ws.getRow(r).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
        best = Math.max(best, new Set(values.map(matchHeading).filter(Boolean)).size);
      }
      return best * 1_000_000 + ws.actualRowCount;
    },
  });
  const headerIndex = options.headerLine ? options.headerLine - 1 : findHeaderRow(table.rows);
  if (headerIndex !== null && !table.rows[headerIndex]) throw importError(`見出し行 (${headerIndex + 1}行目) がありません。ファイルは ${table.rows.length} 行です`);
  if (headerIndex === null) {
    throw importError(`「${fileName}」に見出し行が見つかりません。1〜30行目に「局名」「番号」「課題名」などの見出しが必要です`);
  }
  const header = table.rows[headerIndex]!.map((h) => h.trim());
  let mapping: ColumnMapping;
  let mappingSource: ImportPreview['mappingSource'];
  if (options.mapping) {
    checkChosenMapping(options.mapping, header);
    mapping = options.mapping;
    mappingSource = 'chosen';
  } else {
    const remembered = rememberedMapping(db, header);
    mapping = remembered ?? autoMapping(header);
    mappingSource = remembered ? 'remembered' : 'auto';
  }
  const planMapping = check.withoutRound ? mapping.map((m) => (m === 'rank' || m === 'comment' ? null : m)) : mapping;
  const plan = planImport(db.sqlite, table.rows, { ...options, mapping: planMapping, headerRow: headerIndex }, check.onProgress);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const before = standingImportOf(db.sqlite, sha256);
  const { changeSet: _omit, ...rest } = plan;
  void _omit;
  return {
    preview: {
      ...rest,
      fileName,
      sha256,
      kind: table.kind,
      encoding: table.encoding,
      sheetName: table.sheetName,
      headerLine: headerIndex + 1,
      header,
      mapping,
      mappingSource,
      importedBefore: before ?? null,
    },
    plan,
  };
}

export interface ImportResult {
  importId: number;
  counts: ImportPlan['counts'];
  backupPath: string;
}

/** Previews again (the file may differ from what was shown) and commits the accepted rows. */
/** `check`: called with the preview before anything is written; throwing stops the import. */
export async function runImport(db: Db, fileName: string, bytes: Uint8Array, options: ImportOptions, actor: string, check?: (preview: ImportPreview) => void): Promise<ImportResult> {
  const { preview, plan } = await previewImport(db, fileName, bytes, options);
  check?.(preview);
  if (preview.counts.new + preview.counts.changed === 0) {
    throw importError(`「${fileName}」には取り込む変更がありません (変更なし ${preview.counts.unchanged} 行、取り込めない行 ${preview.counts.rejected} 行)`);
  }
  const result = await commitImport(db, plan.changeSet, {
    kind: 'list',
    fileName,
    sha256: preview.sha256,
    actor,
    roundId: options.roundId ?? null,
    versionLabel: options.versionLabel ?? null,
    counts: preview.counts,
  });
  // The mapping that worked is what this layout gets next time.
  writeSetting(db.sqlite, mappingKey(preview.header), preview.mapping);
  return { importId: result.importId, counts: preview.counts, backupPath: result.backupPath };
}
