// What the three Word handouts share: page set-up from DocMeta, the document's default font and
// language (Japanese text must be tagged ja-JP and set in the chosen font for East Asian
// characters too, or Word falls back to its own Japanese font), the centred "n / N" footer,
// fixed-layout tables and text that is safe to put in XML.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  SimpleField,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  XmlComponent,
  type FileChild,
  type IBorderOptions,
  type IParagraphOptions,
  type IRunOptions,
  type ISectionPropertiesOptions,
  type ITableCellBorders,
} from 'docx';
import type { DocMeta } from '../model/meta.js';
import type { Paper } from '../options.js';
import { HEADER_FOOTER_MM, MARGIN_MM } from '../layout.js';
import { withJapaneseLineBreaking } from './east-asian.js';

/** Twentieths of a point per millimetre. */
export const TWIPS_PER_MM = 1440 / 25.4;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

/** Portrait sizes in twips, as Word writes them (A4 210×297 mm, A3 297×420 mm). */
export const PAPER_TWIPS: Record<Paper, { width: number; height: number }> = {
  A4: { width: 11906, height: 16838 },
  A3: { width: 16838, height: 23811 },
};

/** 20 mm all round (layout.ts, shared with the PDF): the city's Word template, room for a punch. */
export const MARGIN_TWIPS = mmToTwips(MARGIN_MM);
const HEADER_FOOTER_TWIPS = mmToTwips(HEADER_FOOTER_MM);

/** Font sizes in half-points. 10.5 pt is the body size of Japanese official documents. */
export const SIZE = { body: 21, small: 18, table: 20, heading: 24 } as const;

export const COLOR = {
  headerFill: 'D9D9D9',
  labelFill: 'F2F2F2',
  border: '000000',
  muted: '595959',
  /** Additions in blue, deletions in red: the colours the secretariat marks changes with by hand. */
  insert: '0066CC',
  delete: 'C00000',
} as const;

export const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: COLOR.border };
export const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
export const DASHED: IBorderOptions = { style: BorderStyle.DASHED, size: 8, color: '7F7F7F' };

export interface PageGeometry {
  /** Width of the printed page (after orientation), in twips. */
  width: number;
  height: number;
  /** Width between the margins: what the tables' column widths add up to. */
  textWidth: number;
  properties: ISectionPropertiesOptions;
}

export function pageGeometry(meta: Pick<DocMeta, 'paper' | 'orientation'>): PageGeometry {
  const portrait = PAPER_TWIPS[meta.paper];
  const landscape = meta.orientation === 'landscape';
  const width = landscape ? portrait.height : portrait.width;
  const height = landscape ? portrait.width : portrait.height;
  return {
    width,
    height,
    textWidth: width - 2 * MARGIN_TWIPS,
    properties: {
      page: {
        // docx swaps width and height itself for landscape, so it is given the portrait size.
        size: { width: portrait.width, height: portrait.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: {
          top: MARGIN_TWIPS,
          bottom: MARGIN_TWIPS,
          left: MARGIN_TWIPS,
          right: MARGIN_TWIPS,
          header: HEADER_FOOTER_TWIPS,
          footer: HEADER_FOOTER_TWIPS,
          gutter: 0,
        },
      },
    },
  };
}

/** Control characters XML 1.0 cannot hold (all C0 but tab and line feed), non-characters and lone surrogates. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as it can go into a w:t: line endings made '\n', characters XML cannot carry removed. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(XML_INVALID, '');
}

/** A line break inside a run (w:br): keeps a multi-line text in one run, so one diff part stays one w:ins / w:del. */
class LineBreak extends XmlComponent {
  constructor() {
    super('w:br');
  }
}

export type RunChild = string | XmlComponent;

/** The content of one run: '\n' becomes a line break and '\t' a tab; empty pieces are left out. */
export function runChildren(text: string): RunChild[] {
  const clean = cleanText(text);
  // The common case (a plain title or number) needs no splitting.
  if (!/[\n\t]/.test(clean)) return clean ? [clean] : [];
  const out: RunChild[] = [];
  const lines = clean.split('\n');
  lines.forEach((line, i) => {
    if (i > 0) out.push(new LineBreak());
    const cells = line.split('\t');
    cells.forEach((piece, j) => {
      if (j > 0) out.push(new Tab());
      if (piece) out.push(piece);
    });
  });
  return out;
}

export type RunStyle = Omit<IRunOptions, 'children' | 'text' | 'break'>;

export function textRun(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ ...style, children: runChildren(text) });
}

/** One paragraph of text, with its style; multi-line text stays one paragraph with line breaks. */
export function para(text: string, style: RunStyle = {}, options: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph {
  return new Paragraph({ ...options, children: [textRun(text, style)] });
}

/**
 * Splits a width into columns in proportion to the weights; the last column takes the rounding
 * remainder, so the columns add up to the width exactly (Word then draws the table edge on the margin).
 */
export function splitWidths(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((total * w) / sum));
  const used = widths.reduce((a, b) => a + b, 0);
  widths[widths.length - 1]! += total - used;
  return widths;
}

export type Align = 'left' | 'center' | 'right';
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

export interface CellOptions {
  /** Twips: the sum of the column widths the cell spans. */
  width: number;
  /** Text, or ready paragraphs (e.g. with tracked changes). */
  content: string | Paragraph[];
  align?: Align;
  /** A header cell: light grey, bold, centred. */
  header?: boolean;
  /** Background of a body cell, e.g. the lighter grey of a row's label. */
  fill?: string;
  bold?: boolean;
  size?: number;
  columnSpan?: number;
  borders?: ITableCellBorders;
  verticalAlign?: 'top' | 'center';
}

export function cell(o: CellOptions): TableCell {
  const align = o.align ?? (o.header ? 'center' : 'left');
  const children =
    typeof o.content === 'string'
      ? [para(o.content, { bold: o.bold ?? o.header, size: o.size }, { alignment: ALIGN[align] })]
      : o.content;
  return new TableCell({
    children,
    width: { size: o.width, type: WidthType.DXA },
    columnSpan: o.columnSpan,
    borders: o.borders,
    verticalAlign: (o.verticalAlign ?? (o.header ? 'center' : 'top')) === 'center' ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    shading: o.header || o.fill ? { type: ShadingType.CLEAR, fill: o.header ? COLOR.headerFill : o.fill, color: 'auto' } : undefined,
  });
}

/** A header row: repeated at the top of every page the table runs onto, never split. */
export function headerRow(cells: TableCell[]): TableRow {
  return new TableRow({ children: cells, tableHeader: true, cantSplit: true });
}

/**
 * Whether a row holding this much free text can be kept on one page. A row taller than a page
 * cannot be kept whole (Word would cut it off at the page foot), so rows with more than about
 * half an A4 page of text may split; shorter ones are kept together.
 */
export const fitsOnePage = (text: string): boolean => text.length <= 600;

export function bodyRow(cells: TableCell[], cantSplit = true): TableRow {
  return new TableRow({ children: cells, cantSplit });
}

/**
 * A table with a fixed layout: Word does not re-measure the columns from their content (which
 * makes long lists slow to open and narrow columns jump), and every consumer draws the same grid.
 */
export function fixedTable(columnWidths: readonly number[], rows: TableRow[], borders?: { all: IBorderOptions }): Table {
  const b = borders?.all ?? THIN;
  return new Table({
    rows,
    columnWidths: [...columnWidths],
    width: { size: columnWidths.reduce((a, c) => a + c, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: { top: b, bottom: b, left: b, right: b, insideHorizontal: b, insideVertical: b },
    margins: { top: 40, bottom: 40, left: 100, right: 100 },
  });
}

/**
 * The paragraph that must follow a table: Word joins two tables with nothing between them into
 * one, and a document should not end on a table. One point high, so it takes no visible space.
 */
export function afterTable(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, run: { size: 2 } });
}

/**
 * Centred "n / N" in every footer, as fields that carry a value: a viewer that does not update
 * fields (a file previewer, a mail client) shows 「1 / N」 with the estimated page count instead of
 * 「 / 」. Word and LibreOffice replace both when they lay the pages out.
 */
export function pageNumberFooter(pages: number): Footer {
  // SimpleField writes its cached value as a TextRun; given run options, it is the footer's size.
  const field = (instr: string, value: number) => new SimpleField(instr, { text: String(value), size: SIZE.small } as unknown as string);
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [field('PAGE', 1), new TextRun({ size: SIZE.small, text: ' / ' }), field('NUMPAGES', Math.max(1, pages))],
      }),
    ],
  });
}

/**
 * A rough page count for the footer's cached NUMPAGES: text lines at the body size and table
 * rows, measured against the page's text height. Word's own count replaces it on opening.
 */
export class PageEstimator {
  private used = 0;
  pages = 1;
  constructor(private readonly geometry: PageGeometry) {}
  private get textHeight(): number {
    return this.geometry.height - 2 * MARGIN_TWIPS;
  }
  /** Lines a text takes in a column of `width` twips at `size` half-points (full-width characters). */
  static lines(text: string, width: number, size: number = SIZE.body): number {
    const perLine = Math.max(1, Math.floor(width / (size * 10)));
    let n = 0;
    for (const line of text.split('\n')) {
      let w = 0;
      for (const ch of line) w += ch.charCodeAt(0) < 0x1100 ? 0.5 : 1;
      n += Math.max(1, Math.ceil(w / perLine));
    }
    return n;
  }
  /** Adds a block `lines` high (plus padding in twips); a block taller than the rest of the page starts a new one when `keep`. */
  add(lines: number, size: number = SIZE.body, padding = 80, keep = true): void {
    const h = lines * size * 10 * 1.25 + padding;
    if (keep && this.used + h > this.textHeight && this.used > 0) this.newPage();
    this.used += h;
    while (this.used > this.textHeight) {
      this.pages++;
      this.used -= this.textHeight;
    }
  }
  newPage(): void {
    if (this.used > 0) this.pages++;
    this.used = 0;
  }
}

/** A small right-aligned line at the top of every page (the handout's name), so loose pages stay identifiable. */
export function runningHeader(text: string): Header {
  return new Header({ children: [para(text, { size: SIZE.small, color: COLOR.muted }, { alignment: AlignmentType.RIGHT })] });
}

export interface DocxInput {
  meta: DocMeta;
  /**
   * The content. A part that must start on a new page does so with pageBreakBefore on its first
   * paragraph (for a table: the paragraph of its first cell, which is how Word starts a table on a
   * new page). Section breaks would do it too, but LibreOffice drops a section break that is
   * directly followed by a table, and a paragraph before the table would show as a blank line.
   */
  children: FileChild[];
  /** Text of the running header; none when null. */
  header?: string | null;
  /** Body text size in half-points; headings are sized from it. */
  bodySize?: number;
  /** Estimated number of pages (PageEstimator), the footer's cached NUMPAGES. */
  pages: number;
}

/**
 * The whole document: one section with the page set-up, default font and language, footer and
 * core properties. Paragraph styles Title and Heading 1 are black and bold (docx's own are blue);
 * Heading 1 has an outline level, so Word's navigation pane lists the handout's parts.
 */
export function buildDocument({ meta, children, header, bodySize = SIZE.body, pages }: DocxInput): Document {
  const font = meta.font;
  const geometry = pageGeometry(meta);
  return new Document({
    title: meta.title,
    subject: meta.meetingLine ?? undefined,
    creator: meta.author,
    lastModifiedBy: meta.author,
    description: meta.createdLine,
    // Four full-width characters, as Japanese Word's default (docx's is half an inch).
    defaultTabStop: 4 * SIZE.body * 10,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: font, hAnsi: font, eastAsia: font, cs: font },
            // Latin text in a Latin language (its words are not cut: 「RPA」 stays whole), Japanese as ja-JP.
            language: { value: 'en-US', eastAsia: 'ja-JP' },
            size: bodySize,
          },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
        title: {
          run: { size: bodySize + 11, bold: true, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 } },
        },
        heading1: {
          run: { size: bodySize + 3, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 0 },
        },
      },
    },
    sections: [
      {
        properties: geometry.properties,
        headers: header ? { default: runningHeader(header) } : undefined,
        footers: { default: pageNumberFooter(pages) },
        children,
      },
    ],
  });
}

/** Packs the document with Japanese line breaking (east-asian.ts). */
export async function packDocx(doc: Document): Promise<Uint8Array> {
  return withJapaneseLineBreaking(await Packer.toBuffer(doc));
}

/**
 * The title block, in the same order as the HTML template's (html/document.ts): the meeting top
 * right, the title, the period in brackets, 作成日 right in small type.
 */
export function titleParagraphs(meta: DocMeta): Paragraph[] {
  const out: Paragraph[] = [];
  if (meta.meetingLine) out.push(para(meta.meetingLine, {}, { alignment: AlignmentType.RIGHT }));
  out.push(para(meta.title, {}, { heading: HeadingLevel.TITLE, spacing: { before: 120, after: 60 } }));
  if (meta.periodLine) out.push(para(`(${meta.periodLine})`, {}, { alignment: AlignmentType.CENTER, spacing: { after: 60 } }));
  out.push(para(meta.createdLine, { size: SIZE.small - 2, color: COLOR.muted }, { alignment: AlignmentType.RIGHT, spacing: { after: 200 } }));
  return out;
}
