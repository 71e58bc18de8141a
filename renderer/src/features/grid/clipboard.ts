// Rows to and from Excel's clipboard formats: tab-separated text (what Excel reads and writes
// as plain text, with quoted cells for line breaks and tabs) and an HTML table (what keeps
// cells as cells, line breaks inside included, when pasted into Excel or Word).

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One cell of TSV: quoted (with doubled quotes) when it holds a tab, line break or quote, as Excel writes it. */
function tsvCell(v: string): string {
  return /[\t\n\r"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(tsvCell).join('\t')).join('\r\n');
}

export function toHtmlTable(rows: readonly (readonly string[])[], header?: readonly string[]): string {
  const cell = (tag: string, v: string) => `<${tag} style="mso-number-format:'\\@';white-space:pre-wrap">${escapeHtml(v).replace(/\r?\n/g, '<br style="mso-data-placement:same-cell">')}</${tag}>`;
  const head = header ? `<thead><tr>${header.map((h) => cell('th', h)).join('')}</tr></thead>` : '';
  const body = rows.map((r) => `<tr>${r.map((v) => cell('td', v)).join('')}</tr>`).join('');
  return `<meta charset="utf-8"><table>${head}<tbody>${body}</tbody></table>`;
}

/**
 * Excel's plain-text clipboard back into rows of cells: tabs between cells, CRLF between rows,
 * cells with line breaks or tabs in double quotes. The trailing line break Excel adds is dropped.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      i++;
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
