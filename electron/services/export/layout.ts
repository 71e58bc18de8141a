// One layout for both renderings of a handout: the HTML print template (PDF, in-app preview) and
// the Word file take their column widths and title block from here, so the .docx and the .pdf
// of one export look alike (same columns, same order of the lines above the first table).

/**
 * Column widths in percent of the text width (each list adds up to 100). Codes (局名, 番号,
 * ランク) are as narrow as their longest value, the text columns take the rest, so short titles
 * stay on one line.
 */
export const COLUMNS = {
  /** 局名 / 番号 / 課題名 / ランク */
  reportList: [8, 7, 76, 9],
  /** レベル / 番号 / 課題名 / ランク / 所見, when the 局区 has 所見. */
  orgWithComments: [9, 7, 36, 11, 37],
  /** The same when no issue of the 局区 has a 所見: the empty column stays narrow. */
  orgWithoutComments: [9, 7, 62, 11, 11],
  /** 項目 / 比較元 / 比較先 */
  compare: [12, 44, 44],
  /** 課題レベル; the number columns share the rest equally. */
  summaryLabel: 30,
} as const;

/** The 局区別シート's columns: the 所見 column is narrow when no issue of the 局区 has one. */
export const orgColumns = (rows: readonly { comment: string }[]): readonly number[] =>
  rows.some((r) => r.comment.trim() !== '') ? COLUMNS.orgWithComments : COLUMNS.orgWithoutComments;

/** Every percentage a template uses: print.css has a `col.pN` rule for each (checked by a test). */
export const COLUMN_PERCENTS: readonly number[] = [
  ...new Set([...COLUMNS.reportList, ...COLUMNS.orgWithComments, ...COLUMNS.orgWithoutComments, ...COLUMNS.compare, COLUMNS.summaryLabel]),
].sort((a, b) => a - b);

/** <colgroup> for the HTML templates: classes, since the app's CSP forbids style attributes. */
export const colgroup = (percents: readonly number[]): string => `<colgroup>${percents.map((p) => `<col class="p${p}">`).join('')}</colgroup>`;

/** Page margins in mm, all round: the city's Word template (and room for a punch on the left). */
export const MARGIN_MM = 20;
/** Header and footer distance from the paper's edge, in mm. */
export const HEADER_FOOTER_MM = 10;
