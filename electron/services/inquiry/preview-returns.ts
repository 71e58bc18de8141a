// The preview of an inquiry's returns: per file accepted or refused (and why), per row unchanged /
// changed / conflict / rejected, with per-field differences. Reads only; collect-returns.ts
// commits what the preview shows.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { formatWarekiDateTime } from '../../../common/wareki.js';
import { DbError } from '../../../db/errors.js';
import { JobCancelled } from '../export/jobs.js';
import { MATCHING, READING, type OnProgress } from '../import/progress.js';
import type { Db } from '../../../db/open.js';
import { checkReturnFile } from './check-return-file.js';
import { classifyRows } from './classify-rows.js';
import { inquiryByUid, resolveInquiry, type InquiryRow } from '../../../db/queries/inquiries.js';
import { readReturn, type ReturnedWorkbook } from './read-return.js';
import { loadReturnContext, type ReturnContext } from './return-context.js';
import type { Conflict, FileCounts, FilePreview, ReturnFile, ReturnsPreview } from './return-types.js';

export interface PreviewOptions {
  /**
   * The inquiry the returns are for. Default: the inquiry most of the files belong to (the newest
   * on a tie), else the newest inquiry; files of any other inquiry are refused either way.
   */
  inquiryId?: number;
}

const NO_COUNTS: FileCounts = { changed: 0, unchanged: 0, conflicts: 0, rejected: 0, missing: 0 };

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

type Reading = { file: ReturnFile; sha256: string } & ({ wb: ReturnedWorkbook; error?: undefined } | { wb?: undefined; error: string });

async function read(file: ReturnFile, onProgress: OnProgress | undefined, phase: string): Promise<Reading> {
  const sha256 = sha256Hex(file.bytes);
  try {
    return { file, sha256, wb: await readReturn(file.fileName, file.bytes, onProgress, phase) };
  } catch (e) {
    // A cancelled preview stops; it is not this file's fault.
    if (e instanceof JobCancelled) throw e;
    // read-source's messages already name the file and what it is; anything else is still one line.
    return { file, sha256, error: e instanceof DbError ? e.message : `「${file.fileName}」を読めません: ${(e as Error).message.slice(0, 120)}` };
  }
}

function chooseInquiry(sqlite: Database.Database, readings: Reading[], inquiryId: number | undefined): InquiryRow {
  if (inquiryId !== undefined) return resolveInquiry(sqlite, inquiryId);
  const votes = new Map<number, { inquiry: InquiryRow; n: number }>();
  for (const r of readings) {
    const uid = r.wb?.keySheet.ok ? r.wb.keySheet.values.inquiryUid : undefined;
    const q = uid ? inquiryByUid(sqlite, uid) : undefined;
    if (q) votes.set(q.id, { inquiry: q, n: (votes.get(q.id)?.n ?? 0) + 1 });
  }
  const best = [...votes.values()].sort((a, b) => b.n - a.n || b.inquiry.id - a.inquiry.id)[0];
  return best?.inquiry ?? resolveInquiry(sqlite);
}

function previewFile(ctx: ReturnContext, r: Reading, db: Db): { file: FilePreview; conflicts: Conflict[] } {
  const shell: FilePreview = {
    fileName: r.file.fileName,
    sha256: r.sha256,
    status: 'refused',
    message: null,
    formId: null,
    organizationId: null,
    organization: null,
    savedAt: null,
    previousReturn: null,
    rows: [],
    missing: [],
    counts: { ...NO_COUNTS },
    warnings: [],
  };
  if (!r.wb) return { file: { ...shell, message: r.error }, conflicts: [] };
  const check = checkReturnFile(db.sqlite, r.file.fileName, r.wb.keySheet, ctx.inquiry, ctx.forms);
  if (!check.ok) return { file: { ...shell, message: check.message }, conflicts: [] };
  const { form } = check;
  const classified = classifyRows(ctx, r.file.fileName, form, r.wb.rows, r.wb.letters);
  const count = (status: string) => classified.rows.filter((x) => x.status === status).length;
  const previousReturn =
    form.returnedAt && form.importId !== null ? { at: form.returnedAt, fileName: form.returnFileName ?? '', importId: form.importId } : null;
  const warnings = [...classified.warnings];
  if (previousReturn) {
    warnings.unshift(`「${form.organization}」は ${formatWarekiDateTime(new Date(previousReturn.at))} に「${previousReturn.fileName}」で回答済みです。取り込むと前回の回答を置き換えます`);
  }
  const accepted: FilePreview = {
    ...shell,
    status: 'accepted',
    formId: form.id,
    organizationId: form.organizationId,
    organization: form.organization,
    savedAt: r.wb.savedAt ?? r.file.modifiedAt ?? null,
    previousReturn,
    rows: classified.rows,
    missing: classified.missing,
    counts: { changed: count('changed'), unchanged: count('unchanged'), conflicts: count('conflict'), rejected: count('rejected'), missing: classified.missing.length },
    warnings,
  };
  return { file: accepted, conflicts: classified.conflicts };
}

/** Two returns of one form in one collect: the newer (by its saved time, then by order) replaces the older. */
function supersede(files: FilePreview[]): void {
  const byForm = new Map<number, number[]>();
  files.forEach((f, i) => {
    if (f.status === 'accepted') byForm.set(f.formId!, [...(byForm.get(f.formId!) ?? []), i]);
  });
  const saved = (p: FilePreview) => (p.savedAt ? `保存 ${formatWarekiDateTime(new Date(p.savedAt))}` : '保存日時なし');
  for (const indexes of byForm.values()) {
    if (indexes.length < 2) continue;
    const newest = indexes.reduce((a, b) => ((files[b]!.savedAt ?? '') >= (files[a]!.savedAt ?? '') ? b : a));
    for (const i of indexes.filter((x) => x !== newest)) {
      const f = files[i]!;
      f.status = 'superseded';
      f.message = `「${f.fileName}」(${saved(f)}) は、同じ局区 (${f.organization}) の新しい回答「${files[newest]!.fileName}」(${saved(files[newest]!)}) があるため取り込みません`;
    }
  }
}

export interface Analysis {
  preview: ReturnsPreview;
  context: ReturnContext;
}

/**
 * `onProgress`: each file read (its rows n/N), then the files matched n/N; a preview run as a job
 * stops there when cancelled (nothing is written here).
 */
export async function analyseReturns(db: Db, files: ReturnFile[], options: PreviewOptions = {}, onProgress?: OnProgress): Promise<Analysis> {
  if (!files.length) throw new DbError('INVALID', '回答のファイルを選んでください');
  const readings: Reading[] = [];
  for (const [i, f] of files.entries()) {
    const phase = files.length > 1 ? `${READING} (${i + 1} / ${files.length} ファイル「${f.fileName}」)` : READING;
    onProgress?.({ phase, done: 0, total: 1 });
    readings.push(await read(f, onProgress, phase));
  }
  // Everything from here on is synchronous: one consistent reading of the database.
  const inquiry = chooseInquiry(db.sqlite, readings, options.inquiryId);
  const context = loadReturnContext(db.sqlite, inquiry);
  const previews: FilePreview[] = [];
  const conflictsOf = new Map<FilePreview, Conflict[]>();
  for (const [i, r] of readings.entries()) {
    onProgress?.({ phase: MATCHING, done: i, total: readings.length, unit: 'ファイル' });
    const { file, conflicts } = previewFile(context, r, db);
    previews.push(file);
    conflictsOf.set(file, conflicts);
  }
  supersede(previews);
  const accepted = previews.filter((f) => f.status === 'accepted');
  const sum = (k: keyof FileCounts) => accepted.reduce((n, f) => n + f.counts[k], 0);
  return {
    context,
    preview: {
      inquiry: { id: inquiry.id, label: inquiry.label, title: inquiry.title, asOf: context.asOf },
      files: previews,
      counts: {
        files: previews.length,
        accepted: accepted.length,
        refused: previews.filter((f) => f.status === 'refused').length,
        superseded: previews.filter((f) => f.status === 'superseded').length,
        changed: sum('changed'),
        unchanged: sum('unchanged'),
        conflicts: sum('conflicts'),
        rejected: sum('rejected'),
        missing: sum('missing'),
      },
      conflicts: accepted.flatMap((f) => conflictsOf.get(f) ?? []),
    },
  };
}

export async function previewReturns(db: Db, files: ReturnFile[], options: PreviewOptions = {}, onProgress?: OnProgress): Promise<ReturnsPreview> {
  return (await analyseReturns(db, files, options, onProgress)).preview;
}
