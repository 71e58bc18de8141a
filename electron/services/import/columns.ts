// Which column holds what: the usual Japanese headings are recognised automatically (局名 /
// 局区名 / 所管, 番号 / No., レベル, 課題名, ランク / 評価, 所見 / コメント, ①–⑤), the header
// row is found below any title rows, and repeated header rows further down are skipped.
import { createHash } from 'node:crypto';
import { foldKey } from './normalize.js';

export const IMPORT_FIELDS = [
  'organization',
  'level',
  'number',
  'title',
  'rank',
  'comment',
  'content',
  'background',
  'actions',
  'progress',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_LABELS: Record<ImportField, string> = {
  organization: '局区',
  level: 'レベル',
  number: '番号',
  title: '①課題名',
  rank: 'ランク',
  comment: '所見',
  content: '②課題の内容',
  background: '③課題の背景',
  actions: '④課題に対する取組',
  progress: '⑤取組みの進捗状況、取組結果',
};

/** Header texts per field, compared after removing blanks (raw, so that ①–⑤ are not folded to digits). */
const HEADINGS: Record<ImportField, RegExp> = {
  organization: /^(局名|局区名?|局・区名?|所管(局区?|局)?|部局名?|担当局区?)$/,
  level: /^(課題)?レベル$|^区分$/i,
  number: /^(番号|No\.?|№|課題番号|課題No\.?|項番)$/i,
  title: /^(①|1\.?)?(課題名|課題|件名)$/,
  rank: /^(ランク|評価|進捗ランク|評価ランク|到達度)$/,
  comment: /^(所見|コメント|評価理由|評価コメント|事務局所見)$/,
  content: /^(②|2\.?)?課題の内容$|^②$/,
  background: /^(③|3\.?)?課題の背景$|^③$/,
  actions: /^(④|4\.?)?課題に対する取組み?$|^④$/,
  progress: /^(⑤|5\.?)?取組みの進捗状況.*$|^(⑤|5\.?)?取組結果$|^⑤$/,
};

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')');

export function matchHeading(text: string): ImportField | null {
  const t = squeeze(text);
  if (!t) return null;
  for (const f of IMPORT_FIELDS) if (HEADINGS[f].test(t) || HEADINGS[f].test(foldKey(t))) return f;
  return null;
}

/** Column index → field, or null for columns not imported. */
export type ColumnMapping = (ImportField | null)[];

export function autoMapping(header: string[]): ColumnMapping {
  const seen = new Set<ImportField>();
  return header.map((h) => {
    const f = matchHeading(h);
    if (!f || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

/** The header row: among the first 30 rows, the one naming most fields (at least two). */
export function findHeaderRow(rows: string[][]): number | null {
  let best: { index: number; score: number } | null = null;
  rows.slice(0, 30).forEach((cells, index) => {
    const score = new Set(cells.map(matchHeading).filter(Boolean)).size;
    if (score >= 2 && (!best || score > best.score)) best = { index, score };
  });
  return (best as { index: number } | null)?.index ?? null;
}

/** Same header text, e.g. a list pasted from a paged document. The header is prepared once. */
export function repeatedHeaderTest(header: string[]): (cells: string[]) => boolean {
  const a = header.map(squeeze).filter(Boolean);
  return (cells) => {
    if (a.length === 0 || foldKey(cells[0] ?? '') !== foldKey(header[0] ?? '')) return false;
    const b = cells.map(squeeze).filter(Boolean);
    return a.length === b.length && a.every((x, i) => x === b[i]);
  };
}

/** Identifies a file layout (its header texts) so a mapping chosen once is used again. */
export function layoutKey(header: string[]): string {
  return createHash('sha256').update(JSON.stringify(header.map(squeeze))).digest('hex').slice(0, 24);
}
