// CSV (formula) injection: Excel opening a CSV evaluates a field that starts with = + - @ as a
// formula (=HYPERLINK(…), =cmd|…), and a leading tab or carriage return can smuggle one past a
// naive parser. OWASP's advice: put an apostrophe in front of such a field, which Excel reads as
// "this is text". The rule lives here once so that every writer applies it the same way.
import type { GridCell } from '../model/grid-model.js';

/**
 * = + - @, tab, carriage return: the first characters OWASP lists for CSV injection — also
 * after leading blanks (space, NBSP, ideographic space, zero-width characters, line breaks),
 * which Excel skips before it reads "=".
 */
const FORMULA_START = /^[\t\r]|^[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]*[=+\-@]/;

/** Whether a text field would be taken for a formula by a spreadsheet opening it. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * The cell as it may be written to a CSV: a string that starts like a formula gets a leading
 * apostrophe. Numbers (a negative 番号 or rank) and empty cells are data, not text a user typed,
 * and stay as they are.
 */
export function neutralise<T extends GridCell>(cell: T): T {
  return typeof cell === 'string' && startsLikeFormula(cell) ? (`'${cell}` as T) : cell;
}
