// Cleaning what real spreadsheets hold: full-width digits and letters in keys (１２, Ａ),
// numbers stored as text ("12.0"), stray and full-width spaces, CRLF inside cells, zero-width
// characters. Key columns are folded with NFKC; text fields keep their characters (NFKC would
// turn ① into 1), only line ends and outer blanks are tidied.
import { foldKey, INVISIBLE } from '../../../common/fold-key.js';

export { foldKey };

/** A field's text: line ends as \n, no invisible characters, no blanks around lines' ends. */
export function cleanText(raw: string): string {
  return raw
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000]+$/u, ''))
    .join('\n')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '');
}

/** A key cell (番号, レベル, ランク, 局名) folded for comparison: ＡＢ１２ → AB12, no blanks. */
/** 12, １２, "12.0", "No.12", "第12" → 12; anything else → null. */
export function parseIssueNumber(raw: string): number | null {
  const k = foldKey(raw).replace(/^(No\.?|第|#)/i, '').replace(/号?$/, '');
  if (!/^\d+(\.0+)?$/.test(k)) return null;
  const n = Number(k);
  return Number.isSafeInteger(n) && n >= 1 && n <= 99_999 ? n : null;
}

/** A, Ａ, "Aレベル", "A 現行業務の改善", "a" → 'A'. */
export function parseLevel(raw: string): 'A' | 'B' | 'C' | null {
  const k = foldKey(raw).toUpperCase();
  const m = /^([ABC])(レベル|LEVEL)?/.exec(k);
  return m ? (m[1] as 'A' | 'B' | 'C') : null;
}

export const isBlankRow = (cells: string[]): boolean => cells.every((c) => foldKey(c) === '');
