// Control characters in exported text (a NUL pasted into a 所見, a form feed from a PDF copy):
// a spreadsheet reading the CSV may cut the field or the file at them. They are removed — tab,
// CR and LF are kept, they are ordinary cell text — and each removal is reported by row and
// column, like the characters CP932 cannot hold.
const CONTROL = /[\p{Cc}](?<![\t\r\n])/gu;

export interface ControlRemoval {
  /** Row number as Excel shows it: 1 is the header. */
  row: number;
  column: string;
  count: number;
}

export function stripControls(rows: readonly string[][], columns: readonly string[]): { rows: string[][]; removals: ControlRemoval[] } {
  const removals: ControlRemoval[] = [];
  const out = rows.map((cells, r) =>
    cells.map((text, c) => {
      const found = text.match(CONTROL);
      if (!found) return text;
      removals.push({ row: r + 1, column: columns[c] ?? `${c + 1}列目`, count: found.length });
      return text.replace(CONTROL, '');
    }),
  );
  return { rows: out, removals };
}

export function describeRemovals(removals: readonly ControlRemoval[], max = 20): string[] {
  const lines = removals.slice(0, max).map((r) => `${r.row}行目「${r.column}」: 制御文字 (NUL など) ${r.count} 個を削除しました`);
  if (removals.length > max) lines.push(`ほか ${removals.length - max} か所の制御文字も削除しました`);
  return lines;
}
