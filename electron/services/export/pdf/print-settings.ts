// The PDF settings both printers use (Electron's printToPDF and Chromium via playwright-core),
// so a handout looks the same whichever prints it: the CSS @page size, backgrounds on, the
// running header the Word file has (top right, small), and "n / N" in the bottom margin.
import { esc } from '../html/escape.js';
import { MARGIN_MM } from '../layout.js';
import type { Orientation, Paper } from '../options.js';

export interface PdfPage {
  paper: Paper;
  orientation: Orientation;
  /** The running header (as the Word file's); none when null or absent. */
  header?: string | null;
  /** CSS font-family of the header and footer (the handout's font). */
  fontFamily?: string;
  /** False: no page numbers (the X会議 pack numbers the whole bundle itself). */
  pageNumbers?: boolean;
  /** The X会議 pack's 資料1, 資料2 …: framed, top right of every page. */
  stamp?: string;
}

const box = (p: PdfPage, align: string) =>
  `width:100%;margin:0 ${MARGIN_MM}mm;text-align:${align};font-size:8pt;color:#595959;font-family:${esc(p.fontFamily ?? 'sans-serif')}`;

/** Chromium fills .pageNumber / .totalPages in header and footer templates. */
export function footerTemplate(p: PdfPage): string {
  if (p.pageNumbers === false) return '<div></div>';
  return `<div style="${box(p, 'center')};color:#333"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`;
}

export function headerTemplate(p: PdfPage): string {
  if (!p.header && !p.stamp) return '<div></div>';
  const stamp = p.stamp ? `<span style="margin-left:3mm;border:0.75pt solid #000;padding:0.5mm 2.5mm;font-size:11pt;color:#000;font-weight:bold">${esc(p.stamp)}</span>` : '';
  return `<div style="${box(p, 'right')};padding-top:${p.stamp ? 4 : 5}mm">${p.header ? esc(p.header) : ''}${stamp}</div>`;
}

export interface PdfPrinter {
  /** Prints a complete HTML document (see html/document.ts) to PDF bytes. */
  print(html: string, page: PdfPage): Promise<Uint8Array>;
  close(): Promise<void>;
}
