// The grid as CSV for Excel: RFC 4180 (CRLF records; a field with a comma, quote, CR or LF in
// double quotes, quotes doubled), formula-like text neutralised, and either CP932 (what Excel on
// Japanese Windows assumes for a .csv it is double-clicked on) or UTF-8 with a BOM (the only way
// Excel recognises UTF-8 in a .csv; keeps every character).
import type { GridCell, GridModel } from '../model/grid-model.js';
import { describeRemovals, stripControls } from './control-chars.js';
import { describeLosses, encodeCp932, fitTableCp932 } from './cp932.js';
import { neutralise } from './neutralise.js';

export type CsvEncoding = 'cp932' | 'utf8bom';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const NEEDS_QUOTES = /[",\r\n]/;

const asText = (cell: GridCell): string => (cell === null ? '' : String(cell));

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderGridCsv(model: GridModel, encoding: CsvEncoding): { bytes: Uint8Array; warnings: string[] } {
  const headers = model.columns.map((c) => c.header);
  // Fit to CP932 first, then neutralise what the fitted text starts with: fitting may drop an
  // invisible character (a zero-width space before '='), and the apostrophe is plain ASCII.
  const stripped = stripControls([headers, ...model.rows.map((row) => row.map(asText))], headers);
  let table = stripped.rows;
  const warnings = describeRemovals(stripped.removals);
  if (encoding === 'cp932') {
    const fitted = fitTableCp932(table, headers);
    table = fitted.rows;
    warnings.push(...describeLosses(fitted.losses));
  }
  // Numbers were turned into text above; neutralise only what was text in the model, so that a
  // negative number in a number column stays a number for Excel.
  const lines = table.map((cells, r) =>
    cells
      .map((text, c) => {
        const original = r === 0 ? headers[c] : model.rows[r - 1]![c];
        return field(typeof original === 'number' ? text : neutralise(text));
      })
      .join(','),
  );
  // Excel ends its own CSV files with a line break; RFC 4180 allows either.
  const text = `${lines.join('\r\n')}\r\n`;
  if (encoding === 'cp932') return { bytes: encodeCp932(text), warnings };
  const utf8 = Buffer.from(text, 'utf8');
  const bytes = new Uint8Array(UTF8_BOM.length + utf8.length);
  bytes.set(UTF8_BOM, 0);
  bytes.set(utf8, UTF8_BOM.length);
  return { bytes, warnings };
}
