// Comparison sheets (the document's "X方針 B・Cレベルの進捗把握のイメージ") as data: per issue
// the two versions side by side, fields ①–⑤ with their word-level differences, and the
// secretariat's note (the dashed box).
import type Database from 'better-sqlite3';
import { formatWarekiPeriod } from '../../../../common/wareki.js';
import { DbError } from '../../../../db/errors.js';
import { compareIssue, type FieldComparison } from '../../compare/compare-issue.js';
import type { CompareRequest } from '../options.js';
import { docMeta, type DocMeta, type MadeBy } from './meta.js';
import { comparableIssueIds, organizationOfIssue } from '../../../../db/queries/export-sources.js';

export interface SheetSide {
  label: string;
  /** X方針策定時 (R6.8時点) / 進捗把握 (R6.11時点) */
  heading: string;
  /** 令和6年8月 */
  period: string;
  /** 課題B (2) */
  printedNumber: string;
}

export interface ComparisonSheet {
  issueId: number;
  key: string;
  organization: string;
  organizationFullName: string;
  level: string;
  title: string;
  from: SheetSide;
  to: SheetSide;
  numberChanged: boolean;
  fields: FieldComparison[];
  note: string | null;
}

export interface CompareModel {
  meta: DocMeta;
  /** Insertions and deletions in the whole document (what a tracked-changes .docx must hold). */
  changeCount: { insertions: number; deletions: number };
  sheets: ComparisonSheet[];
  tracked: boolean;
}

export function buildCompareModel(sqlite: Database.Database, req: CompareRequest, by: MadeBy, onIssue?: (done: number, total: number) => void): CompareModel {
  const ids = req.issueIds?.length ? req.issueIds : comparableIssueIds(sqlite);
  if (ids.length === 0) throw new DbError('INVALID', '比較できる課題がありません (B・Cレベルで版が2つ以上ある課題が対象です)');
  let insertions = 0;
  let deletions = 0;
  const sheets = ids.map((issueId, n): ComparisonSheet => {
    const c = compareIssue(sqlite, issueId, req.from, req.to);
    const org = organizationOfIssue(sqlite, issueId);
    const first = c.versions[0]?.id === c.from.id;
    for (const f of c.fields) {
      for (const p of f.parts) {
        if (p.op === 'insert') insertions++;
        else if (p.op === 'delete') deletions++;
      }
    }
    onIssue?.(n + 1, ids.length);
    return {
      issueId,
      key: c.key,
      organization: org.shortName,
      organizationFullName: org.fullName,
      level: c.level,
      title: c.title,
      from: {
        label: c.from.label,
        heading: `${first ? 'X方針策定時' : '比較元'} (${c.from.label}時点)`,
        period: formatWarekiPeriod(c.from.asOf),
        printedNumber: c.from.printedNumber,
      },
      to: { label: c.to.label, heading: `進捗把握 (${c.to.label}時点)`, period: formatWarekiPeriod(c.to.asOf), printedNumber: c.to.printedNumber },
      numberChanged: c.numberChanged,
      fields: c.fields,
      note: c.note?.note.trim() ? c.note.note : null,
    };
  });
  const levels = [...new Set(sheets.map((s) => s.level))].sort().join('・');
  return {
    meta: docMeta(req, `X方針 ${levels}レベルの進捗把握 (比較表)`, undefined, by),
    changeCount: { insertions, deletions },
    sheets,
    tracked: req.tracked,
  };
}
