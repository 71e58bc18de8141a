// Exports the audit log as filtered on the screen to .xlsx. Reads it in keyset pages (the same
// query as the screen), yielding to the event loop between pages so the app keeps answering
// while a long log is written; rows appended meanwhile are newer than the first page and so are
// not in the file, which therefore shows the log as it was when the export started.
import type Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ENTITY_LABELS } from '../../../common/audit-text.js';
import { formatWarekiDateTime } from '../../../common/wareki.js';
import { DbError } from '../../../db/errors.js';
import { countAudit, listAudit, type AuditCursor, type AuditFilter, type AuditListRow } from '../../../db/queries/audit-search.js';
import { getRound } from '../../../db/queries/rounds.js';
import { MIME, type ExportFile } from '../export/export-file.js';
import { safeFileName } from '../export/file-name.js';
import type { Progress } from '../export/run-export.js';
import { renderAuditXlsx } from './audit-xlsx.js';

/** Excel's last row minus the header. */
export const MAX_AUDIT_ROWS = 1_048_575;
const PAGE = 5000;

export interface AuditExportRequest extends AuditFilter {
  /** The key the user typed (会計-A-1), for the file's filter line. */
  issueKey?: string;
}

/** 条件: 更新者 山田、課題 会計-A-1、期間 令和6年12月1日 0:00 から … */
export function filterLine(sqlite: Database.Database, f: AuditExportRequest): string {
  const bits: string[] = [];
  if (f.actor !== undefined) bits.push(`更新者 ${f.actor}`);
  if (f.issueKey) bits.push(`課題 ${f.issueKey}`);
  if (f.roundId !== undefined) bits.push(`評価回 ${getRound(sqlite, f.roundId)?.label ?? `id ${f.roundId}`}`);
  if (f.entity !== undefined) bits.push(`種類 ${ENTITY_LABELS[f.entity] ?? f.entity}`);
  if (f.from !== undefined || f.to !== undefined) {
    const from = f.from ? formatWarekiDateTime(new Date(f.from)) : '';
    const to = f.to ? formatWarekiDateTime(new Date(f.to)) : '';
    bits.push(`期間 ${from}〜${to}`);
  }
  return bits.length ? `条件: ${bits.join('、')}` : '条件: すべて';
}

async function* pages(sqlite: Database.Database, f: AuditFilter, onRows: (n: number) => void): AsyncGenerator<AuditListRow[]> {
  let cursor: AuditCursor | undefined;
  let done = 0;
  for (;;) {
    const page = listAudit(sqlite, f, PAGE, cursor);
    done += page.rows.length;
    onRows(done);
    yield page.rows;
    if (!page.next) return;
    cursor = page.next;
    await nextTurn();
  }
}

export async function exportAudit(sqlite: Database.Database, req: AuditExportRequest, onProgress?: (p: Progress) => void): Promise<ExportFile> {
  const { issueKey: _key, ...filter } = req;
  const total = countAudit(sqlite, filter);
  if (total === 0) throw new DbError('INVALID', '条件に合う監査ログがありません。条件を変えてから出力してください');
  if (total > MAX_AUDIT_ROWS) {
    throw new DbError('INVALID', `条件に合う監査ログが ${total.toLocaleString('ja-JP')} 件あり、Excelの1シートに入りません (${MAX_AUDIT_ROWS.toLocaleString('ja-JP')} 件まで)。期間などで絞り込んでください`);
  }
  const line = filterLine(sqlite, req);
  const bytes = await renderAuditXlsx(
    pages(sqlite, filter, (done) => onProgress?.({ phase: '監査ログを書き出しています', done, total })),
    { filterLine: line, total },
  );
  const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return { fileName: `${safeFileName(`監査ログ_${stamp}`)}.xlsx`, mime: MIME.xlsx, bytes, warnings: [] };
}
